// The sandbox's "SMS gateway and mail server": a line in the log. This is the only place where a
// code appears in clear; testers read codes here.
import type { LoginCodeChannel } from '../backend/schemas';

export type Log = (line: string) => void;

export function deliver(
  log: Log,
  channel: LoginCodeChannel,
  to: string,
  contractNumber: string,
  text: string,
): void {
  log(`[outbox] ${channel === 'sms' ? 'SMS' : 'E-mail'} to ${to} (${contractNumber}): ${text}`);
}
