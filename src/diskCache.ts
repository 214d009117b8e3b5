import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync, unlinkSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
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

/**
 * Writes a cache file off the event loop (a content reload writes megabytes of built matchers while the bot
 * answers), under a temporary name renamed into place: a reader sees the whole file or none. Past `keepAtMost`
 * files in its folder the oldest go (see keepNewest). Never rejects: a failed write (read-only install) only
 * costs computing it again on the next start.
 */
export function writeCached(file: string, body: Buffer | string, keepAtMost?: number): Promise<void> {
  const written = writeWhole(file, body, keepAtMost).finally(() => pending.delete(written));
  pending.add(written);
  return written;
}

/** Writes not finished yet: a command that ends with process.exit() waits for them (see cacheWritesDone). */
const pending = new Set<Promise<void>>();

/** Resolves when every cache write begun so far has ended. */
export async function cacheWritesDone(): Promise<void> {
  await Promise.all(pending);
}

async function writeWhole(file: string, body: Buffer | string, keepAtMost?: number): Promise<void> {
  const partial = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(partial, body);
    await rename(partial, file);
    if (keepAtMost !== undefined) keepNewest(path.dirname(file), keepAtMost);
  } catch {
    await rm(partial, { force: true }).catch(() => undefined);
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
