/** The `--name value` options of a bench command; anything else is an error naming it. */
export function readOptions(argv: readonly string[], names: readonly string[]): Map<string, string> {
  const options = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i].replace(/^--/, '');
    if (!argv[i].startsWith('--') || !names.includes(name)) {
      throw new Error(`unknown option ${argv[i]} (known: ${names.map((n) => `--${n}`).join(', ')})`);
    }
    if (argv[i + 1] === undefined) throw new Error(`--${name} needs a value`);
    options.set(name, argv[i + 1]);
  }
  return options;
}

export function positiveInteger(name: string, value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1)
    throw new Error(`--${name} must be a whole number ≥ 1, not "${value}"`);
  return number;
}

/** "30s", "1500ms", "2m" or a number of seconds, in milliseconds. */
export function durationMs(name: string, value: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(value.trim());
  if (!match || Number(match[1]) <= 0)
    throw new Error(`--${name} must be a duration like 30s, 1500ms or 2m, not "${value}"`);
  const unit = { ms: 1, s: 1000, m: 60_000 }[match[2] ?? 's']!;
  return Number(match[1]) * unit;
}
