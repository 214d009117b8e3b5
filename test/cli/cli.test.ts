import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LANGUAGES } from '../../src/language';
import { loadFaq } from '../../src/faq/loader';
import { runTsx } from '../helpers/cli';
import { FaqCopy } from '../helpers/faqCopy';
import { FAQ_DIR, PROJECT_ROOT } from '../helpers/paths';

const CLI_TIMEOUT = 60_000;
const number = expect.any(Number);

describe('npm run eval (src/cli/eval.ts)', () => {
  test(
    '--json prints exactly one JSON object with the whole evaluation',
    async () => {
      const { code, stdout, stderr } = await runTsx('src/cli/eval.ts', ['test/devset.jsonl', '--json']);

      expect({ code, stderr }).toMatchObject({ code: 0 });
      const result = JSON.parse(stdout) as Record<string, unknown>;
      expect(result).toEqual(expect.any(Object));
      expect(Array.isArray(result)).toBe(false);
      expect(result).toMatchObject({
        total: number,
        correct: number,
        accuracy: number,
        byLanguage: Object.fromEntries(
          LANGUAGES.map((lang) => [lang, { total: number, correct: number, accuracy: number }]),
        ),
        outOfScope: { total: number, rejected: number },
        ambiguous: number,
        misses: expect.any(Array),
      });

      const evaluation = result as {
        total: number;
        correct: number;
        accuracy: number;
        outOfScope: { total: number; rejected: number };
        byLanguage: Record<string, { total: number }>;
        misses: Array<Record<string, unknown>>;
      };
      const rows = readFileSync(path.join(PROJECT_ROOT, 'test', 'devset.jsonl'), 'utf8')
        .split('\n')
        .filter((line) => line.trim()).length;
      expect(evaluation.total + evaluation.outOfScope.total).toBe(rows);
      expect(LANGUAGES.reduce((sum, lang) => sum + evaluation.byLanguage[lang].total, 0)).toBe(
        evaluation.total,
      );
      expect(evaluation.accuracy).toBeCloseTo(evaluation.correct / evaluation.total, 10);
      // Every wrong row is listed: wrong in-scope answers and out-of-scope questions that were answered.
      expect(evaluation.misses).toHaveLength(
        evaluation.total - evaluation.correct + evaluation.outOfScope.total - evaluation.outOfScope.rejected,
      );
      const nullOrString = (v: unknown) => v === null || typeof v === 'string';
      for (const miss of evaluation.misses) {
        expect(Object.keys(miss).sort()).toEqual(['expected', 'got', 'lang', 'score', 'text']);
        expect(miss).toMatchObject({
          lang: expect.stringMatching(/^(de|fr|it)$/),
          text: expect.any(String),
          score: number,
        });
        expect([nullOrString(miss.expected), nullOrString(miss.got)]).toEqual([true, true]);
      }
    },
    CLI_TIMEOUT,
  );

  test(
    '--half keeps one half of the blind set; --json adds ranked first, confident wrong and calibration',
    async () => {
      const blind = readFileSync(path.join(PROJECT_ROOT, 'test', 'blindDevset.jsonl'), 'utf8')
        .split('\n')
        .filter((line) => line.trim())
        .map((line) => JSON.parse(line) as { lang: string; half: string; expected: string | null });
      const tune = blind.filter((r) => r.half === 'tune');
      const { code, stdout } = await runTsx('src/cli/eval.ts', [
        'test/blindDevset.jsonl',
        '--half',
        'tune',
        '--json',
      ]);

      expect(code).toBe(0);
      const result = JSON.parse(stdout) as {
        total: number;
        rankedFirst: number;
        correct: number;
        confidentWrong: number;
        outOfScopeConfidentWrong: number;
        outOfScope: { total: number; rejected: number };
        unspoken: { total: number; recognised: number };
        calibration: Array<{ from: number; to: number; rows: number; right: number; share: number }>;
      };
      const spoken = tune.filter((r) => r.lang !== 'en');
      expect(result.total).toBe(spoken.filter((r) => r.expected !== null).length);
      expect(result.outOfScope.total).toBe(spoken.filter((r) => r.expected === null).length);
      expect(result.unspoken.total).toBe(tune.length - spoken.length);
      expect(result.outOfScopeConfidentWrong).toBe(result.outOfScope.total - result.outOfScope.rejected);
      expect(result.rankedFirst).toBeGreaterThanOrEqual(result.correct);
      expect(result.correct + result.confidentWrong).toBeLessThanOrEqual(result.total);
      // Every row with a candidate lands in one bucket.
      const bucketed = result.calibration.reduce((sum, b) => sum + b.rows, 0);
      expect(bucketed).toBeLessThanOrEqual(spoken.length);
      expect(bucketed).toBeGreaterThan(spoken.length / 2);
      for (const b of result.calibration) expect(b.share).toBeCloseTo(b.right / b.rows, 10);
    },
    CLI_TIMEOUT,
  );

  test(
    '--half with another value is refused with the values it takes',
    async () => {
      const { code, stderr } = await runTsx('src/cli/eval.ts', ['test/blindDevset.jsonl', '--half', 'both']);

      expect(code).not.toBe(0);
      expect(stderr).toContain('--half must be tune or report');
    },
    CLI_TIMEOUT,
  );

  test(
    '--flows counts every row of the blind set once, per language and half, and lists confusions of the tune half only',
    async () => {
      const file = 'test/flowsDevset.jsonl';
      const rows = readFileSync(path.join(PROJECT_ROOT, file), 'utf8')
        .split('\n')
        .filter((line) => line.trim())
        .map((line) => JSON.parse(line) as { lang: string; half: string; text: string });
      const json = await runTsx('src/cli/eval.ts', ['--flows', file, '--year', '2026', '--json']);
      expect(json.code).toBe(0);
      const byLanguage = JSON.parse(json.stdout) as Record<
        string,
        Record<string, { rows: number; expected: number }>
      >;
      for (const lang of LANGUAGES) {
        for (const half of ['tune', 'report']) {
          const count = rows.filter((r) => r.lang === lang && r.half === half).length;
          expect(byLanguage[lang]![half]).toEqual({ rows: count, expected: expect.any(Number) });
          expect(byLanguage[lang]![half]!.expected).toBeLessThanOrEqual(count);
        }
      }

      const text = await runTsx('src/cli/eval.ts', ['--flows', file, '--year', '2026']);
      const listed = text.stdout.split('\n').filter((line) => /^ {2}\[(de|fr|it) /.test(line));
      const reportTexts = rows.filter((r) => r.half === 'report').map((r) => JSON.stringify(r.text));
      expect(listed.some((line) => reportTexts.some((t) => line.includes(`] ${t} expected`)))).toBe(false);
    },
    CLI_TIMEOUT,
  );
});

describe('npm run faq (src/cli/faq.ts)', () => {
  test(
    'check: exits 0 on the shipped faq/',
    async () => {
      const { code, stdout } = await runTsx('src/cli/faq.ts', ['check']);

      expect(code).toBe(0);
      expect(stdout).toContain(`${loadFaq(FAQ_DIR).entries.length} entries`);
    },
    CLI_TIMEOUT,
  );

  test(
    'check: exits 1 on broken content and names the file, the entry and the field',
    async () => {
      const copy = new FaqCopy();
      try {
        copy.damageEntry('online-discount', 'damaged-entry.yaml', (entry) => {
          entry.fr!.alternates = entry.fr!.alternates.slice(0, 3);
        });

        const { code, stdout, stderr } = await runTsx('src/cli/faq.ts', ['check', '--faq', copy.dir]);

        expect(code).toBe(1);
        const output = stdout + stderr;
        expect(output).toContain('entries/damaged-entry.yaml');
        expect(output).toContain('online-discount');
        expect(output).toContain('fr.alternates');
      } finally {
        copy.remove();
      }
    },
    CLI_TIMEOUT,
  );

  test(
    'check: without --faq, checks the content folder the bot is configured with (FAQ_DIR)',
    async () => {
      const copy = new FaqCopy();
      try {
        copy.damageEntry('online-discount', 'damaged-entry.yaml', (entry) => {
          entry.fr!.alternates = entry.fr!.alternates.slice(0, 3);
        });

        const { code, stdout, stderr } = await runTsx('src/cli/faq.ts', ['check'], CLI_TIMEOUT, {
          FAQ_DIR: copy.dir,
        });

        expect(code).toBe(1);
        expect(stdout + stderr).toContain('entries/damaged-entry.yaml');
      } finally {
        copy.remove();
      }
    },
    CLI_TIMEOUT,
  );

  test(
    'export --json: one object per entry and language, with the content of the entry',
    async () => {
      const { code, stdout } = await runTsx('src/cli/faq.ts', ['export', '--json']);

      expect(code).toBe(0);
      const rows = parseJsonRows(stdout);
      const faq = loadFaq(FAQ_DIR);
      expect(rows).toHaveLength(faq.entries.length * LANGUAGES.length);
      for (const entry of faq.entries) {
        for (const lang of LANGUAGES) {
          const matching = rows.filter((r) => r.id === entry.id && r.lang === lang);
          expect(matching).toEqual([
            {
              id: entry.id,
              lang,
              category: entry.category,
              question: entry.text[lang].question,
              alternates: entry.text[lang].alternates,
              answer: entry.text[lang].answer,
              followUps: entry.followUps,
              action: entry.action ?? null,
            },
          ]);
        }
      }
      expect(rows.find((r) => r.id === 'extra-code-order')?.action).toBe('request-code');
    },
    CLI_TIMEOUT,
  );

  test(
    'ask "Zusatzcode per SMS bestellen" --lang de: names extra-code-order as the answer',
    async () => {
      const { code, stdout } = await runTsx('src/cli/faq.ts', [
        'ask',
        'Zusatzcode per SMS bestellen',
        '--lang',
        'de',
      ]);

      expect(code).toBe(0);
      const [headline] = stdout.trim().split('\n');
      expect(headline).toMatch(/answer\W+extra-code-order\b/);
    },
    CLI_TIMEOUT,
  );

  test(
    'ask --json: the outcome as JSON',
    async () => {
      const { code, stdout } = await runTsx('src/cli/faq.ts', [
        'ask',
        'Zusatzcode per SMS bestellen',
        '--lang',
        'de',
        '--json',
      ]);

      expect(code).toBe(0);
      expect(JSON.parse(stdout)).toMatchObject({ lang: 'de', kind: 'answer', id: 'extra-code-order' });
    },
    CLI_TIMEOUT,
  );
});

/** A JSON array, or one JSON object per line. */
function parseJsonRows(stdout: string): Array<Record<string, unknown>> {
  const text = stdout.trim();
  if (text.startsWith('[')) return JSON.parse(text) as Array<Record<string, unknown>>;
  return text.split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
}
