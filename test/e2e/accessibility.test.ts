import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { findAmbiguousQuestion } from '../helpers/ambiguity';
import { defaultServices, ui } from '../helpers/conversation';
import { PROJECT_ROOT } from '../helpers/paths';
import { BotServer } from './botServer';
import { answerStart, eventually, faq, launchChromium, STEP_TIMEOUT_MS } from './browser';

/**
 * The widget for elderly, screen-reader, keyboard and phone users, in Chromium against the real server:
 * axe-core, one message per answer, the live region, a keyboard-only path, whole choices at 390 px, 200% zoom.
 * Screenshots go to artifacts/ (with UPDATE_SCREENSHOTS=1 to docs/, where the README shows them).
 */
const SCREENSHOTS = path.join(PROJECT_ROOT, process.env.UPDATE_SCREENSHOTS ? 'docs' : 'artifacts');
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
/** Longer than two polls of Web Chat's Direct Line (1 s): a second message of the same answer would be in. */
const SETTLE_MS = 2500;

jest.setTimeout(240_000);

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/** axe-core's serious and critical findings on the whole page (the demo page with the widget). */
async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, so the page's Content-Security-Policy does not stop it.
  await page.evaluate(AXE_SOURCE);
  const result = (await page.evaluate(
    `axe.run(document, { resultTypes: ['violations'] }).then((r) => ({ violations: r.violations, passes: r.passes.map((p) => p.id) }))`,
  )) as { violations: AxeViolation[]; passes: string[] };
  expect(result.passes).toContain('color-contrast');
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** A page of the demo site with the chat panel opened and the welcome shown. */
async function openChat(browser: Browser, server: BotServer, viewport: { width: number; height: number }) {
  const context = await browser.newContext({ viewport, locale: 'de-CH' });
  const page = await context.newPage();
  await page.goto(server.url + '/');
  await page.locator('.phw-launcher').click();
  await page
    .locator('.webchat__bubble__content', { hasText: greeting() })
    .waitFor({ timeout: STEP_TIMEOUT_MS });
  return { context, page };
}

const greeting = () => ui('de', 'welcome.greeting', { brand: 'KPT' });

/** The bot's messages in the transcript. */
const botMessages = (page: Page) =>
  page.locator('#phw-panel .webchat__bubble:not(.webchat__bubble--from-user) .webchat__bubble__content');

/** A suggested action under the last message (not its copy in the screen-reader live region). */
const suggestion = (page: Page, title: string) =>
  page.locator('#phw-panel .webchat__suggested-actions').getByRole('button', { name: title, exact: true });

async function ask(page: Page, text: string): Promise<void> {
  const input = page.locator('#phw-panel .webchat__send-box-text-box__input');
  await input.fill(text);
  await input.press('Enter');
}

/** Whether the top of the bot's message showing `text` is inside the transcript's visible area. */
async function inView(page: Page, text: string): Promise<boolean> {
  return (await page.evaluate(`(() => {
    const scroller = document.querySelector('#phw-panel .webchat__basic-transcript__scrollable');
    const message = [...document.querySelectorAll('#phw-panel .webchat__bubble__content')].find((m) =>
      m.textContent.includes(${JSON.stringify(text)}),
    );
    if (!message) return false;
    const view = scroller.getBoundingClientRect();
    const top = message.getBoundingClientRect().top;
    return top >= view.top - 1 && top < view.bottom;
  })()`)) as boolean;
}

/** Elements inside `selector` whose content is cut (wider or taller than the box that shows it). */
async function clipped(page: Page, selector: string): Promise<string[]> {
  return (await page.evaluate(`(() => {
    const cut = [];
    for (const root of document.querySelectorAll(${JSON.stringify(selector)})) {
      for (const el of [root, ...root.querySelectorAll('*')]) {
        if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)
          cut.push(el.className + ': "' + el.textContent.slice(0, 60) + '"');
      }
    }
    return cut;
  })()`)) as string[];
}

/** Records everything the transcript's live region says from now on (read with `spoken`). */
async function listenToLiveRegion(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    const said = (window.phwSaid = []);
    const region = document.querySelector('#phw-panel .webchat__live-region-transcript');
    new MutationObserver(() => said.push(region.textContent)).observe(region, {
      childList: true,
      subtree: true,
      characterData: true,
    });
  })()`);
}

/** Notes whether Web Chat's typing indicator shows from now on (read with `typingShown`). */
async function watchTyping(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    window.phwTyping = false;
    const panel = document.querySelector('#phw-panel');
    new MutationObserver(() => {
      if (panel.querySelector('.webchat__typing-indicator')) window.phwTyping = true;
    }).observe(panel, { childList: true, subtree: true });
  })()`);
}

const typingShown = async (page: Page) => (await page.evaluate('window.phwTyping')) as boolean;

const spoken = async (page: Page) => ((await page.evaluate('window.phwSaid')) as string[]).join('\n');

/** The focused element's class and text. */
const focused = async (page: Page) =>
  (await page.evaluate(
    `(() => { const el = document.activeElement; return (el?.className ?? '') + ' ' + (el?.innerText ?? ''); })()`,
  )) as string;

describe('the widget for screen-reader, keyboard and phone users (Chromium, real server)', () => {
  let server: BotServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await BotServer.start();
    browser = await launchChromium();
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('1280 px: greeting in view on opening, axe clean before and after an answer, typing shown, one answer is one announced message', async () => {
    const { context, page } = await openChat(browser, server, { width: 1280, height: 800 });
    try {
      // The greeting is inside the transcript's visible area, not scrolled away by the welcome's topics.
      await eventually(async () => expect(await inView(page, greeting())).toBe(true));
      expect(await seriousViolations(page)).toEqual([]);
      // The open panel replaces the launcher (its close button closes it), nothing peeks out below it.
      expect(await page.locator('.phw-launcher').isVisible()).toBe(false);

      await listenToLiveRegion(page);
      await watchTyping(page);
      const before = await botMessages(page).count();
      await ask(page, faq().entry('online-discount')!.text.de.question);
      await botMessages(page)
        .filter({ hasText: answerStart('online-discount', 'de') })
        .waitFor({ timeout: STEP_TIMEOUT_MS });
      await page.waitForTimeout(SETTLE_MS);

      expect((await botMessages(page).count()) - before).toBe(1);
      expect(await spoken(page)).toContain(answerStart('online-discount', 'de'));
      // While the bot worked, the typing indicator showed, announced with the bot's German name.
      expect(await typingShown(page)).toBe(true);
      expect(await spoken(page)).toContain(ui('de', 'widget.botName'));
      // Follow-ups and feedback are suggested under the answer, in the brand colour.
      await suggestion(page, ui('de', 'feedback.helpful')).waitFor({ timeout: STEP_TIMEOUT_MS });
      const color = `getComputedStyle(document.querySelector('#phw-panel .webchat__suggested-action')).color`;
      expect(await page.evaluate(color)).toBe('rgb(0, 112, 74)');
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'widget-1280.png') });
    } finally {
      await context.close();
    }
  });

  test('390 px: the panel fills the screen and every "did you mean" option and suggestion is readable whole', async () => {
    const { context, page } = await openChat(browser, server, { width: 390, height: 844 });
    try {
      const panelBox = await page.locator('#phw-panel').boundingBox();
      expect(panelBox).toEqual({ x: 0, y: 0, width: 390, height: 844 });
      expect(await page.locator('.phw-launcher').isVisible()).toBe(false);

      const ambiguous = findAmbiguousQuestion(defaultServices(), 'de');
      await ask(page, ambiguous.text);
      const card = page
        .locator('#phw-panel .webchat__bubble', { hasText: ui('de', 'didYouMean.prompt') })
        .last();
      await card.waitFor({ timeout: STEP_TIMEOUT_MS });
      for (const candidate of ambiguous.candidates) {
        const question = faq().entry(candidate.id)!.text.de.question;
        expect(await card.getByRole('button', { name: question, exact: true }).innerText()).toBe(question);
      }
      expect(await clipped(page, '#phw-panel .webchat__bubble .ac-pushButton')).toEqual([]);
      expect(await seriousViolations(page)).toEqual([]);

      await card
        .getByRole('button', { name: faq().entry(ambiguous.candidates[0].id)!.text.de.question })
        .click();
      await page
        .locator('#phw-panel .webchat__suggested-action')
        .first()
        .waitFor({ timeout: STEP_TIMEOUT_MS });
      expect(await clipped(page, '#phw-panel .webchat__suggested-action')).toEqual([]);
      await ask(page, faq().entry('online-discount')!.text.de.question);
      await suggestion(page, ui('de', 'feedback.helpful')).waitFor({ timeout: STEP_TIMEOUT_MS });
      expect(await clipped(page, '#phw-panel .webchat__suggested-action')).toEqual([]);
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'widget-390.png') });
    } finally {
      await context.close();
    }
  });

  test('by keyboard alone: question → "did you mean" → answer → feedback', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'de-CH' });
    const page = await context.newPage();
    try {
      // Web Chat arrives late (a slow network or a busy machine): the user types at once, nothing is lost.
      await page.route('**/vendor/webchat.js', async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 2000));
        await route.continue();
      });
      await page.goto(server.url + '/');
      await page.locator('.phw-launcher').focus();
      await page.keyboard.press('Enter');
      // Typed at once (ASCII: Playwright types other letters without key events).
      const early = 'Wie finde ich meine Rechnung?';
      await page.keyboard.type(early);
      const input = page.locator('#phw-panel .webchat__send-box-text-box__input');
      expect(await input.count()).toBe(0);
      // Enter meanwhile does not close the panel; the text arrives whole in the send box, which gets the focus.
      await page.keyboard.press('Enter');
      expect(await page.locator('#phw-panel').isVisible()).toBe(true);
      await eventually(async () => expect(await input.inputValue()).toBe(early));
      await eventually(async () =>
        expect(await focused(page)).toContain('webchat__send-box-text-box__input'),
      );
      await page
        .locator('.webchat__bubble__content', { hasText: greeting() })
        .waitFor({ timeout: STEP_TIMEOUT_MS });

      const ambiguous = findAmbiguousQuestion(defaultServices(), 'de');
      const chosen = faq().entry(ambiguous.candidates[1].id)!;
      await input.fill('');
      await page.keyboard.type(ambiguous.text);
      await page.keyboard.press('Enter');
      await page.getByText(ui('de', 'didYouMean.prompt')).last().waitFor({ timeout: STEP_TIMEOUT_MS });
      // Shift+Tab twice reaches the transcript (on its last message), Enter goes into it, Tab to the option.
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Enter');
      for (let i = 0; i < 5 && !(await focused(page)).includes(chosen.text.de.question); i++)
        await page.keyboard.press('Tab');
      expect(await focused(page)).toContain(chosen.text.de.question);
      await page.keyboard.press('Enter');
      await botMessages(page)
        .filter({ hasText: answerStart(chosen.id, 'de') })
        .waitFor({ timeout: STEP_TIMEOUT_MS });
      // The choice made, the focus is back in the send box and the used card's options cannot send again.
      await eventually(async () =>
        expect(await focused(page)).toContain('webchat__send-box-text-box__input'),
      );
      const option = page.locator('#phw-panel .ac-adaptiveCard button', { hasText: chosen.text.de.question });
      expect(await option.count()).toBeGreaterThan(0);
      expect(await option.evaluateAll((buttons) => buttons.every((b) => b.hasAttribute('disabled')))).toBe(
        true,
      );

      // Shift+Tab from the send box reaches the suggestions, arrow keys move through them.
      await page.keyboard.press('Shift+Tab');
      const helpful = ui('de', 'feedback.helpful');
      for (let i = 0; i < 8 && !(await focused(page)).endsWith(` ${helpful}`); i++)
        await page.keyboard.press('ArrowDown');
      expect(await focused(page)).toContain('webchat__suggested-action');
      expect(await focused(page)).toMatch(new RegExp(` ${helpful}$`));
      await page.keyboard.press('Enter');
      await botMessages(page)
        .filter({ hasText: ui('de', 'feedback.thanks') })
        .waitFor({ timeout: STEP_TIMEOUT_MS });
      // Used once, the suggestions are gone.
      expect(await suggestion(page, helpful).count()).toBe(0);
      // Web Chat's own German (keyboard help, alt texts) is in Swiss spelling.
      const html = await page.locator('#phw-panel').evaluate((panel) => panel.outerHTML);
      expect(html).not.toContain('ß');
    } finally {
      await context.close();
    }
  });

  test('a long answer is shown from its first line, not its end (1280 × 800 and 390 px)', async () => {
    for (const viewport of [
      { width: 1280, height: 800 },
      { width: 390, height: 844 },
    ]) {
      const { context, page } = await openChat(browser, server, viewport);
      try {
        await ask(page, faq().entry('connect-register')!.text.de.question);
        await suggestion(page, ui('de', 'feedback.helpful')).waitFor({ timeout: STEP_TIMEOUT_MS });
        await eventually(async () =>
          expect(await inView(page, answerStart('connect-register', 'de'))).toBe(true),
        );
        // And it stays there: Web Chat's scrolling does not pull it back to the end.
        await page.waitForTimeout(SETTLE_MS);
        expect(await inView(page, answerStart('connect-register', 'de'))).toBe(true);
      } finally {
        await context.close();
      }
    }
  });

  test('Web Chat’s keyboard help speaks formally in Italian (no "Spostati", "Accedi", "Esegui")', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'it-CH' });
    try {
      const page = await context.newPage();
      await page.goto(server.url + '/?lang=it');
      await page.locator('.phw-launcher').click();
      const help = page.locator('#phw-panel .webchat__keyboard-help');
      await help.waitFor({ state: 'attached', timeout: STEP_TIMEOUT_MS });
      const text = await help.evaluate((el) => el.textContent ?? '');
      expect(text).toContain(ui('it', 'widget.moveBetweenMessages'));
      expect(text).not.toMatch(/\b(Spostati|Accedi|Esegui)\b/);
    } finally {
      await context.close();
    }
  });

  test('at 200% zoom (1280 × 800 shown as 640 × 400) the chat fills the window and stays usable', async () => {
    const { context, page } = await openChat(browser, server, { width: 640, height: 400 });
    try {
      expect(await page.locator('#phw-panel').boundingBox()).toEqual({ x: 0, y: 0, width: 640, height: 400 });
      const input = page.locator('#phw-panel .webchat__send-box-text-box__input');
      expect(await input.isVisible()).toBe(true);
      expect(await page.getByRole('button', { name: ui('de', 'widget.close') }).isVisible()).toBe(true);
      expect(await input.getAttribute('placeholder')).toBe(ui('de', 'widget.placeholder'));

      await ask(page, faq().entry('online-discount')!.text.de.question);
      await suggestion(page, ui('de', 'feedback.helpful')).waitFor({ timeout: STEP_TIMEOUT_MS });
      // The answer's first line is in view and nothing makes the page scroll sideways.
      await eventually(async () =>
        expect(await inView(page, answerStart('online-discount', 'de'))).toBe(true),
      );
      expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
      expect(await clipped(page, '#phw-panel .webchat__suggested-action')).toEqual([]);
      expect(await seriousViolations(page)).toEqual([]);

      // A long answer with three follow-up questions: the suggestions scroll in their own box and the answer
      // keeps at least 40% of the chat (they took 70%, leaving three lines of the answer in view).
      await ask(page, faq().entry('login-failed')!.text.de.question);
      await suggestion(page, faq().entry('password-forgotten')!.text.de.question).waitFor({
        timeout: STEP_TIMEOUT_MS,
      });
      const height = (selector: string) =>
        page.locator(`#phw-panel ${selector}`).evaluate((el) => el.getBoundingClientRect().height);
      expect(await height('.webchat__basic-transcript')).toBeGreaterThanOrEqual(
        0.4 * (await height('.phw-panel__chat')),
      );
    } finally {
      await context.close();
    }
  });
});
