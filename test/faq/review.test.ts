import { loadFaq } from '../../src/faq/loader';
import { formatFinding } from '../../src/faq/quality';
import { findLanguagesOutOfStep, findOverdueReviews } from '../../src/faq/quality/review';
import { contentErrorOf, FaqCopy } from '../helpers/faqCopy';
import { FAQ_DIR } from '../helpers/paths';

describe('owner and reviewBy of an entry', () => {
  let copy: FaqCopy;
  beforeEach(() => (copy = new FaqCopy()));
  afterEach(() => copy.remove());

  const findings = (today: string) => findOverdueReviews(loadFaq(copy.dir).entries, today);

  test('a reviewBy date that has passed is a warning naming the entry, the date and the owner', () => {
    copy.damageEntry('ebill', 'ebill.yaml', (e) => Object.assign(e, { owner: 'Team Online-Kanäle', reviewBy: '2026-11-30' }));

    const [finding, ...more] = findings('2026-12-03');

    expect(more).toEqual([]);
    expect(finding).toMatchObject({ file: 'entries/ebill.yaml', entryId: 'ebill', field: 'reviewBy' });
    expect(formatFinding(finding)).toContain('[review-overdue]');
    expect(finding.problem).toBe('was to be reviewed by 2026-11-30 (owner: Team Online-Kanäle)');
  });

  test('until the date, and without a date, there is no warning', () => {
    copy.damageEntry('ebill', 'ebill.yaml', (e) => Object.assign(e, { reviewBy: '2026-12-03' }));

    expect(findings('2026-12-03')).toEqual([]);
  });

  test('a reviewBy that is not a date stops the load, naming the field', () => {
    copy.damageEntry('ebill', 'ebill.yaml', (e) => Object.assign(e, { reviewBy: 'next spring' }));

    expect(contentErrorOf(() => loadFaq(copy.dir)).problems).toContainEqual(
      expect.objectContaining({ entryId: 'ebill', field: 'reviewBy', message: 'must be a date like 2027-03-31' }),
    );
  });
});

describe('three languages in step', () => {
  const entry = loadFaq(FAQ_DIR).byId.get('online-discount')!;
  const { de, fr, it } = entry.text;

  test('a German answer changed while French and Italian stayed: both are flagged for review', () => {
    const found = findLanguagesOutOfStep(
      [entry],
      () => ({ de: 'Der alte Text.', fr: fr.answer, it: it.answer }),
      'HEAD',
    );

    expect(found.map((f) => [f.lang, f.field])).toEqual([
      ['fr', 'fr.answer'],
      ['it', 'it.answer'],
    ]);
    expect(found[0].problem).toBe('the de answer changed since HEAD, this one did not');
  });

  test('all three changed, none changed, only line breaks changed, or a new entry: no warning', () => {
    const cases = [
      { de: 'a', fr: 'b', it: 'c' },
      { de: de.answer, fr: fr.answer, it: it.answer },
      { de: de.answer.replace(/ /g, '\n'), fr: fr.answer, it: it.answer },
      undefined,
    ];
    for (const earlier of cases) expect(findLanguagesOutOfStep([entry], () => earlier, 'HEAD')).toEqual([]);
  });
});
