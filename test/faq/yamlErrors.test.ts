import { formatProblem, loadFaq } from '../../src/faq/loader';
import { contentErrorOf, FaqCopy } from '../helpers/faqCopy';

/** An entry file as support staff write it, with one slip planted by `slip`. */
function entryText(slip: (text: string) => string): string {
  const copy = new FaqCopy();
  try {
    return slip(copy.readEntryText('online-discount'));
  } finally {
    copy.remove();
  }
}

describe('a YAML slip in an entry file is explained in plain words, with the line, a caret and a fix', () => {
  let copy: FaqCopy;
  beforeEach(() => (copy = new FaqCopy()));
  afterEach(() => copy.remove());

  const lineOf = (text: string, part: string) => text.split('\n').findIndex((l) => l.includes(part)) + 1;

  test.each([
    {
      slip: 'a colon in an unquoted answer',
      plant: (t: string) => t.replace(/answer: \|\n\s+(.*)\n/, 'answer: Hinweis: $1\n'),
      marker: 'answer: Hinweis:',
      message: /colon/,
      hint: /quotes/,
    },
    {
      slip: 'an alternate indented differently from the others',
      plant: (t: string) => t.replace(/\n( +)- (.*)\n/, (_, indent: string, first: string) => `\n${indent}- ${first}\n${indent.slice(1)}- neu eingerückt\n`),
      marker: '- neu eingerückt',
      message: /not indented alike/,
      hint: /indent the alternates two spaces/,
    },
    {
      slip: 'a tab used to indent',
      plant: (t: string) => t.replace(/\n {2}question:/, '\n\tquestion:'),
      marker: '\tquestion:',
      message: /tab/,
      hint: /spaces/,
    },
    {
      slip: 'a quote never closed',
      plant: (t: string) => t.replace(/\n(\s+)question: (.*)\n/, '\n$1question: "$2\n'),
      marker: null,
      message: /quote is opened and never closed/,
      hint: /close the quote/,
    },
  ])('$slip', ({ plant, marker, message, hint }) => {
    const text = entryText(plant);
    copy.writeEntry('online-discount.yaml', text);

    const [problem] = contentErrorOf(() => loadFaq(copy.dir)).problems;

    expect(problem).toMatchObject({ file: 'entries/online-discount.yaml', message: expect.stringMatching(message) });
    expect(problem.hint).toMatch(hint);
    if (marker) expect(problem.line).toBe(lineOf(text, marker));
    const shown = formatProblem(problem);
    expect(shown).toContain(`line ${problem.line}`);
    expect(shown).toContain(`${problem.line} | ${text.split('\n')[problem.line! - 1]}`);
    expect(shown).toMatch(/\| *\^/);
    expect(shown).toContain(`→ ${problem.hint}`);
  });

  test('an alternate with a colon (read as a field by YAML) names the line and says to quote it', () => {
    const text = entryText((t) => t.replace(/\n(\s+)- (.*)\n/, '\n$1- Rabatt: wie viel\n'));
    copy.writeEntry('online-discount.yaml', text);

    const [problem] = contentErrorOf(() => loadFaq(copy.dir)).problems;

    expect(problem).toMatchObject({ entryId: 'online-discount', field: 'de.alternates.0' });
    expect(problem.line).toBe(lineOf(text, '- Rabatt: wie viel'));
    expect(problem.hint).toMatch(/colon.*quotes/);
  });

  test('a missing field points at the language it is missing from', () => {
    const text = entryText((t) => t.replace(/\n {2}question: .*\n/, '\n'));
    copy.writeEntry('online-discount.yaml', text);

    const [problem] = contentErrorOf(() => loadFaq(copy.dir)).problems;

    expect(problem).toMatchObject({ field: 'de.question', line: lineOf(text, 'de:') });
  });
});
