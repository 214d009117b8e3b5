import type { FaqEntry } from '../content';
import { LANGUAGES, type Language } from '../../language';
import { LanguageGuesses } from '../../nlu/languageDetection';
import { isStopWord, words } from '../normalize';
import { phrasingsOf, type QualityFinding } from './findings';

/** Shorter phrasings ("code sms connect") look like any of the three languages. */
export const MIN_WORDS_TO_DETECT = 4;
/**
 * How far tinyld must put another language ahead of the section's own. Calibrated on the shipped content:
 * at 0.05 none of its 1,164 phrasings of four words or more is flagged (Swiss German and short keyword
 * strings reach 0.04), and 4 in 5 of them are when moved to another language's section.
 */
export const LANGUAGE_MARGIN = 0.05;

const functionWords = (text: string, lang: Language) => words(text, lang).filter((w) => isStopWord(lang, w)).length;

/**
 * The language a phrasing is clearly written in when that is not `section`'s: tinyld puts it ahead by the
 * margin, and the phrasing has more of its function words ("le", "die", "il") than of the section's.
 */
export function otherLanguageOf(text: string, section: Language): Language | undefined {
  if (words(text, section).length < MIN_WORDS_TO_DETECT) return undefined;
  const scores = new LanguageGuesses(text).scores();
  const best = scores[0];
  if (!best || best.lang === section) return undefined;
  const own = scores.find((s) => s.lang === section)?.score ?? 0;
  if (best.score - own < LANGUAGE_MARGIN) return undefined;
  const theirs = functionWords(text, best.lang);
  return theirs > 0 && theirs > functionWords(text, section) ? best.lang : undefined;
}

/** A question or alternate written in another language than the section it stands in. */
export function findWrongLanguagePhrasings(entries: readonly FaqEntry[]): QualityFinding[] {
  const findings: QualityFinding[] = [];
  for (const entry of entries) {
    for (const lang of LANGUAGES) {
      for (const { field, text } of phrasingsOf(entry, lang)) {
        const other = otherLanguageOf(text, lang);
        if (!other) continue;
        findings.push({
          check: 'wrong-language',
          file: entry.file,
          entryId: entry.id,
          lang,
          field,
          problem: `"${text}" looks written in ${other}, not ${lang}`,
          advice: `move it to the "${other}:" section of this entry, or write it in ${lang}`,
        });
      }
    }
  }
  return findings;
}
