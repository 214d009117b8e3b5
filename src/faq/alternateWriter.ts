import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isSeq, parseDocument } from 'yaml';
import type { Language } from '../language';

/** How the shipped files are written; with these options an unchanged file is written back byte for byte. */
const LAYOUT = { lineWidth: 0, flowCollectionPadding: false } as const;

/**
 * Adds `text` as the last alternate of `lang` in the entry file `file` (relative to `dir`), through the
 * YAML document so that comments, order, quoting and block answers stay as support staff wrote them.
 */
export function addAlternate(dir: string, file: string, lang: Language, text: string): void {
  const fullPath = path.join(dir, file);
  const document = parseDocument(readFileSync(fullPath, 'utf8'));
  if (document.errors.length > 0) throw new Error(`${file} cannot be read as YAML: fix it first (faq -- check)`);
  const alternates = document.getIn([lang, 'alternates'], true);
  if (!isSeq(alternates)) throw new Error(`${file} has no list "${lang}.alternates" to add to`);
  alternates.add(document.createNode(text));
  writeFileSync(fullPath, document.toString(LAYOUT));
}
