import { execFileSync } from 'node:child_process';
import { runTsx } from '../helpers/cli';
import { FaqCopy } from '../helpers/faqCopy';

const CLI_TIMEOUT = 60_000;

/**
 * Support staff fix an answer in one language and commit; `faq -- check --since` reminds them that the other
 * two languages need a look. The content is a git repository of its own here, as the project is.
 */
describe('npm run faq -- check --since [REF]', () => {
  let copy: FaqCopy;
  const git = (...args: string[]) =>
    execFileSync('git', ['-C', copy.dir, ...args], {
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 't',
        GIT_AUTHOR_EMAIL: 't@example.org',
        GIT_COMMITTER_NAME: 't',
        GIT_COMMITTER_EMAIL: 't@example.org',
      },
    });

  beforeAll(() => {
    copy = new FaqCopy();
    git('init', '-q');
    git('add', '-A');
    git('commit', '-q', '-m', 'content as shipped');
    copy.writeEntry(
      'online-discount.yaml',
      copy
        .readEntryText('online-discount')
        .replace('auf allen Zusatzversicherungen', 'auf allen Zusatzversicherungen (ohne Spital)'),
    );
    copy.writeEntry(
      'ebill.yaml',
      copy
        .readEntryText('ebill')
        .replace(/^category:/m, 'reviewBy: 2026-01-31\nowner: Team E-Rechnung\ncategory:'),
    );
  });
  afterAll(() => copy.remove());

  test(
    'without REF (the last commit): the German answer changed, French and Italian did not: both flagged; an overdue review too',
    async () => {
      const { code, stdout } = await runTsx('src/cli/faq.ts', ['check', '--since', '--faq', copy.dir]);

      expect(code).toBe(0);
      const outOfStep = stdout.split('\n').filter((l) => l.includes('[languages-out-of-step]'));
      expect(outOfStep).toEqual([
        expect.stringContaining(
          'entries/online-discount.yaml, entry "online-discount", language fr, field "fr.answer": the de answer changed since HEAD, this one did not',
        ),
        expect.stringContaining('language it, field "it.answer"'),
      ]);
      expect(stdout).toContain(
        '[review-overdue] entries/ebill.yaml, entry "ebill", field "reviewBy": was to be reviewed by 2026-01-31 (owner: Team E-Rechnung)',
      );
    },
    CLI_TIMEOUT,
  );

  test(
    'once French and Italian are changed and committed, an earlier REF shows nothing out of step',
    async () => {
      const edited = copy
        .readEntryText('online-discount')
        .replace(
          'sur toutes les assurances complémentaires',
          'sur toutes les assurances complémentaires (sans hôpital)',
        )
        .replace(
          'su tutte le assicurazioni complementari',
          'su tutte le assicurazioni complementari (senza ospedale)',
        );
      copy.writeEntry('online-discount.yaml', edited);
      git('commit', '-q', '-am', 'online discount in three languages');

      const { stdout } = await runTsx('src/cli/faq.ts', ['check', '--since', 'HEAD~1', '--faq', copy.dir]);

      expect(stdout).not.toContain('[languages-out-of-step]');
    },
    CLI_TIMEOUT,
  );

  test(
    'a REF that is no commit is refused in plain words',
    async () => {
      const { code, stderr } = await runTsx('src/cli/faq.ts', [
        'check',
        '--since',
        'no-such-ref',
        '--faq',
        copy.dir,
      ]);

      expect(code).toBe(2);
      expect(stderr).toContain('--since: "no-such-ref" is not a commit');
    },
    CLI_TIMEOUT,
  );
});
