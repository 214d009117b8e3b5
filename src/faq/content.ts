import type { ActionId } from '../actions/catalog';
import type { Language } from '../language';


export interface LocalizedEntry {
  question: string;
  alternates: readonly string[];
  /** Markdown. */
  answer: string;
}

export interface FaqEntry {
  id: string;
  category: string;
  followUps: readonly string[];
  action?: ActionId;
  owner?: string;
  /** "2027-03-31": the entry is to be reviewed by then. */
  reviewBy?: string;
  /** The file the entry was loaded from, relative to the content directory: for messages to support staff. */
  file: string;
  text: Readonly<Record<Language, LocalizedEntry>>;
}

export interface FaqCategory {
  id: string;
  name: Readonly<Record<Language, string>>;
}

/** Per language: a folded word users write → the folded word the FAQ writes for it. */
export type Synonyms = Readonly<Record<Language, ReadonlyMap<string, string>>>;

/**
 * Per language: questions near the FAQ that it does not answer (faq/neighbours.yaml), by topic. The matcher
 * scores them like entries; when one wins, the bot falls back instead of answering its closest entry.
 */
export type Neighbours = Readonly<Record<Language, ReadonlyArray<{ topic: string; questions: readonly string[] }>>>;

/** Facts given per language (faq/facts.yaml), by the name messages interpolate them with. */
export type ContentFacts = Readonly<Record<'phone' | 'email', Readonly<Record<Language, string>>>>;

/** The facts of one language as interpolation values: { phone: "0800 815 416", email: "…" }. */
export function factsIn(facts: ContentFacts, lang: Language): Record<keyof ContentFacts, string> {
  return { phone: facts.phone[lang], email: facts.email[lang] };
}

/** A validated FAQ: every follow-up and category reference resolves. */
export interface Faq {
  categories: readonly FaqCategory[];
  entries: readonly FaqEntry[];
  byId: ReadonlyMap<string, FaqEntry>;
  synonyms: Synonyms;
  neighbours: Neighbours;
  facts: ContentFacts;
}
