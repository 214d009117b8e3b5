import type { Faq, FaqCategory, FaqEntry } from './content';
import { LANGUAGES, type Language } from '../language';
import { words } from './normalize';
import { DEFAULT_SCORING, thresholdsFor, type Matcher, type MatchOutcome, type Thresholds } from './matcher';
import { cachedMatcher } from './matcherCache';

/** Intent ids of neighbours (faq/neighbours.yaml): never an entry's id, which has no colon. */
const NEIGHBOUR_PREFIX = 'neighbour:';

/** A loaded FAQ with a matcher per language: everything a conversation needs to look up answers. */
export class FaqIndex {
  private readonly matchers: Record<Language, Matcher>;

  constructor(
    readonly faq: Faq,
    /** Thresholds the configuration sets for every language instead of the calibrated ones. */
    overrides: Partial<Thresholds> = {},
  ) {
    this.matchers = Object.fromEntries(
      LANGUAGES.map((lang) => [
        lang,
        cachedMatcher(
          [
            ...faq.entries.map((e) => ({
              id: e.id,
              phrasings: [e.text[lang].question, ...e.text[lang].alternates],
              followUps: e.followUps,
            })),
            ...faq.neighbours[lang].map((n) => ({ id: `${NEIGHBOUR_PREFIX}${n.topic}`, phrasings: n.questions, outOfScope: true })),
          ],
          lang,
          thresholdsFor(lang, overrides),
          DEFAULT_SCORING,
          faq.synonyms[lang],
          new Set(faq.entries.flatMap((e) => words(e.text[lang].answer, lang))),
        ),
      ]),
    ) as Record<Language, Matcher>;
  }

  matchQuestion(text: string, lang: Language): MatchOutcome {
    return this.matchers[lang].matchQuestion(text);
  }

  matcher(lang: Language): Matcher {
    return this.matchers[lang];
  }

  entry(id: string): FaqEntry | undefined {
    return this.faq.byId.get(id);
  }

  get categories(): readonly FaqCategory[] {
    return this.faq.categories;
  }

  category(id: string): FaqCategory | undefined {
    return this.faq.categories.find((c) => c.id === id);
  }

  entriesIn(categoryId: string): FaqEntry[] {
    return this.faq.entries.filter((e) => e.category === categoryId);
  }
}
