import { watch, type FSWatcher } from 'node:fs';
import type { OperatorLog } from '../observability/operatorLog';
import { FaqIndex } from './faqIndex';
import { ContentError, formatProblem, loadFaq } from './loader';
import type { Thresholds } from './matcher';

export interface ContentWatcherOptions<T> {
  dir: string;
  log: OperatorLog;
  /** What the content is called in the log ("FAQ", "phrases"). */
  name: string;
  /** Reads and validates the content, throwing ContentError when it is invalid. */
  load: (dir: string) => T;
  /** What was loaded, for the log line ("29 entries"). */
  summary: (content: T) => string;
  /** The changed files (relative to `dir`) that call for a reload; every YAML file if absent. */
  watches?: (file: string) => boolean;
  /** Editors save in several steps (temp file, rename): wait this long after the last change. */
  debounceMs?: number;
}

const DEFAULT_DEBOUNCE_MS = 300;
const isYaml = (file: string): boolean => /\.ya?ml$/.test(file);

/**
 * Content in force, reloaded while the bot runs when one of its files under the content directory
 * changes. Invalid content is never served: the edit is rejected in the log (file, entry, field) and the
 * last valid content stays in force until the file is fixed.
 */
export class ContentWatcher<T> {
  private content: T;
  private readonly watcher: FSWatcher;
  private timer?: NodeJS.Timeout;

  /** Loads the content once (throwing ContentError if it is invalid, so the bot does not start) and watches it. */
  constructor(private readonly options: ContentWatcherOptions<T>) {
    this.content = options.load(options.dir);
    const watches = options.watches ?? isYaml;
    this.watcher = watch(options.dir, { recursive: true }, (_event, file) => {
      if (file === null || watches(file)) this.scheduleReload();
    });
    this.watcher.on('error', (error) =>
      options.log.error(
        { dir: options.dir, err: error },
        `${options.name} watcher on ${options.dir} failed: ${error.message}`,
      ),
    );
  }

  current(): T {
    return this.content;
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
    const { dir, log, name } = this.options;
    const rejected = `${name} edit rejected, the bot keeps serving the last valid content.`;
    try {
      this.content = this.options.load(dir);
      const summary = this.options.summary(this.content);
      log.info({ dir }, `${name} reloaded from ${dir}: ${summary}.`);
    } catch (error) {
      // Thrown in a timer, an error would end the process: the running bot matters more than the edit.
      if (!(error instanceof ContentError)) {
        log.error({ dir, err: error }, `${rejected} Fix: ${String(error)}`);
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
          `${rejected} Fix: ${formatProblem(problem).trim()}`,
        );
      }
    }
  }
}

export interface FaqWatcherOptions {
  dir: string;
  thresholds: Partial<Thresholds>;
  log: OperatorLog;
  debounceMs?: number;
}

/** The FAQ in force, reloaded while the bot runs. */
export class FaqWatcher extends ContentWatcher<FaqIndex> {
  constructor({ thresholds, ...options }: FaqWatcherOptions) {
    super({
      ...options,
      name: 'FAQ',
      load: (dir) => new FaqIndex(loadFaq(dir), thresholds),
      summary: (index) => `${index.faq.entries.length} entries`,
    });
  }
}
