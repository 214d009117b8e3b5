import path from 'node:path';
import type { Config } from '../config';
import { cacheWritesDone } from '../diskCache';
import { isLanguage, type Language } from '../language';

/** The few flags the command-line tools share; positional words are returned in order. */
export interface CliArgs {
  positional: string[];
  faqDir: string;
  lang?: Language;
  json: boolean;
  strict: boolean;
  /** `faq -- report`: the period ("7d", a date); `faq -- check`: the git commit ('' when not given). */
  since?: string;
  html?: string;
  /** `eval -- --half tune|report`: only the rows of one half of a blind set. */
  half?: string;
  /** `faq -- suggest --accept ID`: the suggestion to write into its entry. */
  accept?: string;
  /** `eval -- --flows FILE`: the labelled mid-flow messages, and the current year for "letztes Jahr". */
  flows?: string;
  year?: number;
}

/** The flags in `argv`; without `--faq`, the content folder is the configuration's (FAQ_DIR), as for the bot. */
export function parseArgs(argv: readonly string[], config: Pick<Config, 'FAQ_DIR'>): CliArgs {
  const args: CliArgs = { positional: [], faqDir: config.FAQ_DIR, json: false, strict: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--faq') args.faqDir = path.resolve(requireValue(argv, ++i, '--faq'));
    else if (arg === '--lang') {
      const lang = requireValue(argv, ++i, '--lang');
      if (!isLanguage(lang)) throw new Error(`--lang must be de, fr or it, not "${lang}"`);
      args.lang = lang;
    } else if (arg === '--json') args.json = true;
    else if (arg === '--strict') args.strict = true;
    // `check --since` alone means "since the last commit": the value is optional there.
    else if (arg === '--since') args.since = argv[i + 1]?.startsWith('--') ? '' : (argv[++i] ?? '');
    else if (arg === '--accept') args.accept = requireValue(argv, ++i, '--accept');
    else if (arg === '--half') args.half = requireValue(argv, ++i, '--half');
    else if (arg === '--html') args.html = path.resolve(requireValue(argv, ++i, '--html'));
    else if (arg === '--flows') args.flows = path.resolve(requireValue(argv, ++i, '--flows'));
    else if (arg === '--year') {
      const year = Number(requireValue(argv, ++i, '--year'));
      if (!Number.isInteger(year) || year < 2000 || year > 2100)
        throw new Error('--year must be a year, e.g. 2026');
      args.year = year;
    } else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}`);
    else args.positional.push(arg);
  }
  return args;
}

function requireValue(argv: readonly string[], i: number, flag: string): string {
  const value = argv[i];
  if (value === undefined) throw new Error(`${flag} needs a value`);
  return value;
}

/** Runs a command-line tool: a thrown error is printed as one clear line and exits 1 (2 for usage). */
export function runCli(main: (argv: string[]) => number | Promise<number>): void {
  Promise.resolve()
    .then(() => main(process.argv.slice(2)))
    .then(exitAfterOutput, (error: Error) => {
      console.error(error.message);
      exitAfterOutput(2);
    });
}

/**
 * process.exit() drops what a pipe has not taken yet (an export of more than 64 KB was cut off there) and the
 * cache files being written (the next command would build its matchers again).
 */
function exitAfterOutput(code: number): void {
  void cacheWritesDone().then(() => process.stdout.write('', () => process.exit(code)));
}
