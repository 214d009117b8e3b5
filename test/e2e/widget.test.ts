import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { defaultServices, ui } from '../helpers/conversation';
import { findAmbiguousQuestion } from '../helpers/ambiguity';
import { PROJECT_ROOT } from '../helpers/paths';
import { BotServer } from './botServer';
import { answerStart, eventually, faq, launchChromium, STEP_TIMEOUT_MS, visibleStart } from './browser';

/**
 * The website widget in a real browser: the demo page served by the bot server, Web Chat from the npm
 * package, the local Direct Line, the bot and the sandbox backend — nothing mocked.
 */
const ARTIFACTS = path.join(PROJECT_ROOT, 'artifacts');

jest.setTimeout(240_000);

describe('the website chat widget in Chromium', () => {
  let server: BotServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  /** What the browser refused under the demo page's Content-Security-Policy, in any test. */
  const refused: string[] = [];

  beforeAll(async () => {
    server = await BotServer.start();
    browser = await launchChromium();
    context = await browser.newContext({ acceptDownloads: true, locale: 'de-CH' });
    page = await context.newPage();
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  // Found by id: their labels follow the conversation's language.
  const panel = () => page.locator('#phw-panel');
  const launcher = () => page.locator('.phw-launcher');
  const transcript = () => panel().locator('.webchat__basic-transcript');
  /** What the messages show (not the screen-reader summaries Web Chat adds beside each). */
  const shownText = async () =>
    (await transcript().locator('.webchat__bubble__content').allInnerTexts()).join('\n');

  async function say(text: string): Promise<void> {
    const input = panel().locator('.webchat__send-box-text-box__input');
    await input.fill(text);
    await input.press('Enter');
  }

  /** Waits until the transcript shows `text` `times` times. */
  async function expectShown(text: string, times = 1): Promise<void> {
    await eventually(async () =>
      expect((await shownText()).split(text).length - 1).toBeGreaterThanOrEqual(times),
    );
  }

  /** The last button with this title: in the transcript (older cards keep theirs) or suggested under it. */
  function lastButton(title: string): Locator {
    return panel().getByRole('button', { name: title, exact: true }).last();
  }

  test('opens from the launcher, answers in de/fr/it, "did you mean", language switch and the tax-certificate PDF', async () => {
    await page.goto(server.url + '/');

    // Launcher: labelled, collapsed, and opens the labelled panel with the welcome (once).
    await eventually(async () => expect(await launcher().getAttribute('aria-expanded')).toBe('false'));
    expect(await launcher().getAttribute('aria-label')).toBe(ui('de', 'widget.launcher'));
    await launcher().click();
    expect(await launcher().getAttribute('aria-expanded')).toBe('true');
    await page.getByRole('dialog', { name: ui('de', 'widget.title') }).waitFor({ timeout: STEP_TIMEOUT_MS });
    const greeting = ui('de', 'welcome.greeting', { brand: 'KPT' });
    await expectShown(greeting);
    // The focus goes to the send box: one can type right away.
    await eventually(async () =>
      expect(await page.evaluate('document.activeElement?.className ?? ""')).toContain(
        'webchat__send-box-text-box__input',
      ),
    );

    // A question in each language, answered by the right entry in that language.
    for (const [lang, id] of [
      ['de', 'online-discount'],
      ['fr', 'tax-certificate'],
      ['it', 'online-discount'],
    ] as const) {
      await say(faq().entry(id)!.text[lang].question);
      await expectShown(answerStart(id, lang));
    }

    // Answers are Markdown: their bold parts are rendered bold, not shown with asterisks.
    const bold = /\*\*(.+?)\*\*/.exec(faq().entry('online-discount')!.text.de.answer)![1];
    expect(await transcript().locator('strong', { hasText: bold }).count()).toBeGreaterThan(0);
    expect(await shownText()).not.toContain(`**${bold}**`);

    // "Did you mean": the candidates as buttons; pressing one answers it.
    const ambiguous = findAmbiguousQuestion(defaultServices(), 'it');
    await say(ambiguous.text);
    await expectShown(ui('it', 'didYouMean.prompt'));
    const candidate = ambiguous.candidates[0].id;
    await lastButton(faq().entry(candidate)!.text.it.question).click();
    await expectShown(answerStart(candidate, 'it'), 1);

    // Switching language by its name (the welcome's language buttons went with the first question); the rest
    // of the conversation is in French.
    await say(ui('fr', 'language.name'));
    await expectShown(ui('fr', 'language.switched'));
    // The widget's own labels follow the conversation into French.
    await eventually(async () => expect(await panel().getAttribute('lang')).toBe('fr'));
    await page.getByRole('dialog', { name: ui('fr', 'widget.title') }).waitFor({ timeout: STEP_TIMEOUT_MS });
    expect(await launcher().getAttribute('aria-label')).toBe(ui('fr', 'widget.launcher'));

    // The tax certificate: FAQ answer → action button → verification by SMS code → year → PDF.
    await say(faq().entry('tax-certificate')!.text.fr.question);
    await lastButton(ui('fr', 'actions.tax-certificate.button')).click();
    await expectShown(visibleStart(ui('fr', 'verify.askContract', { example: 'KPT12345678' })));
    await say('KPT10000001');
    await expectShown(visibleStart(ui('fr', 'verify.askChannel')));
    await lastButton(ui('fr', 'channels.sms')).click();
    await expectShown(ui('fr', 'verify.askCode'));
    await say(server.lastIdentityCode('KPT10000001'));
    await expectShown(ui('fr', 'verify.verified'));
    const year = String(new Date().getFullYear() - 1);
    await lastButton(year).click();
    const fileName = ui('fr', 'tax.fileName', { year });
    const attachment = transcript()
      .getByRole('link', { name: new RegExp(fileName) })
      .last();
    await attachment.waitFor({ timeout: STEP_TIMEOUT_MS });
    // One thing to click for the single-use link: a second one would answer "already used".
    expect(await transcript().locator('a[href*="/downloads/"]').count()).toBe(1);

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'widget-open.png') });

    const [download] = await Promise.all([page.waitForEvent('download'), attachment.click()]);
    expect(download.suggestedFilename()).toBe(fileName);
    const saved = path.join(ARTIFACTS, fileName);
    await download.saveAs(saved);
    expect(readFileSync(saved).subarray(0, 4).toString('latin1')).toBe('%PDF');
  });

  test('keeps the conversation across a reload of the tab, without a second welcome', async () => {
    const greeting = ui('de', 'welcome.greeting', { brand: 'KPT' });
    const before = await shownText();
    expect(before).toContain(greeting);

    await page.reload();

    expect(await launcher().getAttribute('aria-expanded')).toBe('true');
    await expectShown(ui('fr', 'language.switched'));
    await say(faq().entry('online-discount')!.text.fr.question);
    await expectShown(answerStart('online-discount', 'fr'));
    expect((await shownText()).split(greeting).length - 1).toBe(1);
  });

  test('hands a case to the web support: "talk to a person", the request, and its reference number', async () => {
    // The conversation is in French now (see above).
    await say("Bonjour, j'aimerais parler avec un conseiller s'il vous plaît");
    await expectShown(ui('fr', 'support.offer'));
    await lastButton(ui('fr', 'actions.support-request.button')).click();
    await expectShown(visibleStart(ui('fr', 'support.proposeTopic')).split('«')[0]!);
    await lastButton(ui('fr', 'support.keepTopic')).click();
    await expectShown(ui('fr', 'support.askDescription'));
    await say("Je n'arrive plus à me connecter au portail depuis hier.");
    await expectShown(ui('fr', 'support.askContact'));
    await say('anne.exemple@example.com');
    await expectShown(visibleStart(ui('fr', 'support.askConsent')).split('«')[0]!);
    await lastButton(ui('fr', 'support.consentYes')).click();

    const sent = ui('fr', 'support.sentEmail').split('{{')[0]!;
    await expectShown(sent);
    const shown = (await shownText()).match(/(CPT-\d{4}-\d{6})/)?.[1];
    // The reference the person reads is the one the web support got (the sandbox's outbox).
    const outbox = server.log.find((l) => l.includes('[outbox] E-mail to web support'));
    expect(shown).toBeDefined();
    expect(outbox).toContain(`request ${shown} (fr,`);
    expect(outbox).not.toContain('anne.exemple@example.com');
  });

  test('a saved conversation the server no longer knows (e.g. after a restart) is replaced by a new one', async () => {
    const other = await browser.newContext();
    const stalePage = await other.newPage();
    try {
      const saved = {
        open: true,
        conversation: {
          conversationId: 'gone',
          token: 'expired-token',
          domain: `${server.url}/v3/directline`,
        },
      };
      const key = `portal-help-widget:${server.url}`;
      await stalePage.addInitScript(
        `sessionStorage.setItem(${JSON.stringify(key)}, ${JSON.stringify(JSON.stringify(saved))})`,
      );
      await stalePage.goto(server.url + '/');
      const stalePanel = stalePage.getByRole('dialog', { name: ui('de', 'widget.title') });
      await eventually(async () =>
        expect(await stalePanel.innerText()).toContain(ui('de', 'welcome.greeting', { brand: 'KPT' })),
      );
      const stored = JSON.parse(
        String(await stalePage.evaluate(`sessionStorage.getItem(${JSON.stringify(key)})`)),
      );
      expect(stored.conversation.conversationId).not.toBe('gone');
    } finally {
      await other.close();
    }
  });

  test('takes its title and brand colour from the options', async () => {
    const other = await browser.newContext();
    const optionsPage = await other.newPage();
    try {
      await optionsPage.addInitScript(
        'window.PortalHelpWidgetOptions = { title: "Hilfe KPT", color: "#123456" }',
      );
      await optionsPage.goto(server.url + '/');
      const button = optionsPage.getByRole('button', { name: ui('de', 'widget.launcher') });
      await button.click();
      await optionsPage.getByRole('dialog', { name: 'Hilfe KPT' }).waitFor({ timeout: STEP_TIMEOUT_MS });
      const background = 'getComputedStyle(document.querySelector(".phw-launcher")).backgroundColor';
      expect(await optionsPage.evaluate(background)).toBe('rgb(18, 52, 86)');
    } finally {
      await other.close();
    }
  });

  test('works by keyboard alone: Escape closes and gives the focus back to the launcher', async () => {
    const fresh = await browser.newContext({ locale: 'fr-CH' });
    const frPage = await fresh.newPage();
    try {
      await frPage.goto(server.url + '/?lang=fr');
      const frLauncher = frPage.getByRole('button', { name: ui('fr', 'widget.launcher') });
      await frLauncher.waitFor({ timeout: STEP_TIMEOUT_MS });
      await frLauncher.focus();
      await frPage.keyboard.press('Enter');
      const frPanel = frPage.getByRole('dialog', { name: ui('fr', 'widget.title') });
      await frPanel.waitFor({ timeout: STEP_TIMEOUT_MS });
      expect(await frPanel.getAttribute('lang')).toBe('fr');
      // The demo page itself is in French too.
      expect(await frPage.evaluate('document.documentElement.lang')).toBe('fr-CH');
      expect(await frPage.getByRole('heading', { level: 1 }).innerText()).toBe(ui('fr', 'demo.heading'));
      // The welcome in the page's language.
      await eventually(async () =>
        expect(await frPanel.innerText()).toContain(ui('fr', 'welcome.greeting', { brand: 'CPT' })),
      );
      await frPage.keyboard.type(faq().entry('online-discount')!.text.fr.question);
      await frPage.keyboard.press('Enter');
      await eventually(async () =>
        expect(await frPanel.innerText()).toContain(answerStart('online-discount', 'fr')),
      );

      await frPage.keyboard.press('Escape');
      expect(await frPanel.isVisible()).toBe(false);
      expect(await frLauncher.getAttribute('aria-expanded')).toBe('false');
      expect(await frPage.evaluate('document.activeElement?.className')).toBe('phw-launcher');
      const close = frPage.getByRole('button', { name: ui('fr', 'widget.close') });
      await frPage.keyboard.press('Enter');
      await close.waitFor({ timeout: STEP_TIMEOUT_MS });
    } finally {
      await fresh.close();
    }
  });

  // Last: the tests above used the whole widget (Web Chat, buttons, language switch, download) under it.
  test('the demo page sends a Content-Security-Policy, and nothing the widget does is refused by it', async () => {
    const response = await fetch(server.url + '/');
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toMatch(/script-src[^;]*unsafe/);
    expect(refused).toEqual([]);
  });
});
