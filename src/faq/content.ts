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

/** A validated FAQ: every follow-up and category reference resolves. */
export interface Faq {
  categories: readonly FaqCategory[];
  entries: readonly FaqEntry[];
  byId: ReadonlyMap<string, FaqEntry>;
  synonyms: Synonyms;
}
