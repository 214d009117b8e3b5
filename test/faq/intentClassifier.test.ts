import { readdirSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { DISK_CACHE_DIR } from '../../src/diskCache';
import { IntentClassifier } from '../../src/faq/intentClassifier';
import { eventually } from '../helpers/eventually';

const cacheFiles = () => {
  try {
    return readdirSync(path.join(DISK_CACHE_DIR, 'classifier')).filter((name) => !name.endsWith('.tmp'));
  } catch {
    return [];
  }
};

describe('IntentClassifier', () => {
  // Feature names no other run has used: the first classifier is trained, not restored.
  const run = randomUUID();
  const examples = [
    { features: [`w passwort ${run}`, 'w vergess', 'g pas'], label: 0 },
    { features: [`w passwort ${run}`, 'w andern', 'g and'], label: 1 },
    { features: ['w rechnung', 'w adress', 'g rec'], label: 2 },
    { features: ['w adress', 'w andern', 'g adr'], label: 2 },
  ];
  const questions = [
    [`w passwort ${run}`, 'w vergess'],
    ['w andern'],
    ['w rechnung', 'g rec', 'w unbekannt'],
  ];

  it('answers after a restart, from the weights kept by the first start, exactly as when trained', async () => {
    const before = new Set(cacheFiles());
    const trained = new IntentClassifier(examples, 3);
    // Written off the event loop, shortly after.
    const kept = await eventually(
      () => cacheFiles().filter((name) => !before.has(name)),
      (files) => files.length > 0,
      10_000,
    );
    expect(kept).toHaveLength(1);

    const restored = new IntentClassifier(examples, 3);
    for (const question of questions) {
      expect(Array.from(restored.probabilities(question))).toEqual(
        Array.from(trained.probabilities(question)),
      );
    }
    expect(trained.probabilities(questions[0]!)[0]).toBeGreaterThan(0.5);
  });

  it('learns again when the phrasings change', () => {
    const trained = new IntentClassifier(examples, 3);
    const changed = new IntentClassifier(
      examples.map((e) => (e.label === 0 ? { ...e, label: 1 } : e)),
      3,
    );
    expect(changed.probabilities(questions[0]!)[1]).toBeGreaterThan(
      trained.probabilities(questions[0]!)[1]!,
    );
  });

  describe('answers that do not hinge on unrelated content', () => {
    // Ten topics of six phrasings each, their words partly shared, like entries of one FAQ.
    const topics = ['passwort', 'rechnung', 'adress', 'code', 'rabatt', 'login', 'police', 'app', 'sms', 'karte'];
    const many = topics.flatMap((topic, label) =>
      [0, 1, 2, 3, 4, 5].map((k) => ({
        features: [`w ${topic} ${run}`, `w ${topics[(label + k) % topics.length]}`, `g ${topic.slice(0, 3)}${k}`],
        label,
      })),
    );
    const asked = topics.map((topic, label) => [`w ${topic} ${run}`, `w ${topics[(label + 1) % topics.length]}`]);
    const probabilitiesOf = (classifier: IntentClassifier) => asked.map((q) => Array.from(classifier.probabilities(q)));

    it('gives the same probabilities whatever the order of the phrasings', () => {
      const reversed = [...many].reverse();
      expect(probabilitiesOf(new IntentClassifier(reversed, topics.length))).toEqual(
        probabilitiesOf(new IntentClassifier(many, topics.length)),
      );
    });

    it('hardly moves when one phrasing of another topic is added', () => {
      const before = probabilitiesOf(new IntentClassifier(many, topics.length + 1));
      const added = [...many, { features: [`w wetter ${run}`, 'g wet'], label: topics.length }];
      const after = probabilitiesOf(new IntentClassifier(added, topics.length + 1));
      after.forEach((p, q) => p.forEach((value, c) => expect(Math.abs(value - before[q]![c]!)).toBeLessThan(0.01)));
    });
  });
});
