import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApplication, type Application } from '../../src/app';
import { loadConfig } from '../../src/config';
import { transcript } from '../helpers/activities';
import { TestConversation } from '../helpers/conversation';
import { FaqCopy } from '../helpers/faqCopy';
import { eventually } from '../helpers/eventually';
import { captureLogs } from '../helpers/logs';

const QUESTION = 'Wie hoch ist der Online-Rabatt?';
/** Saving a file reaches a running bot "within a few seconds"; the tests wait that long and no longer. */
const RELOAD_WAIT_MS = 5000;

describe('a running bot reloads faq/ when a file is saved', () => {
  let copy: FaqCopy;
  let insightsDir: string;
  let app: Application;
  let logs: ReturnType<typeof captureLogs>;
  let chat: TestConversation;

  beforeEach(async () => {
    copy = new FaqCopy();
    insightsDir = mkdtempSync(path.join(os.tmpdir(), 'insights-'));
    logs = captureLogs();
    const config = loadConfig({
      SANDBOX_PORT: '0',
      FAQ_DIR: copy.dir,
      INSIGHTS_FILE: path.join(insightsDir, 'insights.jsonl'),
    });
    app = await createApplication(config, { sandboxLog: () => undefined, logger: logs.logger, serving: true });
    chat = new TestConversation('de-CH', app.bot);
  });

  afterEach(async () => {
    await app.close();
    copy.remove();
    rmSync(insightsDir, { recursive: true, force: true });
  });

  const answer = async () => (await chat.send(QUESTION))[0].text;
  /** The operator's log lines (JSON, as on stdout) whose message says the edit was rejected. */
  const rejections = () => logs.entries().filter((e) => String(e.msg).includes('FAQ edit rejected'));

  test('an edited answer is served without a restart', async () => {
    const before = await answer();
    expect(before).toContain('5%');
    const entry = copy.readEntry('online-discount');
    entry.de!.answer = 'Der Online-Rabatt beträgt neu **6%** auf allen Zusatzversicherungen.';

    copy.writeEntry('online-discount.yaml', entry);

    expect(await eventually(answer, (text) => text !== before, RELOAD_WAIT_MS)).toBe(entry.de!.answer);
    expect(logs.entries()).toContainEqual(
      expect.objectContaining({ level: 'info', msg: expect.stringMatching(/^FAQ reloaded from .*: \d+ entries\.$/) }),
    );
  });

  test('a new alternate is matched after the reload', async () => {
    const phrasing = 'Sparbonus fürs Digitalabo';
    expect(transcript(await chat.send(phrasing))).not.toContain('5%');
    const entry = copy.readEntry('online-discount');
    entry.de!.alternates.push(phrasing);

    copy.writeEntry('online-discount.yaml', entry);

    const reply = await eventually(
      async () => (await chat.send(phrasing))[0].text ?? '',
      (text) => text.includes('5%'),
      RELOAD_WAIT_MS,
    );
    expect(reply).toBe(entry.de!.answer.trim());
  });

  test('an invalid edit is rejected in the log (file, entry, field) and the last valid answer is still served', async () => {
    const before = await answer();
    const entry = copy.readEntry('online-discount');
    entry.de!.answer = '';
    entry.de!.question = 'Wie hoch ist der neue Online-Rabatt?';

    copy.writeEntry('online-discount.yaml', entry);

    const [rejection] = await eventually(rejections, (found) => found.length > 0, RELOAD_WAIT_MS);
    // Searchable by file, entry and field, and readable as it stands.
    expect(rejection).toMatchObject({
      level: 'error',
      file: 'entries/online-discount.yaml',
      entry: 'online-discount',
      field: 'de.answer',
    });
    expect(rejection.msg).toContain('entries/online-discount.yaml');
    expect(rejection.msg).toContain('"online-discount"');
    expect(rejection.msg).toContain('de.answer');
    expect(await answer()).toBe(before);

    // Fixing the file brings the edit in.
    entry.de!.answer = 'Neu: **6%** Online-Rabatt.';
    copy.writeEntry('online-discount.yaml', entry);
    expect(await eventually(answer, (text) => text !== before, RELOAD_WAIT_MS)).toBe(entry.de!.answer);
  });

  test('a YAML syntax error is rejected too, and the bot keeps answering', async () => {
    const before = await answer();

    copy.writeEntry('online-discount.yaml', 'id: online-discount\nde: [unclosed\n');

    const [rejection] = await eventually(rejections, (found) => found.length > 0, RELOAD_WAIT_MS);
    expect(rejection).toMatchObject({ level: 'error', file: 'entries/online-discount.yaml' });
    expect(rejection.msg).toContain('entries/online-discount.yaml');
    expect(await answer()).toBe(before);
  });
});
