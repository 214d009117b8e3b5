import type { ContentFacts, FaqEntry } from '../content';
import { LANGUAGES, type Language } from '../../language';
import { EMAIL_ADDRESS } from '../../security/pii';
import { foldText } from '../normalize';
import { languageModule } from '../../languages';
import type { QualityFinding } from './findings';

/** Facts an answer must give alike in every language. */
export type FactKind = 'phone number' | 'e-mail address' | 'web address' | 'percentage' | 'number of years';

export interface Fact {
  kind: FactKind;
  /** Comparable across languages: "0585858348", "websupport@kpt.ch", "6.7%", "3 years". */
  value: string;
  /** As the answer writes it. */
  shown: string;
}

const URL = /\b(?:https?:\/\/|www\.)[^\s<>()[\]"'«»]+/giu;
const PHONE = /(?:\+|\b0)(?:\d[\s./-]?){8,12}\d\b/g;
const PERCENTAGE = /(\d+(?:[.,]\d+)?)\s*(?:%|prozent\b|pour\s?cent\b|per\s?cento\b)/giu;

/** Numbers written as words, folded (foldText) as they are matched. */
const NUMBER_WORDS = Object.fromEntries(LANGUAGES.map((lang) => [lang, languageModule(lang).numberWords])) as Record<
  Language,
  Readonly<Record<string, number>>
>;
/** "3 Jahre", "zehn Jahren", "3-Jahres-Vertrag", "3 ans", "dix années", "dieci anni", "un anno". */
const YEARS = /(?<![\p{L}\p{N}])(\d+|\p{L}+)[\s-]*(?:jahr(?:e|en|es)?|ans?|annees?|anni|anno)(?![\p{L}\p{N}])/gu;

const trimTrailingPunctuation = (text: string) => text.replace(/[.,;:!?]+$/, '');

function phoneValue(shown: string): string {
  const digits = shown.replace(/[^\d+]/g, '');
  return digits.replace(/^(?:\+|00)41/, '0');
}

/**
 * The phone numbers, e-mail and web addresses, percentages and numbers of years an answer gives. Each
 * is taken out of the text once found, so that a phone number's digits are not read as a percentage.
 */
export function extractFacts(answer: string, lang: Language): Fact[] {
  const facts: Fact[] = [];
  /** Replaces each match by a space once it became a fact; `group` is the first capture group. */
  const take = (text: string, pattern: RegExp, toFact: (shown: string, group: string) => Fact | undefined) =>
    text.replace(pattern, (shown: string, group: unknown) => {
      const fact = toFact(shown, typeof group === 'string' ? group : '');
      if (fact) facts.push(fact);
      return fact ? ' ' : shown;
    });
  let text = take(answer, EMAIL_ADDRESS, (shown) => {
    const value = trimTrailingPunctuation(shown);
    return { kind: 'e-mail address', value: value.toLowerCase(), shown: value };
  });
  text = take(text, URL, (shown) => {
    const value = trimTrailingPunctuation(shown);
    const comparable = value.toLowerCase().replace(/^https?:\/\//, '').replace(/\/$/, '');
    return { kind: 'web address', value: comparable, shown: value };
  });
  text = take(text, PHONE, (shown) => ({ kind: 'phone number', value: phoneValue(shown), shown }));
  text = take(text, PERCENTAGE, (shown, number) => ({
    kind: 'percentage',
    value: `${number.replace(',', '.')}%`,
    shown,
  }));
  take(foldText(text, lang), YEARS, (shown, count) => {
    const years = /^\d+$/.test(count) ? Number(count) : NUMBER_WORDS[lang][count];
    return years === undefined ? undefined : { kind: 'number of years', value: `${years} years`, shown };
  });
  return facts;
}

/** The per-language facts (faq/facts.yaml) as extracted values: phone → language → "0800815415". */
function tableValues(
  table: ContentFacts,
): Array<{ name: keyof ContentFacts; kind: FactKind; values: Record<Language, string>; written: Record<Language, string> }> {
  const valuesOf = (kind: FactKind, name: keyof ContentFacts) =>
    Object.fromEntries(
      LANGUAGES.map((lang) => [lang, extractFacts(table[name][lang], lang).find((f) => f.kind === kind)?.value ?? '']),
    ) as Record<Language, string>;
  return [
    { name: 'phone', kind: 'phone number', values: valuesOf('phone number', 'phone'), written: table.phone },
    { name: 'email', kind: 'e-mail address', values: valuesOf('e-mail address', 'email'), written: table.email },
  ];
}

/**
 * Reads an answer's facts against the per-language table: its own language's value (the French line in
 * French) becomes the same value in every language, so the lines of different languages are no drift. A value
 * of another language's row is a finding of its own, unless the answer also gives its own (a list of all lines).
 */
function applyTable(
  entry: FaqEntry,
  lang: Language,
  facts: Fact[],
  table: ReturnType<typeof tableValues>,
  findings: QualityFinding[],
): Fact[] {
  const result: Fact[] = [];
  for (const fact of facts) {
    const row = table.find((r) => r.kind === fact.kind && LANGUAGES.some((l) => r.values[l] === fact.value));
    if (!row) result.push(fact);
    else if (row.values[lang] === fact.value) result.push({ ...fact, value: `{{${row.name}}}` });
    else if (!facts.some((f) => f.value === row.values[lang])) {
      const of = LANGUAGES.filter((l) => row.values[l] === fact.value).join(', ');
      findings.push(
        drift(
          entry,
          lang,
          `the ${fact.kind} "${fact.shown}" is the one for ${of} (faq/facts.yaml, "${row.name}"); ${lang} users are to get theirs`,
          `write the ${lang} ${fact.kind} from faq/facts.yaml: ${row.written[lang]}`,
        ),
      );
      result.push({ ...fact, value: `{{${row.name}}}` });
    }
  }
  return result;
}

/**
 * A fact given in some languages' answers and missing or different in another's. Facts that differ per language
 * on purpose (the support line of each language) are read against the table in faq/facts.yaml.
 */
export function findFactDrift(entries: readonly FaqEntry[], table: ContentFacts): QualityFinding[] {
  const findings: QualityFinding[] = [];
  const rows = tableValues(table);
  for (const entry of entries) {
    const facts = Object.fromEntries(
      LANGUAGES.map((lang) => [lang, applyTable(entry, lang, extractFacts(entry.text[lang].answer, lang), rows, findings)]),
    ) as Record<Language, Fact[]>;
    const kinds = new Set(LANGUAGES.flatMap((lang) => facts[lang].map((f) => f.kind)));
    for (const kind of kinds) {
      for (const lang of LANGUAGES) {
        const own = facts[lang].filter((f) => f.kind === kind);
        const ownValues = new Set(own.map((f) => f.value));
        const others = LANGUAGES.filter((l) => l !== lang);
        const missing = new Map<string, { shown: string; in: Language[] }>();
        for (const other of others) {
          for (const fact of facts[other].filter((f) => f.kind === kind && !ownValues.has(f.value))) {
            const seen = missing.get(fact.value) ?? { shown: fact.shown, in: [] };
            if (!seen.in.includes(other)) seen.in.push(other);
            missing.set(fact.value, seen);
          }
        }
        if (missing.size === 0) continue;
        const lacking = [...missing.values()].map((m) => `"${m.shown}" (in ${m.in.join(', ')})`).join(', ');
        const extra = own.filter((f) => !others.some((o) => facts[o].some((x) => x.value === f.value)));
        const instead = extra.length > 0 ? `; it gives ${extra.map((f) => `"${f.shown}"`).join(', ')} instead` : '';
        findings.push(
          drift(
            entry,
            lang,
            `the ${kind} ${lacking} is missing from this answer${instead}`,
            `check the ${kind} against the source and give the same one in every language`,
          ),
        );
      }
    }
  }
  return findings;
}

function drift(entry: FaqEntry, lang: Language, problem: string, advice: string): QualityFinding {
  return { check: 'fact-drift', file: entry.file, entryId: entry.id, lang, field: `${lang}.answer`, problem, advice };
}
