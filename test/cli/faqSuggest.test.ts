import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApplication, type Application } from '../../src/app';
import { loadConfig } from '../../src/config';
import { loadFaq } from '../../src/faq/loader';
import type { InsightEvent, SuggestionEvent } from '../../src/insights/events';
import { transcript } from '../helpers/activities';
import { runTsx } from '../helpers/cli';
import { TestConversation } from '../helpers/conversation';
import { FaqCopy } from '../helpers/faqCopy';
import { eventually } from '../helpers/eventually';
import { captureLogs } from '../helpers/logs';

const CLI_TIMEOUT = 60_000;
/** Saving a file reaches a running bot "within a few seconds"; the test waits that long and no longer. */
const RELOAD_WAIT_MS = 5000;
const MISSED = 'Ist es das wert, online?';

/**
 * The whole loop: a person rephrases after no answer, `faq -- suggest` lists the missed wording, support staff
 * accept it, the entry file gets it (comments and layout as they were), and the running bot answers it.
 */
describe('npm run faq -- suggest, from a real conversation to the bot answering the new wording', () => {
  let copy: FaqCopy;
  let dir: string;
  let insightsFile: string;
  let app: Application;
  let chat: TestConversation;
  const previous = process.env.INSIGHTS_FILE;

  beforeAll(async () => {
    copy = new FaqCopy();
    dir = mkdtempSync(path.join(os.tmpdir(), 'suggest-'));
    insightsFile = path.join(dir, 'insights.jsonl');
    process.env.INSIGHTS_FILE = insightsFile;
    const config = loadConfig({ SANDBOX_PORT: '0', FAQ_DIR: copy.dir, INSIGHTS_FILE: insightsFile });
    app = await createApplication(config, {
      sandboxLog: () => undefined,
      logger: captureLogs().logger,
      serving: true,
    });
    chat = new TestConversation('de-CH', app.bot);
  });
  afterAll(async () => {
    await app.close();
    copy.remove();
    rmSync(dir, { recursive: true, force: true });
    if (previous === undefined) delete process.env.INSIGHTS_FILE;
    else process.env.INSIGHTS_FILE = previous;
  });

  const recorded = (): InsightEvent[] => {
    try {
      return readFileSync(insightsFile, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as InsightEvent);
    } catch {
      return [];
    }
  };

  test(
    'lists the candidate with count, score and no collision; --accept writes it and the bot answers it',
    async () => {
      expect(transcript(await chat.send(MISSED))).not.toContain('5%');
      await chat.send('Wie hoch ist der Online-Rabatt?');
      // A second person writes the same and rephrases otherwise.
      const other = new TestConversation('de-CH', app.bot, 'second');
      await other.send(MISSED);
      await other.send('Online-Rabatt');
      await eventually(
        recorded,
        (events) => events.filter((e) => e.type === 'suggestion').length === 2,
        2000,
      );

      const listed = await runTsx('src/cli/faq.ts', ['suggest', '--faq', copy.dir]);
      expect(listed.code).toBe(0);
      expect(listed.stdout).toContain('online-discount [de]');
      const line = listed.stdout.split('\n').find((l) => l.includes(`"${MISSED}"`))!;
      expect(line).toMatch(
        /^ {2}[0-9a-f]{8} {2}2× {2}"Ist es das wert, online\?" {2}score \d\.\d\d, today: fallback \(rephrased 2\)$/,
      );
      const id = line.trim().split(' ')[0];

      const before = copy.readEntryText('online-discount');
      const lastBefore = loadFaq(copy.dir).byId.get('online-discount')!.text.de.alternates.at(-1)!;
      const accepted = await runTsx('src/cli/faq.ts', ['suggest', '--accept', id, '--faq', copy.dir]);

      expect(accepted.stdout).toContain(`Added "${MISSED}" to entries/online-discount.yaml, de.alternates.`);
      expect(accepted.stdout).toContain('all valid');
      const after = copy.readEntryText('online-discount');
      const lastGerman = loadFaq(copy.dir).byId.get('online-discount')!.text.de.alternates.at(-1);
      expect(lastGerman).toBe(MISSED);
      // Only the new line was added: the comment on top, the order, the block answers are as they were.
      expect(after.replace(`    - ${MISSED}\n`, '')).toBe(before);
      expect(after).toContain(`    - ${lastBefore}\n    - ${MISSED}\n  answer: |`);
      expect(after.startsWith('# 5.1 A combien se monte le rabais online?\n')).toBe(true);

      const reply = await eventually(
        async () => transcript(await chat.send(MISSED)),
        (t) => t.includes('5%'),
        RELOAD_WAIT_MS,
      );
      expect(reply).toContain('5%');

      const again = await runTsx('src/cli/faq.ts', ['suggest', '--faq', copy.dir]);
      expect(again.stdout).not.toContain(MISSED);
    },
    3 * CLI_TIMEOUT,
  );

  test(
    'a wording suggested for two entries, or one the bot leads elsewhere, is marked as a collision',
    async () => {
      const at = new Date().toISOString();
      const events: SuggestionEvent[] = [
        {
          type: 'suggestion',
          at,
          lang: 'de',
          entryId: 'online-discount',
          text: 'Rabatt auf Zusatzversicherung',
          source: 'did-you-mean',
        },
        {
          type: 'suggestion',
          at,
          lang: 'de',
          entryId: 'loyalty-discount',
          text: 'rabatt auf zusatzversicherung',
          source: 'not-helpful',
        },
      ];
      writeFileSync(insightsFile, events.map((e) => `${JSON.stringify(e)}\n`).join(''));

      const { stdout } = await runTsx('src/cli/faq.ts', ['suggest', '--json', '--faq', copy.dir]);

      const listed = JSON.parse(stdout) as Array<{ entryId: string; collidesWith: Array<{ id: string }> }>;
      expect(listed.map((s) => s.entryId).sort()).toEqual(['loyalty-discount', 'online-discount']);
      for (const s of listed) {
        const rival = s.entryId === 'online-discount' ? 'loyalty-discount' : 'online-discount';
        expect(s.collidesWith.map((c) => c.id)).toContain(rival);
      }
    },
    CLI_TIMEOUT,
  );

  test(
    'an unknown ID is refused in plain words and nothing is written',
    async () => {
      const before = copy.readEntryText('online-discount');

      const { code, stderr } = await runTsx('src/cli/faq.ts', [
        'suggest',
        '--accept',
        'deadbeef',
        '--faq',
        copy.dir,
      ]);

      expect(code).toBe(2);
      expect(stderr).toContain('--accept: no open suggestion "deadbeef"');
      expect(copy.readEntryText('online-discount')).toBe(before);
    },
    CLI_TIMEOUT,
  );
});
