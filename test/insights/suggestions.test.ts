import { loadConfig } from '../../src/config';
import { SUGGESTION_WINDOW_MS } from '../../src/dialogs/suggestionObserver';
import type { InsightEvent, SuggestionEvent } from '../../src/insights/events';
import { InsightRecorder } from '../../src/insights/recorder';
import type { InsightStore } from '../../src/insights/store';
import { createActionServices, createBotServices } from '../../src/services';
import { findAmbiguousQuestion } from '../helpers/ambiguity';
import { offlineActionDependencies } from '../helpers/backendDown';
import { offlineBot, TestConversation } from '../helpers/conversation';
import { captureLogs } from '../helpers/logs';

/**
 * People show the bot which entry answers a wording it missed: they pick it from "did you mean", rephrase
 * until they get it, or rate an answer "not helpful" and then find the right one. Each becomes a candidate
 * alternate for `faq -- suggest`.
 */
const config = loadConfig({});

function chat(clock = { now: Date.now() }) {
  const events: InsightEvent[] = [];
  const store: InsightStore = {
    append: async (batch) => void events.push(...batch),
    read: async () => ({ events, unreadable: 0 }),
    prune: async () => 0,
  };
  const recorder = new InsightRecorder(store, captureLogs().logger);
  const services = createBotServices(
    config,
    createActionServices(config, { ...offlineActionDependencies(), now: () => clock.now }),
    { insights: recorder },
  );
  const conversation = new TestConversation('de-CH', offlineBot(services));
  const suggestions = async () => {
    await recorder.flush();
    return events.filter((e): e is SuggestionEvent => e.type === 'suggestion');
  };
  return { conversation, services, suggestions, clock };
}

/** No answer, but on the topic of ANSWERED ("online"): asking ANSWERED next is a rephrasing. */
const UNANSWERED = 'Ist es das wert, online?';
const ANSWERED = 'Wie hoch ist der Online-Rabatt?';

test('a person who picks an entry from "did you mean" suggests their wording for it', async () => {
  const { conversation, services, suggestions } = chat();
  const ambiguous = findAmbiguousQuestion(services, 'de');
  const picked = ambiguous.candidates[1].id;

  await conversation.send(ambiguous.text);
  await conversation.press({ kind: 'faq', id: picked });

  expect(await suggestions()).toEqual([
    expect.objectContaining({ lang: 'de', entryId: picked, text: ambiguous.text, source: 'did-you-mean' }),
  ]);
});

test('a person who gets an answer by rephrasing right after no answer suggests the first wording', async () => {
  const { conversation, services, suggestions } = chat();
  expect(services.faq.current().matchQuestion(UNANSWERED, 'de').kind).toBe('fallback');

  await conversation.send(UNANSWERED);
  await conversation.send(ANSWERED);

  expect(await suggestions()).toEqual([
    expect.objectContaining({ entryId: 'online-discount', text: UNANSWERED, source: 'rephrased' }),
  ]);
});

test('a new topic after no answer is no rephrasing: nothing is suggested', async () => {
  const { conversation, services, suggestions } = chat();
  const iban = 'Meine IBAN ist CH93 0076 2011 6238 5295 7';
  expect(services.faq.current().matchQuestion(iban, 'de').kind).toBe('fallback');

  await conversation.send(iban);
  await conversation.send('Ich habe mein Passwort vergessen');

  expect(await suggestions()).toEqual([]);
});

test('a person who rates an answer "not helpful" and then gets another suggests the first wording for it', async () => {
  const { conversation, services, suggestions } = chat();
  expect(services.faq.current().matchQuestion('Online-Rabatt', 'de')).toMatchObject({
    kind: 'answer',
    id: 'online-discount',
  });

  await conversation.send('Online-Rabatt');
  await conversation.press({ kind: 'feedback', id: 'online-discount', helpful: false });
  await conversation.send('Wie bekomme ich den Treuerabatt auf Zusatzversicherungen?');

  expect(await suggestions()).toEqual([
    expect.objectContaining({ entryId: 'loyalty-discount', text: 'Online-Rabatt', source: 'not-helpful' }),
  ]);
});

test('the suggested wording is masked like every kept text', async () => {
  const { conversation, suggestions } = chat();

  await conversation.send('Ist es das wert für KPT12345678, online?');
  await conversation.send(ANSWERED);

  const [suggestion] = await suggestions();
  expect(suggestion.text).not.toContain('12345678');
  expect(suggestion.text).toContain('KPT******78');
});

test('no suggestion when the answer comes much later, or without a missed question', async () => {
  const { conversation, suggestions, clock } = chat();

  await conversation.send(ANSWERED);
  await conversation.send('Wie kann ich die E-Rechnung aktivieren?');
  await conversation.send(UNANSWERED);
  clock.now += SUGGESTION_WINDOW_MS + 1;
  await conversation.send(ANSWERED);

  expect(await suggestions()).toEqual([]);
});
