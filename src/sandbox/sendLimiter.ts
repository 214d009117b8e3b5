// At most `max` sends per key (a contract number) in a sliding window, so the sandbox also shows 429.
export const MAX_SENDS = 5;
export const SEND_WINDOW_MS = 15 * 60 * 1000;

export class SendLimiter {
  private readonly sent = new Map<string, number[]>();

  constructor(
    private readonly max = MAX_SENDS,
    private readonly windowMs = SEND_WINDOW_MS,
  ) {}

  /** Records a send and returns undefined, or returns the seconds to wait when over the limit. */
  take(key: string, nowMs: number): number | undefined {
    const recent = (this.sent.get(key) ?? []).filter((at) => nowMs - at < this.windowMs);
    if (recent.length >= this.max) {
      this.sent.set(key, recent);
      return Math.max(1, Math.ceil((recent[0]! + this.windowMs - nowMs) / 1000));
    }
    this.sent.set(key, [...recent, nowMs]);
    return undefined;
  }
}
