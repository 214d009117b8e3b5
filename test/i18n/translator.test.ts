import { loadTranslator } from '../../src/i18n/translator';
import { LOCALES_DIR } from '../helpers/paths';

test('UI strings show the support contacts in force: changed by a content reload, they show at once', () => {
  let facts = { phone: '058 310 91 11', email: 'websupport@example.ch' };
  const translator = loadTranslator(LOCALES_DIR, () => facts);
  expect(translator.t('de', 'fallback.contact')).toContain('058\u00a0310\u00a091\u00a011');

  facts = { phone: '058 999 00 00', email: 'hilfe@example.ch' };

  const shown = translator.t('de', 'fallback.contact');
  expect(shown).toContain('058\u00a0999\u00a000\u00a000');
  expect(shown).toContain('hilfe@example.ch');
  expect(shown).not.toContain('058\u00a0310\u00a091\u00a011');
  // The French string is not the German one rendered before.
  expect(translator.t('fr', 'fallback.contact')).not.toBe(shown);
});
