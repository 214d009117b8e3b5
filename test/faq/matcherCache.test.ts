import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { DISK_CACHE_DIR } from '../../src/diskCache';
import { Matcher, type Intent } from '../../src/faq/matcher';
import { cachedMatcher } from '../../src/faq/matcherCache';

const CACHE_DIR = path.join(DISK_CACHE_DIR, 'matcher');
const cacheFiles = () => {
  try {
    return readdirSync(CACHE_DIR);
  } catch {
    return [];
  }
};

describe('cachedMatcher (the FAQ index kept between starts)', () => {
  // An intent no other run has used: the first matcher is built, not read.
  const run = randomUUID().slice(0, 8);
  const intents: Intent[] = [
    {
      id: 'password',
      phrasings: ['Ich habe mein Passwort vergessen', 'Passwort zurücksetzen', `Kennwort ${run} verloren`],
      followUps: ['login'],
    },
    { id: 'login', phrasings: ['Wie melde ich mich an?', 'Login funktioniert nicht', 'Anmeldung klappt nicht'] },
    { id: 'invoice', phrasings: ['Wo finde ich meine Rechnung?', 'Prämienrechnung herunterladen'] },
    { id: 'neighbour:premium', phrasings: ['Wie hoch ist meine Prämie?'], outOfScope: true },
  ];
  const questions = [
    'passwort vergessen',
    'Pasword vergesen',
    'ich kann mich nicht anmelden',
    'Rechnung',
    'Wie hoch ist die Prämie?',
    'Wetter morgen',
  ];
  const answers = (matcher: Matcher) =>
    questions.map((q) => {
      const outcome = matcher.matchQuestion(q);
      return [outcome, matcher.rank(q), outcome.candidates.map((c) => matcher.floorOf(c.id))];
    });

  it('answers after a restart, from the matcher kept by the first start, exactly as the one built', () => {
    const before = new Set(cacheFiles());
    const built = cachedMatcher(intents, 'de');
    expect(cacheFiles().filter((name) => !before.has(name))).toHaveLength(1);

    const read = cachedMatcher(intents, 'de');
    expect(read).not.toBe(built);
    expect(answers(read)).toEqual(answers(new Matcher(intents, 'de')));
    expect(read.matchQuestion('passwort vergessen')).toMatchObject({ kind: 'answer', id: 'password' });
  });

  it('builds again when the content changes, and when a kept file is damaged', () => {
    const changed = intents.map((i) => (i.id === 'invoice' ? { ...i, phrasings: [...i.phrasings, 'Rechnungskopie'] } : i));
    const before = new Set(cacheFiles());
    const matcher = cachedMatcher(changed, 'de');
    const [file] = cacheFiles().filter((name) => !before.has(name));
    expect(file).toBeDefined();
    expect(matcher.matchQuestion('Rechnungskopie')).toMatchObject({ kind: 'answer', id: 'invoice' });

    writeFileSync(path.join(CACHE_DIR, file!), 'not a matcher');
    expect(answers(cachedMatcher(changed, 'de'))).toEqual(answers(new Matcher(changed, 'de')));
  });
});
