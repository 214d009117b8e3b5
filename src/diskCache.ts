import { createHash } from 'node:crypto';
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';

/**
 * What a start would otherwise compute again from unchanged input (compressed static assets, parsed content
 * files), kept between starts and keyed by a hash of that input: changed input is simply a new key.
 */
export const DISK_CACHE_DIR = path.resolve(__dirname, '..', 'node_modules', '.cache', 'portal-help-bot');

export function contentHash(content: string | Buffer): string {
  return createHash('sha256').update(content).digest('base64url').slice(0, 27);
}

export function readCached(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** A write that fails (read-only install) only costs computing it again on the next start. */
export function writeCached(file: string, body: Buffer | string): void {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, body);
    renameSync(partial, file);
  } catch {
    // Computed again next time.
  }
}

/**
 * Keeps at most `max` files in a cache folder (edits and test runs leave old keys behind): past `max`, only the
 * newest three quarters stay, so that a start writing many files (a large FAQ) reads every file's age once per
 * quarter of `max` written, not with each file.
 */
export function keepNewest(dir: string, max: number): void {
  try {
    const names = readdirSync(dir);
    if (names.length <= max) return;
    const byAge = names
      .map((name) => ({ name, at: statSync(path.join(dir, name)).mtimeMs }))
      .sort((a, b) => b.at - a.at);
    for (const { name } of byAge.slice(Math.floor((max * 3) / 4))) unlinkSync(path.join(dir, name));
  } catch {
    // Another process pruned it meanwhile.
  }
}
