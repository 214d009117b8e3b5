import { watch, type FSWatcher } from 'node:fs';
import type { OperatorLog } from '../observability/operatorLog';
import { FaqIndex } from './faqIndex';
import { ContentError, formatProblem, loadFaq } from './loader';
import type { Thresholds } from './matcher';

export interface FaqWatcherOptions {
  dir: string;
  thresholds: Partial<Thresholds>;
  log: OperatorLog;
  /** Editors save in several steps (temp file, rename): wait this long after the last change. */
  debounceMs?: number;
}

const DEFAULT_DEBOUNCE_MS = 300;
const REJECTED = 'FAQ edit rejected, the bot keeps serving the last valid content.';

/**
 * The FAQ in force, reloaded while the bot runs when a YAML file under the content directory changes.
 * Invalid content is never served: the edit is rejected in the log (file, entry, field) and the last
 * valid content stays in force until the file is fixed.
 */
export class FaqWatcher {
  private index: FaqIndex;
  private readonly watcher: FSWatcher;
  private timer?: NodeJS.Timeout;

  /** Loads the content once (throwing ContentError if it is invalid, so the bot does not start) and watches it. */
  constructor(private readonly options: FaqWatcherOptions) {
    this.index = new FaqIndex(loadFaq(options.dir), options.thresholds);
    this.watcher = watch(options.dir, { recursive: true }, (_event, file) => {
      if (file === null || /\.ya?ml$/.test(file)) this.scheduleReload();
    });
    this.watcher.on('error', (error) =>
      options.log.error(
        { dir: options.dir, err: error },
        `FAQ watcher on ${options.dir} failed: ${error.message}`,
      ),
    );
  }

  current(): FaqIndex {
    return this.index;
  }

  close(): void {
    clearTimeout(this.timer);
    this.watcher.close();
  }

  private scheduleReload(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.reload(), this.options.debounceMs ?? DEFAULT_DEBOUNCE_MS);
  }

  private reload(): void {
    const { dir, thresholds, log } = this.options;
    try {
      this.index = new FaqIndex(loadFaq(dir), thresholds);
      const entries = this.index.faq.entries.length;
      log.info({ dir, entries }, `FAQ reloaded from ${dir}: ${entries} entries.`);
    } catch (error) {
      // Thrown in a timer, an error would end the process: the running bot matters more than the edit.
      if (!(error instanceof ContentError)) {
        log.error({ dir, err: error }, `${REJECTED} Fix: ${String(error)}`);
        return;
      }
      // One line per problem, so each can be found by its file, entry and field.
      for (const problem of error.problems) {
        log.error(
          {
            dir,
            file: problem.file,
            line: problem.line,
            entry: problem.entryId,
            field: problem.field,
            problem: problem.message,
            hint: problem.hint,
          },
          `${REJECTED} Fix: ${formatProblem(problem).trim()}`,
        );
      }
    }
  }
}
