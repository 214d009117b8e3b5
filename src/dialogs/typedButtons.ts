import { ACTION_IDS } from '../actions/catalog';
import { foldMarks } from '../faq/normalize';
import { LANGUAGES } from '../language';
import { KEEP_TOPIC } from '../nlu/stepAnswers';
import type { ButtonValue } from './buttonValue';
import type { Translator } from '../i18n/translator';

/** What a button label means when typed; feedback needs the answer it is about. */
type LabelMeaning = ButtonValue | { kind: 'feedback-for-last'; helpful: boolean } | { kind: 'label' };

/** "Pas utile!", " nicht hilfreich ": case, accents, punctuation and spaces do not matter. */
const plain = (text: string): string =>
  foldMarks(text.normalize('NFKC').toLowerCase())
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/**
 * The labels of the bot's buttons in every language (locales/), typed or sent as text by a client that
 * drops the button's value: they mean the button, never a question, a topic or a description.
 */
export class TypedButtons {
  private readonly labels = new Map<string, LabelMeaning>();

  constructor(translator: Translator) {
    for (const lang of LANGUAGES) {
      const add = (key: string, meaning: LabelMeaning) => {
        const label = plain(translator.t(lang, key));
        if (label && !this.labels.has(label)) this.labels.set(label, meaning);
      };
      add('feedback.helpful', { kind: 'feedback-for-last', helpful: true });
      add('feedback.notHelpful', { kind: 'feedback-for-last', helpful: false });
      add('didYouMean.none', { kind: 'none-of-these' });
      add('support.keepTopic', { kind: 'choice', value: KEEP_TOPIC });
      add('buttons.topics', { kind: 'topics' });
      // Starting an action is the interpreter's to decide; its button title is still no topic.
      for (const id of ACTION_IDS) add(`actions.${id}.button`, { kind: 'label' });
    }
  }

  /** The button the text names, if any; feedback only while an answer waits for it (`lastAnswer`). */
  meaning(text: string, lastAnswer: string | undefined): ButtonValue | undefined {
    const meaning = this.labels.get(plain(text));
    if (!meaning || meaning.kind === 'label') return undefined;
    if (meaning.kind !== 'feedback-for-last') return meaning;
    return lastAnswer === undefined
      ? undefined
      : { kind: 'feedback', id: lastAnswer, helpful: meaning.helpful };
  }

  /** The text is one of the bot's button labels. */
  isLabel(text: string): boolean {
    return this.labels.has(plain(text));
  }
}
