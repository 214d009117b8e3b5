import Fuse from 'fuse.js';
import { TypoCandidates } from '../../src/faq/candidateIndex';
import { LANGUAGES } from '../../src/language';
import { maskPii } from '../../src/security/pii';
import { shippedIndex } from '../helpers/shippedFaq';

/** Made-up letters without a space: what an attacker sends to keep the server busy (explorer, 2026-12-03). */
function madeUpWord(length: number, seed: number): string {
  let text = '';
  for (let i = 0; i < length; i++) text += String.fromCharCode(97 + ((seed * 7919 + i * i * 31) % 26));
  return text;
}

describe('a message of one long made-up word does not make the matcher compare it with the whole vocabulary', () => {
  afterEach(() => jest.restoreAllMocks());

  test('a word longer than every known word plus the allowed edits is near no known word', () => {
    const typos = new TypoCandidates(['passwort', 'steuerbescheinigung'], 0.25);
    expect(typos.mayBeNear('steuerbescheinigungen'.length, 2)).toBe(true);
    expect(typos.mayBeNear(2_000, 2)).toBe(false);
  });

  test.each(LANGUAGES)('%s: 2,000 made-up letters get the fallback without any fuse.js search', (lang) => {
    const matcher = shippedIndex().matcher(lang);
    const search = jest.spyOn(Fuse.prototype, 'search');
    const outcome = matcher.matchQuestion(madeUpWord(2_000, LANGUAGES.indexOf(lang) + 1));
    expect(outcome.kind).toBe('fallback');
    expect(search).not.toHaveBeenCalled();
  });
});

describe('masking personal data of a long message', () => {
  test('an e-mail address after a long word is still masked, the word kept', () => {
    const word = madeUpWord(5_000, 3);
    expect(maskPii(`${word} anna.muster@example.ch`)).toBe(`${word} [e-mail]`);
  });
});
