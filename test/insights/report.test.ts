import type { Language } from '../../src/language';
import type { InsightEvent, Outcome } from '../../src/insights/events';
import { renderReportHtml } from '../../src/insights/html';
import { buildReport, formatReport, parseSince } from '../../src/insights/report';
import { parseEvents } from '../../src/insights/store';

const NOW = new Date('2026-11-23T12:00:00Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();

function question(lang: Language, outcome: Outcome, text: string, candidates: string[] = []): InsightEvent {
  return {
    type: 'question',
    at: daysAgo(1),
    lang,
    outcome,
    ...(outcome === 'answer' ? { entryId: candidates[0] } : { text }),
    candidates: candidates.map((id, i) => ({ id, score: 0.5 - i / 10 })),
  };
}

function feedback(entryId: string, helpful: boolean): InsightEvent {
  return { type: 'feedback', at: daysAgo(1), lang: 'de', entryId, helpful };
}

/** Three things users ask that the FAQ does not answer, each in several wordings, and answered questions. */
const PLANTED: InsightEvent[] = [
  question('de', 'fallback', 'Wie hoch ist meine Franchise?'),
  question('de', 'fallback', 'wie hoch ist meine franchise'),
  question('de', 'fallback', 'Franchise ändern'),
  question('de', 'ambiguous', 'Franchise wechseln online', ['online-join-date', 'online-leave']),
  question('de', 'fallback', 'Kann ich mein Velo versichern?'),
  question('de', 'fallback', 'Velo versichern'),
  question('fr', 'fallback', 'Quelle est ma franchise?'),
  question('de', 'answer', '', ['online-discount']),
  question('de', 'answer', '', ['online-discount']),
  question('de', 'answer', '', ['ebill']),
  question('de', 'answer', '', ['ebill']),
  question('fr', 'answer', '', ['ebill']),
  question('fr', 'ambiguous', 'code', ['code-card', 'extra-code-order']),
  feedback('ebill', false),
  feedback('ebill', false),
  feedback('ebill', true),
  feedback('online-discount', true),
  feedback('tax-certificate', false),
];

describe('buildReport', () => {
  const report = buildReport(PLANTED, { until: NOW });

  test('groups unanswered questions asked in other words, most frequent first, per language', () => {
    expect(report.unanswered.map((g) => [g.lang, g.count, g.text])).toEqual([
      ['de', 4, 'Wie hoch ist meine Franchise?'],
      ['de', 2, 'Kann ich mein Velo versichern?'],
      ['fr', 1, 'Quelle est ma franchise?'],
      ['fr', 1, 'code'],
    ]);
    const franchise = report.unanswered[0];
    expect(franchise.variants).toEqual(['Franchise ändern', 'Franchise wechseln online']);
    expect([franchise.ambiguous, franchise.fallback]).toEqual([1, 3]);
    expect(franchise.candidates).toEqual(['online-join-date', 'online-leave']);
  });

  test('counts feedback per entry, the most "no" first', () => {
    expect(report.feedback).toEqual([
      { entryId: 'ebill', helpful: 1, notHelpful: 2 },
      { entryId: 'tax-certificate', helpful: 0, notHelpful: 1 },
      { entryId: 'online-discount', helpful: 1, notHelpful: 0 },
    ]);
  });

  test('counts the outcomes per language', () => {
    expect(report.byLanguage).toEqual({
      de: { answer: 4, ambiguous: 1, fallback: 5 },
      fr: { answer: 1, ambiguous: 1, fallback: 1 },
      it: { answer: 0, ambiguous: 0, fallback: 0 },
    });
    expect(report.questions).toBe(13);
  });

  test('as text: rates per language, the groups and the entries rated "not helpful"', () => {
    const text = formatReport(report);

    expect(text).toContain('Questions up to 2026-11-23T12:00:00.000Z: 13');
    expect(text).toContain('de: 10 questions — 40.0% (4) / 10.0% (1) / 50.0% (5)');
    expect(text).toContain('fr: 3 questions — 33.3% (1) / 33.3% (1) / 33.3% (1)');
    expect(text).toContain('4× [de] "Wie hoch ist meine Franchise?"');
    expect(text).toContain('ebill: 2 no, 1 yes');
    expect(text).not.toContain('online-discount: 0 no');
  });
});

describe('the stored events', () => {
  test('only those since the given time are read; unreadable records are counted, not fatal', () => {
    const records = [
      JSON.stringify({ ...feedback('ebill', false), at: daysAgo(10) }),
      JSON.stringify(feedback('ebill', true)),
      '{"type":"feedback","at":"yesterday"}',
      '{"type":"question","lang":"de"',
      '',
    ];

    const { events, unreadable } = parseEvents(records, parseSince('7d', NOW));

    expect(events).toEqual([feedback('ebill', true)]);
    expect(unreadable).toBe(2);
  });

  test.each([
    ['7d', daysAgo(7)],
    ['24h', daysAgo(1)],
    ['2w', daysAgo(14)],
    ['2026-11-01', '2026-11-01T00:00:00.000Z'],
  ])('--since %s', (since, expected) => {
    expect(parseSince(since, NOW).toISOString()).toBe(expected);
  });

  test.each(['7', 'last week', '7y', '2026-13-45'])(
    '--since %s is refused with the accepted forms',
    (since) => {
      expect(() => parseSince(since, NOW)).toThrow(/7d, 24h or 2w, or a date like 2026-11-01/);
    },
  );
});

describe('the HTML report', () => {
  const html = renderReportHtml(
    buildReport([...PLANTED, question('de', 'fallback', '<script>alert(1)</script> Franchise?')], {
      until: NOW,
      since: new Date(daysAgo(7)),
    }),
  );

  test('is one page with the same content and a chart of the outcome rates as inline SVG', () => {
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<svg');
    // One bar segment per language and outcome, with its rate.
    expect(html.match(/<rect [^>]*><title>/g)).toHaveLength(9);
    expect(html).toContain('<title>de no answer: 55% (6)</title>');
    expect(html).toContain('Wie hoch ist meine Franchise?');
    expect(html).toContain('<td>ebill</td><td>2</td><td>1</td>');
  });

  test('loads nothing from elsewhere and escapes what users typed', () => {
    expect(html).not.toMatch(/<script|<link|<img|src=|href=|url\(/i);
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
  });
});
