import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FaqIndex } from '../../src/faq/faqIndex';
import { loadFaq } from '../../src/faq/loader';
import { PHRASES_FILE } from '../../src/nlu/phraseContent';
import { PhrasesWatcher } from '../../src/nlu/phrasesWatcher';
import { eventually } from '../helpers/eventually';
import { FaqCopy } from '../helpers/faqCopy';
import { captureLogs } from '../helpers/logs';

describe('faq/phrases.yaml while the bot runs', () => {
  const copy = new FaqCopy();
  const file = path.join(copy.dir, PHRASES_FILE);
  const faq = new FaqIndex(loadFaq(copy.dir));
  const logs = captureLogs();
  const watcher = new PhrasesWatcher({ dir: copy.dir, log: logs.logger, debounceMs: 50 });
  afterAll(() => {
    watcher.close();
    copy.remove();
  });
  const meaning = () =>
    watcher.current().interpret('Feierabend', { language: 'de', step: 'code', currentYear: 2026, faq });

  test('a phrase support staff add is understood without a restart; a broken edit keeps the last valid phrases', async () => {
    expect(meaning().kind).toBe('fallback');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace('    de: [abbrechen,', '    de: [Feierabend, abbrechen,'));
    await eventually(meaning, (m) => m.kind === 'command', 10_000);

    writeFileSync(file, original.replace('    de: [abbrechen,', '    de: ["?!", abbrechen,'));
    const rejected = await eventually(
      () => logs.entries().filter((e) => e.level === 'error'),
      (errors) => errors.length > 0,
      10_000,
    );
    expect(rejected[0]).toMatchObject({ file: PHRASES_FILE, field: 'commands.cancel.de.0' });
    expect(meaning()).toMatchObject({ kind: 'command', command: 'cancel' });
  });
});
