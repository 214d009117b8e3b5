import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { MIN_ALTERNATES } from '../../src/faq/schema';
import { LANGUAGES } from '../../src/language';
import { ContentError, FACTS_FILE, loadFaq, NEIGHBOURS_FILE, SYNONYMS_FILE, type ContentProblem } from '../../src/faq/loader';
import { contentErrorOf, FaqCopy, type EntryDocument } from '../helpers/faqCopy';
import { FAQ_DIR } from '../helpers/paths';

const SHIPPED_IDS = [
  'login-failed',
  'contract-number-forgotten',
  'password-forgotten',
  'login-support-contact',
  'code-card',
  'extra-code-order',
  'suisseid',
  'suisseid-help',
  'axsionics-passport',
  'login-levels',
  'two-step-login-activate',
  'documents-where',
  'pdf-not-opening',
  'documents-retention',
  'tax-certificate',
  'doctor-bills',
  'online-join-date',
  'online-leave',
  'personal-advisor',
  'online-discount',
  'discount-basic-insurance',
  'loyalty-discount',
  'ebill',
  'connect-register',
  'connect-sms-factor',
  'connect-authenticator',
  'connect-email-code-missing',
  'connect-registration-code-missing',
  'connect-login',
];

describe('the shipped faq/', () => {
  const faq = loadFaq(FAQ_DIR);

  test('holds exactly the 29 agreed entries', () => {
    expect([...faq.entries.map((e) => e.id)].sort()).toEqual([...SHIPPED_IDS].sort());
  });

  test(`every entry has a question, an answer and at least ${MIN_ALTERNATES} alternates in every language`, () => {
    const shortfalls = faq.entries.flatMap((entry) =>
      LANGUAGES.filter(
        (lang) =>
          entry.text[lang].alternates.length < MIN_ALTERNATES ||
          !entry.text[lang].question.trim() ||
          !entry.text[lang].answer.trim(),
      ).map((lang) => `${entry.id} [${lang}]: ${entry.text[lang].alternates.length} alternates`),
    );
    expect(shortfalls).toEqual([]);
    expect(MIN_ALTERNATES).toBeGreaterThanOrEqual(8);
  });

  test('every category has entries and every entry is reachable by id', () => {
    const empty = faq.categories
      .filter((c) => !faq.entries.some((e) => e.category === c.id))
      .map((c) => c.id);
    expect(empty).toEqual([]);
    for (const id of SHIPPED_IDS) expect(faq.byId.get(id)?.id).toBe(id);
  });
});

/** One kind of damage to a copy of faq/, and where the error must point to. */
interface BrokenContentCase {
  name: string;
  damage: (copy: FaqCopy) => void;
  expected: { file: string; entryId: string; field: RegExp; message?: RegExp };
}

const DAMAGED_FILE = 'entries/damaged-entry.yaml';
const damaged = (damage: (entry: EntryDocument) => void) => (copy: FaqCopy) =>
  copy.damageEntry('online-discount', 'damaged-entry.yaml', damage);

const BROKEN_CONTENT: BrokenContentCase[] = [
  {
    name: 'a missing language',
    damage: damaged((entry) => delete entry.it),
    expected: { file: DAMAGED_FILE, entryId: 'online-discount', field: /^it\b/ },
  },
  {
    name: 'a duplicate id',
    damage: (copy) => copy.writeEntry('zz-duplicate.yaml', copy.readEntry('online-discount')),
    expected: {
      file: 'entries/zz-duplicate.yaml',
      entryId: 'online-discount',
      field: /^id$/,
      message: /entries\/online-discount\.yaml/,
    },
  },
  {
    name: 'an unknown follow-up id',
    damage: damaged((entry) => (entry.followUps = ['loyalty-discount', 'no-such-entry'])),
    expected: {
      file: DAMAGED_FILE,
      entryId: 'online-discount',
      field: /^followUps/,
      message: /no-such-entry/,
    },
  },
  {
    name: 'an empty answer',
    damage: damaged((entry) => (entry.fr!.answer = '   ')),
    expected: { file: DAMAGED_FILE, entryId: 'online-discount', field: /^fr\.answer$/ },
  },
  {
    name: 'too few alternates',
    damage: damaged((entry) => (entry.de!.alternates = entry.de!.alternates.slice(0, MIN_ALTERNATES - 1))),
    expected: { file: DAMAGED_FILE, entryId: 'online-discount', field: /^de\.alternates$/, message: /8/ },
  },
  {
    name: 'an unknown category',
    damage: damaged((entry) => (entry.category = 'rebates')),
    expected: { file: DAMAGED_FILE, entryId: 'online-discount', field: /^category$/, message: /rebates/ },
  },
  {
    name: 'an unknown action',
    damage: damaged((entry) => (entry.action = 'transfer-money')),
    expected: { file: DAMAGED_FILE, entryId: 'online-discount', field: /^action$/ },
  },
];

describe('broken content is refused with a precise ContentError', () => {
  let copy: FaqCopy;
  beforeEach(() => (copy = new FaqCopy()));
  afterEach(() => copy.remove());

  test('an undamaged copy loads (the damage below is what breaks it)', () => {
    expect(loadFaq(copy.dir).entries).toHaveLength(SHIPPED_IDS.length);
  });

  test.each(BROKEN_CONTENT)('$name: names the file, the entry id and the field', ({ damage, expected }) => {
    damage(copy);
    const error = contentErrorOf(() => loadFaq(copy.dir));

    const problem = error.problems.find(
      (p: ContentProblem) =>
        p.file === expected.file && p.entryId === expected.entryId && expected.field.test(p.field ?? ''),
    );
    if (!problem) {
      throw new Error(
        `no problem names ${expected.file}, "${expected.entryId}", ${expected.field}:\n${error.message}`,
      );
    }
    if (expected.message) expect(problem.message).toMatch(expected.message);

    // The message is what an operator reads in the log when the bot refuses to start.
    expect(error).toBeInstanceOf(ContentError);
    expect(error.message).toContain(expected.file);
    expect(error.message).toContain(expected.entryId);
    expect(error.message).toContain(problem.field!);
    expect(error.message).toContain(problem.message);
  });

  test('invalid YAML: names the file and where in it the syntax breaks', () => {
    const text = copy.readEntryText('online-discount');
    copy.removeEntry('online-discount');
    copy.writeEntry('damaged-entry.yaml', text.replace('category: discounts', 'category: [discounts'));

    const error = contentErrorOf(() => loadFaq(copy.dir));

    expect(error.problems).toContainEqual(
      expect.objectContaining({ file: DAMAGED_FILE, message: expect.stringMatching(/YAML/) }),
    );
    expect(error.message).toContain(DAMAGED_FILE);
    expect(error.message).toMatch(/YAML/);
    expect(error.message).toMatch(/line \d+/);
  });

  test('a second load, from the parsed files kept between starts, reports the same problems at the same lines', () => {
    damaged((entry) => (entry.fr!.answer = '   '))(copy);

    const first = contentErrorOf(() => loadFaq(copy.dir));
    const second = contentErrorOf(() => loadFaq(copy.dir));

    expect(first.problems).toContainEqual(expect.objectContaining({ field: 'fr.answer', line: expect.any(Number) }));
    expect(second.problems).toEqual(first.problems);
  });

  test('an invalid entry is reported once: entries pointing to it are not blamed as well', () => {
    damaged((entry) => delete entry.it)(copy);
    const pointing = copy.readEntry('loyalty-discount');
    expect(pointing.followUps).toContain('online-discount');

    const error = contentErrorOf(() => loadFaq(copy.dir));

    expect(error.problems.map((p) => p.file)).toEqual([DAMAGED_FILE]);
  });

  test('every problem is reported at once, not only the first', () => {
    damaged((entry) => {
      delete entry.it;
      entry.category = 'rebates';
    })(copy);
    const extra = copy.readEntry('loyalty-discount');
    extra.fr!.answer = '';
    copy.writeEntry('loyalty-discount.yaml', extra);

    const error = contentErrorOf(() => loadFaq(copy.dir));

    const places = error.problems.map((p) => `${p.file} ${p.field}`);
    expect(places).toEqual(
      expect.arrayContaining([`${DAMAGED_FILE} it`, 'entries/loyalty-discount.yaml fr.answer']),
    );
  });
});

describe('faq/synonyms.yaml, the words users write otherwise', () => {
  let copy: FaqCopy;
  beforeEach(() => (copy = new FaqCopy()));
  afterEach(() => copy.remove());

  const writeSynonyms = (yaml: string) => writeFileSync(path.join(copy.dir, SYNONYMS_FILE), yaml);

  test('the shipped file reads Swiss German variants as the FAQ words, folded like the questions', () => {
    const { synonyms } = loadFaq(FAQ_DIR);

    expect(synonyms.de.get('rachnig')).toBe('rechnung');
    expect(synonyms.de.get('natel')).toBe('handy');
    expect(synonyms.de.get('nod')).toBe('nicht');
  });

  test('is optional: without it the FAQ loads with no synonyms', () => {
    rmSync(path.join(copy.dir, SYNONYMS_FILE));

    expect(loadFaq(copy.dir).synonyms.de.size).toBe(0);
  });

  test.each([
    ['a variant of two words', 'de:\n  passwort: [pass wort]\n', /^de\.passwort\.0$/, /one word/],
    ['a word that is two words', 'de:\n  neues passwort: [pw]\n', /^de\.neues passwort$/, /one word/],
    ['a variant standing for two words', 'fr:\n  passe: [mdp]\n  mot: [mdp]\n', /^fr\.mot\.0$/, /"passe"/],
    ['a variant that is the word itself', 'it:\n  password: [Password]\n', /^it\.password\.0$/, /itself/],
    ['variants that are not a list', 'de:\n  passwort: pw\n', /^de\.passwort$/, /must be a list/],
    ['an unknown language', 'en:\n  password: [pw]\n', /^$/, /en/],
  ])('%s is refused, naming the file and the field', (_name, yaml, field, message) => {
    writeSynonyms(yaml);

    const error = contentErrorOf(() => loadFaq(copy.dir));

    expect(error.problems).toContainEqual(
      expect.objectContaining({ file: SYNONYMS_FILE, message: expect.stringMatching(message) }),
    );
    const problem = error.problems.find((p) => p.file === SYNONYMS_FILE)!;
    expect(problem.field ?? '').toMatch(field);
    expect(error.message).toContain(SYNONYMS_FILE);
  });
});

describe('faq/neighbours.yaml, questions near the FAQ that it does not answer', () => {
  let copy: FaqCopy;
  beforeEach(() => (copy = new FaqCopy()));
  afterEach(() => copy.remove());

  test('the shipped file has the neighbours of every language, by topic', () => {
    const { neighbours } = loadFaq(FAQ_DIR);

    for (const lang of LANGUAGES) {
      expect(neighbours[lang].map((n) => n.topic)).toEqual(expect.arrayContaining(['cancel-insurance', 'logout']));
    }
  });

  test('is optional: without it the FAQ loads with none', () => {
    rmSync(path.join(copy.dir, NEIGHBOURS_FILE));

    expect(loadFaq(copy.dir).neighbours.de).toEqual([]);
  });

  test.each([
    ['a topic without questions', 'de:\n  logout: []\n', /^de\.logout$/, /at least one question/],
    ['a topic that is no id', 'fr:\n  Log Out: [se déconnecter]\n', /^fr/, /key|dashes/],
    ['an unknown language', 'en:\n  logout: [log out]\n', /^$/, /en/],
  ])('%s is refused, naming the file and the field', (_name, yaml, field, message) => {
    writeFileSync(path.join(copy.dir, NEIGHBOURS_FILE), yaml);

    const error = contentErrorOf(() => loadFaq(copy.dir));

    const problem = error.problems.find((p) => p.file === NEIGHBOURS_FILE)!;
    expect(problem.message).toMatch(message);
    expect(problem.field ?? '').toMatch(field);
  });
});

describe('faq/facts.yaml, the facts the bot gives per language', () => {
  let copy: FaqCopy;
  beforeEach(() => (copy = new FaqCopy()));
  afterEach(() => copy.remove());

  test('the shipped table gives each language its own support line', () => {
    expect(loadFaq(FAQ_DIR).facts.phone).toEqual({ de: '0800 815 415', fr: '0800 815 416', it: '0800 815 417' });
  });

  test.each([
    ['a language without its line', 'phone:\n  de: 0800 815 415\n  fr: 0800 815 416\nemail: {de: a@kpt.ch, fr: a@kpt.ch, it: a@kpt.ch}\n', 'phone.it', /missing|expected/i],
    ['a line that is not a phone number', 'phone: {de: 0800 815 415, fr: call us, it: 0800 815 417}\nemail: {de: a@kpt.ch, fr: a@kpt.ch, it: a@kpt.ch}\n', 'phone.fr', /phone number/],
    ['an e-mail address that is none', 'phone: {de: 0800 815 415, fr: 0800 815 416, it: 0800 815 417}\nemail: {de: websupport, fr: a@kpt.ch, it: a@kpt.ch}\n', 'email.de', /e-mail/],
  ])('%s stops the load, naming file and field', (_name, yaml, field, message) => {
    writeFileSync(path.join(copy.dir, FACTS_FILE), yaml);

    const error = contentErrorOf(() => loadFaq(copy.dir));

    expect(error.problems).toContainEqual(
      expect.objectContaining({ file: FACTS_FILE, field, message: expect.stringMatching(message) }),
    );
  });

  test('a missing table stops the load, saying so', () => {
    rmSync(path.join(copy.dir, FACTS_FILE));

    expect(contentErrorOf(() => loadFaq(copy.dir)).problems).toEqual([
      { file: FACTS_FILE, message: 'file is missing' },
    ]);
  });
});
