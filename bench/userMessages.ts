import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isSpokenRow, parseLabelledRows } from '../src/faq/evaluation';
import { loadFaq } from '../src/faq/loader';
import { LANGUAGES, type Language } from '../src/language';
import { DEV_SET, type Query } from './matching';
import { seededRandom, withTypo } from './syntheticFaq';

/** The next thing a user says. */
export type Messages = () => Query;

const pick = <T>(random: () => number, list: readonly T[]): T => list[Math.floor(random() * list.length)];

/** How people open and close a question in the chat, in each language. */
const OPENINGS: Record<Language, readonly string[]> = {
  de: ['Hallo, ', 'Guten Tag, ', 'Grüezi, ', 'Entschuldigung, ', 'Eine Frage: ', 'Hoi, '],
  fr: ['Bonjour, ', 'Bonsoir, ', 'Excusez-moi, ', 'Une question : ', 'Salut, '],
  it: ['Buongiorno, ', 'Buonasera, ', 'Scusi, ', 'Una domanda: ', 'Salve, '],
};
const CLOSINGS: Record<Language, readonly string[]> = {
  de: [' Danke.', ' Vielen Dank!', ' Danke im Voraus', ' Merci'],
  fr: [' Merci.', ' Merci beaucoup !', " Merci d'avance", ' Merci bien'],
  it: [' Grazie.', ' Grazie mille!', ' Grazie in anticipo', ' Grazie tante'],
};

/** One phrasing as a user might type it: with or without a greeting, a thanks, a typo, capitals, punctuation. */
function varied(text: string, lang: Language, random: () => number): string {
  let out = text;
  if (random() < 0.3) out = withTypo(out, random);
  if (random() < 0.25) out = out.toLowerCase();
  if (random() < 0.3) out = out.replace(/\s*[?!.]+$/, '');
  if (random() < 0.3) out = pick(random, OPENINGS[lang]) + out.charAt(0).toLowerCase() + out.slice(1);
  if (random() < 0.25) out += pick(random, CLOSINGS[lang]);
  return out;
}

/**
 * What users ask, each turn a text not sent before in this process: the FAQ's questions and alternates and the
 * dev set's in-scope questions, each taken at random and varied as people type (greeting, thanks, a typo,
 * lower case, no question mark). Repeating a handful of texts would let any cache of interpretations answer
 * from memory far more often than real users would let it; with texts that never repeat, only what real
 * traffic shares (words, stems, spellings) can be reused. Seeded: every run sends the same sequence.
 */
export function userMessages(seed = 14): Messages {
  const random = seededRandom(seed);
  const faq = loadFaq(path.resolve(__dirname, '..', 'faq'));
  const asked = parseLabelledRows(readFileSync(DEV_SET, 'utf8'), DEV_SET)
    .filter(isSpokenRow)
    .filter((row) => row.expected !== null);
  const phrasings = Object.fromEntries(
    LANGUAGES.map((lang) => [
      lang,
      [
        ...faq.entries.flatMap((e) => [e.text[lang].question, ...e.text[lang].alternates]),
        ...asked.filter((row) => row.lang === lang).map((row) => row.text),
      ],
    ]),
  ) as Record<Language, string[]>;
  const sent = new Set<string>();
  return () => {
    const lang = pick(random, LANGUAGES);
    const base = pick(random, phrasings[lang]);
    let text = varied(base, lang, random);
    // Rare repeats are varied again until they are new (a typo and a greeting at most a few tries away).
    while (sent.has(text)) text = varied(`${pick(random, OPENINGS[lang])}${text}`, lang, random);
    sent.add(text);
    return { lang, text };
  };
}

/** A fixed list of messages, taken in turn (a single question, a test's few). */
export function inTurn(messages: readonly Query[]): Messages {
  let next = 0;
  return () => messages[next++ % messages.length];
}
