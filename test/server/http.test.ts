import { ConversationState, MemoryStorage } from 'botbuilder';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type restify from 'restify';
import { HelpBot } from '../../src/bot/helpBot';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/observability/logger';
import { createAdapter } from '../../src/server/adapter';
import { createHttpServer } from '../../src/server/httpServer';
import { createActionServices, createBotServices } from '../../src/services';
import { offlineActionDependencies } from '../helpers/backendDown';
import type { DownloadLinks } from '../../src/server/downloadLinks';
import type { Translator } from '../../src/i18n/translator';
import { FakeChannel } from '../helpers/http';
import { PROJECT_ROOT } from '../helpers/paths';

describe('the HTTP server (local mode, no MicrosoftAppId)', () => {
  const channel = new FakeChannel();
  const log: string[] = [];
  let server: restify.Server;
  let botUrl: string;
  let channelUrl: string;
  let downloads: DownloadLinks;
  let translator: Translator;

  beforeAll(async () => {
    const config = loadConfig({});
    expect(config.MicrosoftAppId).toBe('');
    const offline = offlineActionDependencies();
    downloads = offline.links;
    const services = createBotServices(config, createActionServices(config, offline));
    const bot = new HelpBot(services, new ConversationState(new MemoryStorage()));
    const logger = createLogger({ level: 'error', sink: (line) => log.push(line) });
    const adapter = createAdapter(config, services.translator, logger);
    translator = services.translator;
    channelUrl = await channel.start();
    server = createHttpServer({
      adapter,
      bot,
      downloads: offline.links,
      translator: services.translator,
      widget: { config, log: () => undefined },
      localChannels: [channelUrl],
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    botUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await channel.close();
  });

  test('a message posted to /api/messages is answered through the channel', async () => {
    const conversationId = 'conv-http-1';
    const response = await fetch(`${botUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id: 'activity-1',
        channelId: 'test',
        serviceUrl: channelUrl,
        conversation: { id: conversationId },
        from: { id: 'user-1', name: 'User' },
        recipient: { id: 'bot-1', name: 'Bot' },
        locale: 'de-CH',
        text: 'Wie hoch ist der Online-Rabatt?',
        timestamp: new Date().toISOString(),
      }),
    });

    expect(response.status).toBeLessThan(300);
    const reply = await channel.waitFor(
      (r) => r.method === 'POST' && r.path.startsWith(`/v3/conversations/${conversationId}/activities`),
    );
    expect(reply.path).toMatch(new RegExp(`^/v3/conversations/${conversationId}/activities/`));
    expect(reply.body).toMatchObject({
      type: 'message',
      conversation: { id: conversationId },
      recipient: { id: 'user-1' },
      text: expect.stringContaining('5%'),
    });
    expect(log).toEqual([]);
  });

  test('the demo page loads every file it links (stylesheet, icon, scripts): no 404 in the browser console', async () => {
    const page = await (await fetch(`${botUrl}/`)).text();
    const linked = [...page.matchAll(/\b(?:href|src)="(\/[^"?]*)"/g)]
      .map((m) => m[1]!)
      .filter((p) => p !== '/');
    expect(linked).toEqual(expect.arrayContaining(['/demo.css', '/favicon.svg', '/widget.js']));
    for (const file of linked) expect([file, (await fetch(`${botUrl}${file}`)).status]).toEqual([file, 200]);
  });

  test('every file docs/security.md tells operators to expose is served', async () => {
    const doc = readFileSync(path.join(PROJECT_ROOT, 'docs', 'security.md'), 'utf8');
    const sentence = /What to expose through the reverse proxy:([^]*?)Keep/.exec(doc)![1]!;
    const files = [...sentence.matchAll(/`(\/[^`*]*)`/g)]
      .map((m) => m[1]!)
      .filter((p) => !p.startsWith('/api/'));
    expect(files).toEqual(expect.arrayContaining(['/', '/widget.js', '/vendor/webchat.js']));
    for (const file of files) expect([file, (await fetch(`${botUrl}${file}`)).status]).toEqual([file, 200]);
  });

  test.each(['/', '/healthz', '/widget.js'])(
    'HEAD %s (an uptime check) answers 200 without a body',
    async (file) => {
      const response = await fetch(`${botUrl}${file}`, { method: 'HEAD' });
      expect(response.status).toBe(200);
      expect(await response.text()).toBe('');
    },
  );

  test('HEAD on the widget strings answers like GET, without a body', async () => {
    const get = await fetch(`${botUrl}/api/webchat/strings/fr`);
    const head = await fetch(`${botUrl}/api/webchat/strings/fr`, { method: 'HEAD' });
    expect([get.status, head.status]).toEqual([200, 200]);
    expect(head.headers.get('content-type')).toBe(get.headers.get('content-type'));
    expect(await head.text()).toBe('');
  });

  test('an unknown path or method gets a fixed answer that does not quote the request', async () => {
    const probe = '/%3Cscript%3Ealert(1)%3C/script%3E-probe';
    const missing = await fetch(`${botUrl}${probe}`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: 'not found' });

    const wrongMethod = await fetch(`${botUrl}/healthz`, { method: 'DELETE' });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toContain('GET');
    expect(await wrongMethod.json()).toEqual({ error: 'method not allowed' });
  });

  test('a malformed download link (very long) gets the localised "expired or invalid" page, not the path back', async () => {
    const junk = 'x'.repeat(10_000);
    const response = await fetch(`${botUrl}/downloads/${junk}`, { headers: { 'accept-language': 'it-CH' } });
    expect(response.status).toBe(404);
    const body = await response.text();
    expect(body).toBe(translator.t('it', 'downloads.expired'));
    expect(body).not.toContain('xxxx');
  });

  test('GET /healthz answers 200', async () => {
    const response = await fetch(`${botUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  test('a download link serves its document, never cached', async () => {
    const link = await downloads.publish({
      fileName: 'Attestato-fiscale-2025.pdf',
      contentType: 'application/pdf',
      content: Buffer.from('%PDF-1.7 test'),
    });
    const response = await fetch(`${botUrl}/downloads/${link.url.split('/downloads/')[1]}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(Buffer.from(await response.arrayBuffer()).toString()).toBe('%PDF-1.7 test');

    // Single use: the same link again says it was used, in the browser's language.
    const again = await fetch(`${botUrl}/downloads/${link.url.split('/downloads/')[1]}`, {
      headers: { 'accept-language': 'fr-CH' },
    });
    expect(again.status).toBe(410);
    expect(await again.text()).toBe(translator.t('fr', 'downloads.used'));
  });

  test.each([
    ['fr-CH,fr;q=0.9,en;q=0.8', 'fr'],
    ['en-US,it;q=0.5', 'it'],
    ['en-US', 'de'],
  ] as const)(
    'an expired link tells the person why, in their browser language (%s → %s)',
    async (header, lang) => {
      const response = await fetch(`${botUrl}/downloads/no-such-token`, {
        headers: { 'accept-language': header },
      });
      expect(response.status).toBe(404);
      expect(await response.text()).toBe(translator.t(lang, 'downloads.expired'));
    },
  );
});
