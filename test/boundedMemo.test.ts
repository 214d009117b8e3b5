import { BoundedMemo } from '../src/boundedMemo';

/** The memos of stems, closest known words and rendered strings: a flood of new keys costs bounded memory. */
describe('a bounded memo', () => {
  test('makes each value once, "nothing found" (undefined) included', () => {
    const made: string[] = [];
    const memo = new BoundedMemo<string, string | undefined>(10);
    const make = (word: string) => (made.push(word), word.length > 3 ? word.toUpperCase() : undefined);
    expect([memo.get('passwort', make), memo.get('xy', make)]).toEqual(['PASSWORT', undefined]);
    expect([memo.get('passwort', make), memo.get('xy', make)]).toEqual(['PASSWORT', undefined]);
    expect(made).toEqual(['passwort', 'xy']);
  });

  test('holds at most its bound however many new keys come: full, it starts again', () => {
    let made = 0;
    const memo = new BoundedMemo<number, number>(100);
    const square = (n: number) => ((made += 1), n * n);
    for (let n = 0; n < 10_000; n += 1) expect(memo.get(n, square)).toBe(n * n);
    made = 0;
    // The last keys are kept (at most 100): the first ones are made again.
    expect(memo.get(9_999, square)).toBe(9_999 * 9_999);
    expect(made).toBe(0);
    expect(memo.get(0, square)).toBe(0);
    expect(made).toBe(1);
  });
});
