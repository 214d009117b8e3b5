import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { InsightEvent } from '../../src/insights/events';
import { runTsx } from '../helpers/cli';
import { FaqCopy } from '../helpers/faqCopy';

const CLI_TIMEOUT = 60_000;

describe('npm run faq -- check (quality)', () => {
  test(
    '--strict passes on the shipped faq/ (the CI gate on the shipped content)',
    async () => {
      const { code, stdout, stderr } = await runTsx('src/cli/faq.ts', ['check', '--strict']);

      expect({ code, stderr }).toMatchObject({ code: 0 });
      expect(stdout).toContain('No quality problems found.');
    },
    CLI_TIMEOUT,
  );

  describe('with a fact that drifted between languages', () => {
    let copy: FaqCopy;
    beforeAll(() => {
      copy = new FaqCopy();
      copy.damageEntry('online-discount', 'drifted.yaml', (entry) => {
        entry.it!.answer = entry.it!.answer.replace('5%', '7%');
      });
    });
    afterAll(() => copy.remove());

    test(
      'without --strict: the warning is printed with file, entry, language, field and advice; exit 0',
      async () => {
        const { code, stdout } = await runTsx('src/cli/faq.ts', ['check', '--faq', copy.dir]);

        expect(code).toBe(0);
        expect(stdout).toMatch(/\d+ quality warning\(s\)/);
        const line = stdout.split('\n').find((l) => l.includes('[fact-drift]') && l.includes('language it'));
        expect(line).toContain('entries/drifted.yaml');
        expect(line).toContain('entry "online-discount"');
        expect(line).toContain('field "it.answer"');
        expect(line).toContain('"5%" (in de, fr)');
        expect(stdout).toContain('same one in every language');
      },
      CLI_TIMEOUT,
    );

    test(
      '--strict: the warnings fail the check (exit 1)',
      async () => {
        const { code, stderr } = await runTsx('src/cli/faq.ts', ['check', '--strict', '--faq', copy.dir]);

        expect(code).toBe(1);
        expect(stderr).toContain('--strict');
        expect(stderr).toContain('[fact-drift]');
      },
      CLI_TIMEOUT,
    );
  });
});

describe('npm run faq -- check with a broken entry and a quality problem in another', () => {
  let copy: FaqCopy;
  beforeAll(() => {
    copy = new FaqCopy();
    copy.writeEntry(
      'online-discount.yaml',
      copy.readEntryText('online-discount').replace(/\n(\s+)- (.*)\n/, '\n$1- Rabatt: online\n'),
    );
    copy.damageEntry('loyalty-discount', 'drifted.yaml', (entry) => {
      entry.it!.answer = entry.it!.answer.replace('6,7%', '7%');
    });
  });
  afterAll(() => copy.remove());

  test(
    'shows the error with line, caret and hint, and still the quality warnings of the valid entries; exit 1',
    async () => {
      const { code, stderr } = await runTsx('src/cli/faq.ts', ['check', '--faq', copy.dir]);

      expect(code).toBe(1);
      expect(stderr).toContain(
        'entries/online-discount.yaml, line 8, entry "online-discount", field "de.alternates.0"',
      );
      expect(stderr).toContain('8 |     - Rabatt: online');
      expect(stderr).toMatch(/\| {7}\^/);
      expect(stderr).toContain('put the text in quotes');
      expect(stderr).toContain('quality warning(s) in the valid entries');
      expect(stderr).toMatch(/\[fact-drift\] entries\/drifted.yaml, entry "loyalty-discount", language it/);
    },
    CLI_TIMEOUT,
  );
});

describe('npm run faq -- report', () => {
  let dir: string;
  const previous = process.env.INSIGHTS_FILE;
  const at = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString();
  const unanswered = (text: string, daysAgo = 1): InsightEvent => ({
    type: 'question',
    at: at(daysAgo),
    lang: 'de',
    outcome: 'fallback',
    text,
    candidates: [],
  });

  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'report-'));
    const events: InsightEvent[] = [
      unanswered('Wie hoch ist meine Franchise?'),
      unanswered('Franchise ändern'),
      unanswered('wie hoch ist meine franchise'),
      unanswered('Velo versichern'),
      unanswered('Kündigung Grundversicherung', 30),
      { type: 'question', at: at(1), lang: 'fr', outcome: 'answer', entryId: 'ebill', candidates: [] },
      { type: 'feedback', at: at(1), lang: 'fr', entryId: 'ebill', helpful: false },
      { type: 'support-request', at: at(1), lang: 'fr', reason: 'not_helpful', entryIds: ['ebill'] },
      { type: 'support-request', at: at(2), lang: 'de', reason: 'fallback', entryIds: ['ebill', 'login'] },
      { type: 'support-request', at: at(30), lang: 'de', reason: 'asked', entryIds: ['login'] },
    ];
    process.env.INSIGHTS_FILE = path.join(dir, 'insights.jsonl');
    writeFileSync(process.env.INSIGHTS_FILE, events.map((e) => JSON.stringify(e)).join('\n') + '\n');
  });
  afterAll(() => {
    if (previous === undefined) delete process.env.INSIGHTS_FILE;
    else process.env.INSIGHTS_FILE = previous;
    rmSync(dir, { recursive: true, force: true });
  });

  test(
    '--since 7d: grouped unanswered questions of the last week, "no" feedback, rates per language',
    async () => {
      const { code, stdout } = await runTsx('src/cli/faq.ts', ['report', '--since', '7d']);

      expect(code).toBe(0);
      expect(stdout).toContain('3× [de] "Wie hoch ist meine Franchise?"');
      expect(stdout).toContain('1× [de] "Velo versichern"');
      expect(stdout).not.toContain('Kündigung');
      expect(stdout).toContain('ebill: 1 no, 0 yes');
      expect(stdout).toContain('de: 4 questions — 0.0% (0) / 0.0% (0) / 100.0% (4)');
      expect(stdout).toContain('fr: 1 questions — 100.0% (1)');
      // Which entries people had seen before handing their case to the web support.
      expect(stdout).toContain('Support requests: 2 (not_helpful 1, fallback 1)');
      expect(stdout).toMatch(/Entries seen before a support request.*\n {2}ebill: 2\n {2}login: 1\n/);
    },
    CLI_TIMEOUT,
  );

  test(
    '--html FILE writes the report as a page with an inline SVG chart',
    async () => {
      const file = path.join(dir, 'report.html');

      const { code, stdout } = await runTsx('src/cli/faq.ts', ['report', '--html', file]);

      expect(code).toBe(0);
      expect(stdout).toContain(file);
      const html = readFileSync(file, 'utf8');
      expect(html).toContain('<svg');
      expect(html).toContain('Wie hoch ist meine Franchise?');
      expect(html).toContain('Kündigung Grundversicherung');
      expect(html).toContain('<td>ebill</td><td>2</td>');
    },
    CLI_TIMEOUT,
  );

  test(
    'a bad --since is refused with the accepted forms',
    async () => {
      const { code, stderr } = await runTsx('src/cli/faq.ts', ['report', '--since', 'last week']);

      expect(code).toBe(2);
      expect(stderr).toContain('7d, 24h or 2w');
    },
    CLI_TIMEOUT,
  );
});
