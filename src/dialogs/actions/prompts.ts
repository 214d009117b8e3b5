import type { TurnContext } from 'botbuilder';
import { TextPrompt, type PromptValidatorContext } from 'botbuilder-dialogs';
import type { Language } from '../../language';
import { pickOption } from '../../nlu/choices';
import { parseContractNumber } from '../../security/contractNumber';
import { pressedButton } from '../userInput';

type LanguageOf = (context: TurnContext) => Promise<Language>;

/** The value of a choice button, if the user pressed one. */
function pressedChoice(context: TurnContext): string | undefined {
  const pressed = pressedButton(context.activity.value);
  return pressed?.kind === 'choice' ? pressed.value : undefined;
}

/** Asks for an online contract number; the result is its canonical form ("KPT12345678"). */
export function contractNumberPrompt(id: string): TextPrompt {
  return new TextPrompt(id, async (prompt: PromptValidatorContext<string>) => {
    const contract = prompt.recognized.succeeded
      ? parseContractNumber(prompt.recognized.value ?? '')
      : undefined;
    if (contract) prompt.recognized.value = contract;
    return contract !== undefined;
  });
}

/** Asks for a six-digit code; spaces are forgiven ("123 456"). */
export function codePrompt(id: string): TextPrompt {
  return new TextPrompt(id, async (prompt: PromptValidatorContext<string>) => {
    const code = (prompt.recognized.value ?? '').replace(/\s/g, '');
    if (!/^\d{6}$/.test(code)) return false;
    prompt.recognized.value = code;
    return true;
  });
}

/**
 * Asks to pick one of a few options, by button or in words ("per SMS bitte"); the result is the option's key.
 * `phrases` gives, per language, the words that name each option.
 */
export function optionPrompt<T extends string>(
  id: string,
  languageOf: LanguageOf,
  phrases: (lang: Language) => Record<T, string[]>,
): TextPrompt {
  return new TextPrompt(id, async (prompt: PromptValidatorContext<string>) => {
    const options = phrases(await languageOf(prompt.context));
    const pressed = pressedChoice(prompt.context);
    const option =
      pressed !== undefined && pressed in options
        ? (pressed as T)
        : pickOption(prompt.recognized.value ?? '', await languageOf(prompt.context), options);
    if (option === undefined) return false;
    prompt.recognized.value = option;
    return true;
  });
}

/** Asks for anything the parser accepts; the result is the parsed value as text. */
export function parsedPrompt(
  id: string,
  languageOf: LanguageOf,
  parse: (text: string, lang: Language) => string | undefined,
): TextPrompt {
  return new TextPrompt(id, async (prompt: PromptValidatorContext<string>) => {
    const text = pressedChoice(prompt.context) ?? prompt.recognized.value ?? '';
    const value = parse(text, await languageOf(prompt.context));
    if (value === undefined) return false;
    prompt.recognized.value = value;
    return true;
  });
}
