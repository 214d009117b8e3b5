import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { keepNewest } from '../src/diskCache';

describe('keepNewest', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'disk-cache-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Files f0 … f(n−1), f0 the oldest. */
  function write(count: number): void {
    for (let i = 0; i < count; i++) {
      const file = path.join(dir, `f${i}`);
      writeFileSync(file, String(i));
      utimesSync(file, 1_000_000 + i, 1_000_000 + i);
    }
  }

  it('leaves a folder of at most max files as it is', () => {
    write(8);
    keepNewest(dir, 8);
    expect(readdirSync(dir)).toHaveLength(8);
  });

  it('past max keeps the newest three quarters of max, so that it does not prune again with the next file', () => {
    write(9);
    keepNewest(dir, 8);
    expect(readdirSync(dir).sort()).toEqual(['f3', 'f4', 'f5', 'f6', 'f7', 'f8']);
  });
});
