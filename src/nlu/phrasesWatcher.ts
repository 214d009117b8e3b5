import path from 'node:path';
import { ContentWatcher } from '../faq/watcher';
import type { OperatorLog } from '../observability/operatorLog';
import { ACTION_IDS } from '../actions/catalog';
import { Interpreter } from './interpreter';
import { PhraseBook } from './phraseBook';
import { COMMANDS, loadPhrases, PHRASES_FILE } from './phraseContent';

/** The interpreter of the phrases in `dir`/phrases.yaml; throws ContentError if they are invalid. */
export function loadInterpreter(dir: string): Interpreter {
  return new Interpreter(new PhraseBook(loadPhrases(dir)));
}

/**
 * The interpreter of the phrases in force, rebuilt when faq/phrases.yaml is saved while the bot runs
 * (support staff extend the phrases like the FAQ entries); an invalid edit is rejected in the log.
 */
export class PhrasesWatcher extends ContentWatcher<Interpreter> {
  constructor(options: { dir: string; log: OperatorLog; debounceMs?: number }) {
    super({
      ...options,
      name: 'Phrases',
      load: loadInterpreter,
      summary: () => `${COMMANDS.length} commands, ${ACTION_IDS.length} actions`,
      watches: (file) => path.basename(file) === PHRASES_FILE,
    });
  }
}
