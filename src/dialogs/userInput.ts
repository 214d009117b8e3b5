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

/**
 * The value of a pressed button: messageBack and postBack carry it as an object, an Adaptive Card submit as
 * its data object (with any extra fields, e.g. Teams' `msteams`, ignored), Teams' messageBack sometimes as
 * JSON text.
 */
export function pressedButton(value: unknown): ButtonValue | undefined {
  let candidate = value;
  if (typeof value === 'string' && value.trimStart().startsWith('{')) {
    try {
      candidate = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  const parsed = buttonValueSchema.safeParse(candidate);
  return parsed.success ? parsed.data : undefined;
}

export function readUserInput(
  activity: Pick<Activity, 'text' | 'value' | 'attachments'>,
  maxLength: number,
): UserInput {
  if (activity.value !== undefined && activity.value !== null) {
    const value = pressedButton(activity.value);
    if (value) return { kind: 'button', value };
    if (!activity.text) return { kind: 'invalid-button' };
  }
  const text = typeof activity.text === 'string' ? activity.text.replace(CONTROL_CHARACTERS, '').trim() : '';
  if (text.length > maxLength) return { kind: 'too-long', max: maxLength };
  if (text) return { kind: 'text', text };
  return activity.attachments?.length ? { kind: 'attachment-only' } : { kind: 'empty' };
}
