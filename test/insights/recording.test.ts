import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import type { Language } from '../../src/language';
import type { InsightEvent } from '../../src/insights/events';
import { InsightRecorder } from '../../src/insights/recorder';
import { JsonlInsightStore, type InsightStore } from '../../src/insights/store';
import { createActionServices, createBotServices } from '../../src/services';
import { buttonsOf, transcript } from '../helpers/activities';
import { findAmbiguousQuestion } from '../helpers/ambiguity';
import { offlineActionDependencies } from '../helpers/backendDown';
import { offlineBot, supportContacts, TestConversation, ui } from '../helpers/conversation';
import { captureLogs } from '../helpers/logs';

const config = loadConfig({});

/** A conversation with the bot recording into `store`; the recorder's log lines are collected. */
function chatRecordingInto(store: InsightStore, locale = 'de-CH') {
  const logs = captureLogs();
  const recorder = new InsightRecorder(store, logs.logger);
  const services = createBotServices(config, createActionServices(config, offlineActionDependencies()), {
    insights: recorder,
  });
  return { chat: new TestConversation(locale, offlineBot(services)), recorder, services, logs };
}

/** What users type with personal data in it; none of it may reach the file in clear. */
const PERSONAL_DATA = {
  contract: ['KPT12345678', 'kpt 2345 6789', 'KPT-34567890', 'KPT.4567.8901'],
  phone: ['079 123 45 67', '+41 78 765 43 21'],
  email: ['hans.muster@bluewin.ch'],
  code: ['483920'],
};

describe('recording what users ask', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'insights-'));
    file = path.join(dir, 'nested', 'insights.jsonl');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const recorded = (): InsightEvent[] =>
    readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as InsightEvent);

  test('unanswered and ambiguous questions keep their text, answered ones only the entry; in order', async () => {
    const { chat, recorder, services } = chatRecordingInto(new JsonlInsightStore(file));
    const ambiguous = findAmbiguousQuestion(services, 'de');

    await chat.send('Kann ich mein Velo versichern?');
    await chat.send(ambiguous.text);
    await chat.send('Wie hoch ist der Online-Rabatt?');
    await chat.send('Hilfe'); // a command, not a question to the FAQ
    await recorder.flush();

    const events = recorded().filter((e) => e.type !== 'suggestion');
    expect(events.map((e) => e.type === 'question' && [e.outcome, e.text, e.entryId])).toEqual([
      ['fallback', 'Kann ich mein Velo versichern?', undefined],
      ['ambiguous', ambiguous.text, undefined],
      ['answer', undefined, 'online-discount'],
    ]);
    expect(events[1]).toMatchObject({
      lang: 'de',
      candidates: ambiguous.candidates.map((c) => ({ id: c.id, score: expect.closeTo(c.score, 3) })),
    });
    for (const event of events) expect(Date.parse(event.at)).toBeGreaterThan(Date.now() - 60_000);
  });

  test('nothing in the file holds a contract number, phone number, e-mail address or code in clear', async () => {
    const { chat, recorder } = chatRecordingInto(new JsonlInsightStore(file));
    const all = Object.values(PERSONAL_DATA).flat();

    for (const data of all) await chat.send(`Franchise ${data} wie hoch?`);
    await chat.send(`Meine Franchise: ${all.join(', ')}`);
    await recorder.flush();

    const content = readFileSync(file, 'utf8');
    const texts = recorded().flatMap((e) => (e.type === 'question' && e.text ? [e.text] : []));
    expect(texts).toHaveLength(all.length + 1);
    for (const data of all) {
      expect(content).not.toContain(data);
      const digits = data.replace(/\D/g, '');
      if (digits)
        expect(texts.map((t) => t.replace(/\D/g, ''))).not.toContainEqual(
          expect.stringContaining(digits.slice(0, 6)),
        );
    }
    expect(content).not.toMatch(/@/);
    expect(content).toContain('KPT******78');
    expect(content).toContain('[phone]');
    expect(content).toContain('[e-mail]');
  });

  test('a store that fails is logged and the conversation goes on as if nothing happened', async () => {
    const failing: InsightStore = {
      append: () => Promise.reject(new Error('disk full')),
      read: () => Promise.reject(new Error('not used')),
      prune: () => Promise.reject(new Error('not used')),
    };
    const { chat, recorder, logs } = chatRecordingInto(failing);

    const replies = await chat.send('Kann ich mein Velo versichern?');
    await recorder.flush();

    expect(transcript(replies)).toContain(ui('de', 'fallback.text'));
    expect(logs.entries()).toEqual([
      expect.objectContaining({
        level: 'error',
        msg: 'Could not record a question event: disk full',
        insightEvent: 'question',
      }),
    ]);
  });

  test('a store that never answers does not hold up a turn', async () => {
    const hanging: InsightStore = {
      append: () => new Promise(() => undefined),
      read: () => new Promise(() => undefined),
      prune: () => new Promise(() => undefined),
    };
    const { chat } = chatRecordingInto(hanging);

    const first = await chat.send('Kann ich mein Velo versichern?');
    const second = await chat.send('Wie hoch ist der Online-Rabatt?');

    expect(transcript(first)).toContain(ui('de', 'fallback.text'));
    expect(second[0].text).toContain('5%');
  });

  test('while the store hangs at most 1,000 events wait; the oldest waiting ones are dropped, counted and logged', async () => {
    const written: InsightEvent[] = [];
    let resume: () => void = () => undefined;
    const stalled = new Promise<void>((resolve) => (resume = resolve));
    const slow: InsightStore = {
      append: async (events) => {
        await stalled;
        written.push(...events);
      },
      read: () => Promise.reject(new Error('not used')),
      prune: () => Promise.reject(new Error('not used')),
    };
    const logs = captureLogs();
    let dropped = 0;
    const recorder = new InsightRecorder(slow, logs.logger, { onDropped: () => dropped++ });

    for (let i = 0; i < 1500; i++) recorder.feedback('de', `entry-${i}`, true);
    resume();
    await recorder.flush();

    expect(dropped).toBe(500);
    // The one being written when the store hung, then the newest 999, in order.
    const ids = written.map((e) => (e.type === 'feedback' ? e.entryId : ''));
    expect(ids).toEqual(['entry-0', ...Array.from({ length: 999 }, (_, i) => `entry-${501 + i}`)]);
    expect(logs.entries()).toEqual([
      expect.objectContaining({ level: 'error', msg: expect.stringMatching(/falls behind: 1 event/) }),
    ]);
  });
});

describe.each<[string, Language]>([
  ['de-CH', 'de'],
  ['fr-CH', 'fr'],
  ['it-CH', 'it'],
])('"Was this helpful?" in %s', (locale, lang) => {
  const QUESTION: Record<Language, string> = {
    de: 'Wie hoch ist der Online-Rabatt?',
    fr: 'À combien se monte le rabais online?',
    it: 'A quanto ammonta lo sconto online?',
  };
  const events: InsightEvent[] = [];
  const memory: InsightStore = {
    append: async (batch) => void events.push(...batch),
    read: async () => ({ events, unreadable: 0 }),
    prune: async () => 0,
  };
  beforeEach(() => (events.length = 0));

  test('every answer is one message ending with two small buttons, helpful and not helpful, for that entry', async () => {
    const { chat } = chatRecordingInto(memory, locale);

    const replies = await chat.send(QUESTION[lang]);

    expect(replies).toHaveLength(1);
    const buttons = buttonsOf(replies);
    expect(buttons.slice(-2).map((b) => [b.title, b.value])).toEqual([
      [ui(lang, 'feedback.helpful'), { kind: 'feedback', id: 'online-discount', helpful: true }],
      [ui(lang, 'feedback.notHelpful'), { kind: 'feedback', id: 'online-discount', helpful: false }],
    ]);
    // The answer itself, unchanged, with its follow-ups before the feedback.
    expect(replies[0].text).toContain('5%');
    expect(buttons.map((b) => b.value)).toContainEqual({ kind: 'faq', id: 'loyalty-discount' });
  });

  test('"no" offers the support contacts and is recorded; "yes" after it thanks, but the answer counts once', async () => {
    const { chat, recorder } = chatRecordingInto(memory, locale);
    const [yes, no] = buttonsOf(await chat.send(QUESTION[lang])).slice(-2);

    const afterNo = await chat.press(no.value, no.title);
    const afterYes = await chat.press(yes.value, yes.title);
    await recorder.flush();

    expect(transcript(afterNo)).toContain(ui(lang, 'feedback.sorry'));
    expect(transcript(afterNo)).toContain(supportContacts(lang).email);
    expect(transcript(afterNo)).toContain(supportContacts(lang).phone);
    expect(buttonsOf(afterNo).map((b) => b.value)).toEqual([
      { kind: 'action', id: 'support-request', reason: 'not_helpful' },
      { kind: 'topics' },
    ]);
    expect(transcript(afterYes)).toBe(ui(lang, 'feedback.thanks'));
    expect(events.filter((e) => e.type === 'feedback')).toEqual([
      expect.objectContaining({ lang, entryId: 'online-discount', helpful: false }),
    ]);
  });

  test('feedback made up by a client, for an answer not shown or again and again, is not recorded', async () => {
    const { chat, recorder } = chatRecordingInto(memory, locale);
    const forged = { kind: 'feedback', id: 'loyalty-discount', helpful: false } as const;

    await chat.press(forged);
    await chat.send(QUESTION[lang]);
    await chat.press(forged);
    const [yes] = buttonsOf(await chat.send(QUESTION[lang])).slice(-2);
    for (let i = 0; i < 3; i++) await chat.press(yes.value, yes.title);
    await recorder.flush();

    expect(events.filter((e) => e.type === 'feedback')).toEqual([
      expect.objectContaining({ lang, entryId: 'online-discount', helpful: true }),
    ]);
  });

  test('the label of a feedback button typed after an answer rates it; it is no question', async () => {
    const { chat, recorder } = chatRecordingInto(memory, locale);
    await chat.send(QUESTION[lang]);

    const replies = await chat.send(`${ui(lang, 'feedback.notHelpful').toLowerCase()}!`);
    await recorder.flush();

    expect(transcript(replies)).toContain(ui(lang, 'feedback.sorry'));
    expect(events.filter((e) => e.type !== 'question' || e.outcome !== 'answer')).toEqual([
      expect.objectContaining({ type: 'feedback', lang, entryId: 'online-discount', helpful: false }),
    ]);
  });

  test('feedback on an entry that does not exist is refused and not recorded', async () => {
    const { chat, recorder } = chatRecordingInto(memory, locale);

    const replies = await chat.press({ kind: 'feedback', id: 'no-such-entry', helpful: false });
    await recorder.flush();

    expect(transcript(replies)).toBe(ui(lang, 'input.unknownButton'));
    expect(events).toEqual([]);
  });
});
