import { readdirSync, writeFileSync } from 'node:fs';
import fsPromises from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { DISK_CACHE_DIR } from '../../src/diskCache';
import { Matcher, type Intent } from '../../src/faq/matcher';
import { cachedMatcher, matcherCacheFile } from '../../src/faq/matcherCache';
import { eventually } from '../helpers/eventually';

const CACHE_DIR = path.join(DISK_CACHE_DIR, 'matcher');
/** The finished cache files (a write in progress has a temporary name). */
const cacheFiles = () => {
  try {
    return readdirSync(CACHE_DIR).filter((name) => !name.endsWith('.tmp'));
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

  /** The finished cache file of the matcher for `args`, once written (other test files write theirs beside it). */
  const keptFile = (...args: Parameters<typeof matcherCacheFile>) =>
    eventually(
      () => path.basename(matcherCacheFile(...args)),
      (name) => cacheFiles().includes(name),
      10_000,
    );

  afterEach(() => jest.restoreAllMocks());

  it('answers after a restart, from the matcher kept by the first start, exactly as the one built', async () => {
    const before = new Set(cacheFiles());
    const built = cachedMatcher(intents, 'de');
    const file = await keptFile(intents, 'de');
    expect(before.has(file)).toBe(false);

    const read = cachedMatcher(intents, 'de');
    expect(read).not.toBe(built);
    expect(answers(read)).toEqual(answers(new Matcher(intents, 'de')));
    expect(read.matchQuestion('passwort vergessen')).toMatchObject({ kind: 'answer', id: 'password' });
  });

  it('builds again when the content changes, and when a kept file is damaged', async () => {
    const changed = intents.map((i) => (i.id === 'invoice' ? { ...i, phrasings: [...i.phrasings, 'Rechnungskopie'] } : i));
    const before = new Set(cacheFiles());
    const matcher = cachedMatcher(changed, 'de');
    const file = await keptFile(changed, 'de');
    expect(before.has(file)).toBe(false);
    expect(matcher.matchQuestion('Rechnungskopie')).toMatchObject({ kind: 'answer', id: 'invoice' });

    writeFileSync(path.join(CACHE_DIR, file), 'not a matcher');
    expect(answers(cachedMatcher(changed, 'de'))).toEqual(answers(new Matcher(changed, 'de')));
  });

  it('a rebuilt matcher answers while its file is still being written, and the file appears whole', async () => {
    // A reload of edited content: its file's write is held until the bot has answered.
    const edited = intents.map((i) => (i.id === 'login' ? { ...i, phrasings: [...i.phrasings, `Einloggen ${run}`] } : i));
    let release = () => undefined as void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const realWrite = fsPromises.writeFile;
    jest.spyOn(fsPromises, 'writeFile').mockImplementation(async (...args: Parameters<typeof realWrite>) => {
      await held;
      return realWrite(...args);
    });
    const before = new Set(cacheFiles());

    const matcher = cachedMatcher(edited, 'de');
    expect(matcher.matchQuestion(`Einloggen ${run}`)).toMatchObject({ kind: 'answer', id: 'login' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(cacheFiles()).not.toContain(path.basename(matcherCacheFile(edited, 'de')));

    release();
    const file = await keptFile(edited, 'de');
    expect(before.has(file)).toBe(false);
    jest.restoreAllMocks();
    const restarted = cachedMatcher(edited, 'de');
    expect(answers(restarted)).toEqual(answers(new Matcher(edited, 'de')));
  });
});
