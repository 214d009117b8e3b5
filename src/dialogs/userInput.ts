import type { Activity } from 'botbuilder';
import { buttonValueSchema, type ButtonValue } from './buttonValue';

/** A message, sorted into what the bot can act on. */
export type UserInput =
  | { kind: 'text'; text: string }
  | { kind: 'button'; value: ButtonValue }
  | { kind: 'invalid-button' }
  | { kind: 'attachment-only' }
  | { kind: 'empty' }
  | { kind: 'too-long'; max: number };

// Control characters except tab and newline: they carry no meaning and upset terminals and logs.
const CONTROL_CHARACTERS =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g;

export function readUserInput(
  activity: Pick<Activity, 'text' | 'value' | 'attachments'>,
  maxLength: number,
): UserInput {
  if (activity.value !== undefined && activity.value !== null) {
    const parsed = buttonValueSchema.safeParse(activity.value);
    if (parsed.success) return { kind: 'button', value: parsed.data };
    if (!activity.text) return { kind: 'invalid-button' };
  }
  const text = typeof activity.text === 'string' ? activity.text.replace(CONTROL_CHARACTERS, '').trim() : '';
  if (text.length > maxLength) return { kind: 'too-long', max: maxLength };
  if (text) return { kind: 'text', text };
  return activity.attachments?.length ? { kind: 'attachment-only' } : { kind: 'empty' };
}
