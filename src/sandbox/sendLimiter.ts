// At most MAX_SENDS messages per contract number in a sliding window, so the sandbox also shows 429.
export const MAX_SENDS = 5;
export const SEND_WINDOW_MS = 15 * 60 * 1000;

export class SendLimiter {
  private readonly sent = new Map<string, number[]>();

  /** Records a send and returns undefined, or returns the seconds to wait when over the limit. */
  take(contractNumber: string, nowMs: number): number | undefined {
    const recent = (this.sent.get(contractNumber) ?? []).filter((at) => nowMs - at < SEND_WINDOW_MS);
    if (recent.length >= MAX_SENDS) {
      this.sent.set(contractNumber, recent);
      return Math.max(1, Math.ceil((recent[0]! + SEND_WINDOW_MS - nowMs) / 1000));
    }
    this.sent.set(contractNumber, [...recent, nowMs]);
    return undefined;
  }
}
