import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { InsightRecorder } from '../../src/insights/recorder';
import { JsonlInsightStore } from '../../src/insights/store';
import { maskPii } from '../../src/security/pii';
import { createActionServices, createBotServices } from '../../src/services';
import { offlineActionDependencies } from '../helpers/backendDown';
import { offlineBot, TestConversation } from '../helpers/conversation';
import { captureLogs } from '../helpers/logs';

/** Finding 7 of the attack round: a password typed into the chat never reaches the insights in clear. */
const TYPED = [
  ['de-CH', 'mein Passwort ist Hunter2!'],
  ['de-CH', 'Passwort Hunter2! geht nicht xq'],
  ['de-CH', 'Mein Kennwort lautet hunter'],
  ['fr-CH', 'mon mot de passe est Hunter2!'],
  ['fr-CH', 'mot de passe: hunter, ça ne marche pas'],
  ['it-CH', 'la mia password è Hunter2!'],
  ['it-CH', "parola d'ordine hunter2 non funziona"],
] as const;

test('a password typed after a password word is masked in the recorded insights, in every language', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'insights-'));
  try {
    const file = path.join(dir, 'insights.jsonl');
    const recorder = new InsightRecorder(new JsonlInsightStore(file), captureLogs().logger);
    const config = loadConfig({});
    const services = createBotServices(config, createActionServices(config, offlineActionDependencies()), {
      insights: recorder,
    });
    for (const [locale, text] of TYPED) await new TestConversation(locale, offlineBot(services)).send(text);
    await recorder.flush();
    const recorded = readFileSync(file, 'utf8');
    expect(recorded.trim().split('\n')).toHaveLength(TYPED.length);
    expect(recorded).not.toMatch(/hunter/i);
    expect(recorded).toContain('[password]');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.each([
  'Ich habe mein Passwort vergessen',
  'Passwort ändern?',
  'mot de passe oublié',
  'password dimenticata, cosa faccio?',
])('what the question is about stays readable: %s', (question) => {
  expect(maskPii(question)).toBe(question);
});
