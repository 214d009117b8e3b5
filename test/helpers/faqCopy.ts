import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { ContentError } from '../../src/faq/loader';
import { FAQ_DIR } from './paths';

/** An entry file as written in YAML; loose on purpose, since tests damage it. */
export interface EntryDocument {
  id: string;
  category: string;
  followUps?: string[];
  action?: string;
  de?: LocalizedDocument;
  fr?: LocalizedDocument;
  it?: LocalizedDocument;
}

export interface LocalizedDocument {
  question: string;
  alternates: string[];
  answer: string;
}

/** A writable copy of the shipped faq/ in the system's temp directory. */
export class FaqCopy {
  readonly dir = mkdtempSync(path.join(os.tmpdir(), 'faq-copy-'));

  constructor() {
    cpSync(FAQ_DIR, this.dir, { recursive: true });
  }

  private entryPath(fileName: string): string {
    return path.join(this.dir, 'entries', fileName);
  }

  readEntry(id: string): EntryDocument {
    return parse(readFileSync(this.entryPath(`${id}.yaml`), 'utf8')) as EntryDocument;
  }

  readEntryText(id: string): string {
    return readFileSync(this.entryPath(`${id}.yaml`), 'utf8');
  }

  writeEntry(fileName: string, content: EntryDocument | string): void {
    writeFileSync(this.entryPath(fileName), typeof content === 'string' ? content : stringify(content));
  }

  removeEntry(id: string): void {
    rmSync(this.entryPath(`${id}.yaml`));
  }

  /**
   * Moves entry `id` to entries/<fileName>, changed by `damage`: the file name then differs from the
   * entry id, so a message naming one cannot pass for naming the other.
   */
  damageEntry(id: string, fileName: string, damage: (entry: EntryDocument) => void): void {
    const entry = this.readEntry(id);
    damage(entry);
    this.removeEntry(id);
    this.writeEntry(fileName, entry);
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The ContentError `load` throws; fails the test if it throws nothing or something else. */
export function contentErrorOf(load: () => unknown): ContentError {
  try {
    load();
  } catch (error) {
    if (error instanceof ContentError) return error;
    throw new Error(`expected a ContentError, got ${String(error)}`);
  }
  throw new Error('expected a ContentError, but the content loaded');
}
