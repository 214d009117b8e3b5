import { LANGUAGES } from '../../src/language';
import { contentWords, foldText, words } from '../../src/faq/normalize';

describe('foldText', () => {
  test('German: "Prämie", "Praemie" and "Pramie" are one word', () => {
    const folded = ['Prämie', 'Praemie', 'Pramie', 'PRÄMIE', 'prämie'].map((w) => foldText(w, 'de'));
    expect(new Set(folded)).toEqual(new Set([foldText('Pramie', 'de')]));
  });

  test('German: every umlaut folds like its ae/oe/ue spelling', () => {
    expect(foldText('Grösse Überweisung Rückerstattung', 'de')).toBe(
      foldText('Groesse Ueberweisung Rueckerstattung', 'de'),
    );
  });

  test.each(LANGUAGES)('%s: "ß" is "ss"', (lang) => {
    expect(foldText('Straße', lang)).toBe(foldText('Strasse', lang));
    expect(foldText('heißt', lang)).toBe('heisst');
  });

  test('French: "é", "è", "ê", "à" and "ç" lose their accents', () => {
    expect(foldText('réduction déjà reçu être problème', 'fr')).toBe('reduction deja recu etre probleme');
  });

  test('Italian: accents are dropped ("perché", "è", "più")', () => {
    expect(foldText('Perché è più', 'it')).toBe('perche e piu');
  });

  test('French and Italian keep "ue" and "oe" ("question", "questo", "poesia")', () => {
    expect(foldText('question', 'fr')).toBe('question');
    expect(foldText('questo poesia', 'it')).toBe('questo poesia');
  });

  test.each(LANGUAGES)('%s: decomposed accents (macOS input) fold like composed ones', (lang) => {
    expect(foldText('re\u0301duction', lang)).toBe(foldText('réduction', lang));
  });

  test.each(LANGUAGES)('%s: full-width letters fold to plain ones', (lang) => {
    expect(foldText('ＰＤＦ', lang)).toBe('pdf');
  });
});

describe('words', () => {
  test.each(LANGUAGES)('%s: punctuation, case and spacing do not change the words', (lang) => {
    const plain = words('passwort vergessen', lang);
    for (const variant of [
      'Passwort vergessen?',
      '  PASSWORT   vergessen!!! ',
      'passwort\tvergessen\n',
      '«Passwort» … vergessen?!',
    ]) {
      expect(words(variant, lang)).toEqual(plain);
    }
  });

  test('apostrophes and hyphens separate words', () => {
    expect(words("l'attestato", 'it')).toEqual(['l', 'attestato']);
    expect(words('l’attestation', 'fr')).toEqual(['l', 'attestation']);
    expect(words('E-Mail-Adresse', 'de')).toEqual(['e', 'mail', 'adresse']);
  });

  test('digits are kept as words', () => {
    expect(words('Steuerbescheinigung 2024', 'de')).toEqual([foldText('steuerbescheinigung', 'de'), '2024']);
  });

  test.each(LANGUAGES)('%s: text without letters or digits has no words', (lang) => {
    expect(words('', lang)).toEqual([]);
    expect(words('   ', lang)).toEqual([]);
    expect(words('?!… 😀👍', lang)).toEqual([]);
  });
});

describe('contentWords', () => {
  test('drops function words but keeps the words that carry the question', () => {
    const german = contentWords('Wie kann ich mein Passwort ändern?', 'de');
    expect(german).toEqual(expect.arrayContaining(['passwort', foldText('ändern', 'de')]));
    for (const functionWord of ['wie', 'kann', 'mein']) expect(german).not.toContain(functionWord);
    const french = contentWords('Comment puis-je changer mon mot de passe?', 'fr');
    expect(french).toEqual(expect.arrayContaining(['changer', 'mot', 'passe']));
    for (const functionWord of ['comment', 'je', 'mon', 'de']) expect(french).not.toContain(functionWord);
    expect(contentWords('Come posso cambiare la mia password?', 'it')).toEqual(['cambiare', 'password']);
  });
});
