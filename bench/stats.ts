/** The p-th percentile (0–100) of a sample, by nearest rank; NaN for an empty sample. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/** Nanoseconds of the high-resolution clock as milliseconds. */
export function elapsedMs(startNs: bigint): number {
  return Number(process.hrtime.bigint() - startNs) / 1e6;
}

/** Megabytes, one decimal. */
export const megabytes = (bytes: number): number => Math.round(bytes / 1e5) / 10;

/** A number with at most `digits` decimals, for JSON and tables. */
export const rounded = (value: number, digits = 1): number => Math.round(value * 10 ** digits) / 10 ** digits;
