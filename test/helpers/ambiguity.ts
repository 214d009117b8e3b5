import type { BotServices } from '../../src/dialogs/services';
import type { FaqIndex } from '../../src/faq/faqIndex';
import type { Language } from '../../src/language';
import type { Candidate } from '../../src/faq/matcher';
import { contentWords } from '../../src/faq/normalize';

/**
 * Words of the shipped questions and alternates, each on its own: short queries like "code" or
 * "registrierung" are what users type and what several entries share. Sorted, so the search is repeatable.
 */
export function contentVocabulary(index: FaqIndex, lang: Language): string[] {
  const found = new Set<string>();
  for (const entry of index.faq.entries) {
    for (const text of [entry.text[lang].question, ...entry.text[lang].alternates]) {
      for (const word of text.split(/[\s,.;:!?«»"()]+/)) {
        if (word.length >= 4 && contentWords(word, lang).length === 1) found.add(word.toLowerCase());
      }
    }
  }
  return [...found].sort();
}

/** A text the shipped content finds ambiguous in `lang`, with its "did you mean" candidates. */
export function findAmbiguousText(
  index: FaqIndex,
  lang: Language,
): { text: string; candidates: Candidate[] } {
  for (const text of contentVocabulary(index, lang)) {
    const outcome = index.matchQuestion(text, lang);
    if (outcome.kind === 'ambiguous' && outcome.candidates.length >= 2)
      return { text, candidates: outcome.candidates };
  }
  throw new Error(`no word of the shipped ${lang} content is ambiguous`);
}

/**
 * Like findAmbiguousText, but a text the bot treats as an FAQ question in `lang`: not a command or small
 * talk, and not taken for another language.
 */
export function findAmbiguousQuestion(
  services: BotServices,
  lang: Language,
): { text: string; candidates: Candidate[] } {
  const index = services.faq.current();
  for (const text of contentVocabulary(index, lang)) {
    const meaning = services.interpreter
      .current()
      .interpret(text, { language: lang, currentYear: 2026, faq: index });
    if (meaning.kind !== 'ambiguous' || meaning.language !== lang) continue;
    const { outcome } = meaning;
    if (outcome.kind === 'ambiguous' && outcome.candidates.length >= 2)
      return { text, candidates: outcome.candidates };
  }
  throw new Error(`no word of the shipped ${lang} content is an ambiguous question for the bot`);
}
