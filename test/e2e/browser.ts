import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import type { Language } from '../../src/language';
import { defaultServices } from '../helpers/conversation';

/** Helpers of the browser tests: Chromium, waiting for what the page shows, answers as Web Chat shows them. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const STEP_TIMEOUT_MS = 20_000;

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM}: install it (apt-get install chromium) or set CHROMIUM_PATH`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export const faq = () => defaultServices().faq.current();

/** The start of an answer as Web Chat shows it: Markdown emphasis and link targets gone. */
export function visibleStart(markdown: string): string {
  const firstLine = markdown.split('\n').find((line) => line.trim()) ?? '';
  return firstLine
    .replace(/\*\*|__/g, '')
    .replace(/\[([^\]]+)\]\([^)]+\)/g, '$1')
    .slice(0, 40)
    .trim();
}

export function answerStart(id: string, lang: Language): string {
  const entry = faq().entry(id);
  if (!entry) throw new Error(`no FAQ entry ${id}`);
  return visibleStart(entry.text[lang].answer);
}

/** Retries `check` (a function with expectations) until it passes or the step's time is up. */
export async function eventually(check: () => Promise<void>, timeoutMs = STEP_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
