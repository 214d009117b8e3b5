import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { isMap, isNode, isScalar, LineCounter, parseDocument, type Document, type YAMLError } from 'yaml';
import type { z } from 'zod';
import { contentHash, DISK_CACHE_DIR, readCached, writeCached } from '../diskCache';
import type { ContentProblem } from './contentProblems';
import { excerptAt, plainYamlError } from './yamlErrors';

/** A content file read as YAML, with the way back from a field to its line. */
export class YamlFile {
  private parsed?: { document: Document; lineCounter: LineCounter };

  constructor(
    readonly file: string,
    readonly source: string,
    readonly data: unknown,
    parsed?: { document: Document; lineCounter: LineCounter },
  ) {
    this.parsed = parsed;
  }

  /** The document with its positions: parsed again if the data came from the cache (only a problem needs it). */
  get document(): Document {
    return this.parse().document;
  }

  get lineCounter(): LineCounter {
    return this.parse().lineCounter;
  }

  private parse(): { document: Document; lineCounter: LineCounter } {
    return (this.parsed ??= parseYaml(this.source));
  }
}

function parseYaml(source: string): { document: Document; lineCounter: LineCounter } {
  const lineCounter = new LineCounter();
  return { document: parseDocument(source, { lineCounter, uniqueKeys: true }), lineCounter };
}

/** Parsed content files, as JSON by hash of their text: an unchanged file is not parsed again at the next start. */
const PARSED_CACHE_DIR = path.join(DISK_CACHE_DIR, 'yaml');
const PARSED_CACHE_MAX = 1000;

/** What a text that parsed without errors before parsed to (`{ data }`), or undefined. */
function parsedBefore(cacheFile: string): { data: unknown } | undefined {
  const cached = readCached(cacheFile);
  try {
    return cached && (JSON.parse(cached.toString('utf8')) as { data: unknown });
  } catch {
    return undefined;
  }
}

/** Kept only when JSON gives back exactly the same data (YAML also knows .inf and .nan). */
function rememberParsed(cacheFile: string, data: unknown): void {
  const json = JSON.stringify({ data });
  if (!isDeepStrictEqual((JSON.parse(json) as { data: unknown }).data, data)) return;
  void writeCached(cacheFile, json, PARSED_CACHE_MAX);
}

/** The data of a YAML text, or its first syntax error: for files whose problems need no field positions. */
export function parseYamlText(source: string): { data: unknown } | { error: YAMLError } {
  const file = readYamlSource(source);
  return file.ok ? { data: file.data } : { error: file.error };
}

type ReadSource = { ok: true; data: unknown; parsed?: ReturnType<typeof parseYaml> } | { ok: false; error: YAMLError };

function readYamlSource(source: string): ReadSource {
  const cacheFile = path.join(PARSED_CACHE_DIR, `${contentHash(source)}.json`);
  const cached = parsedBefore(cacheFile);
  if (cached) return { ok: true, data: cached.data };
  const parsed = parseYaml(source);
  const [error] = parsed.document.errors;
  if (error) return { ok: false, error };
  const data = parsed.document.toJS() as unknown;
  rememberParsed(cacheFile, data);
  return { ok: true, data, parsed };
}

/** Reads `file` (relative to `dir`); a missing or unreadable file is a problem, with line, caret and hint. */
export function readYamlFile(dir: string, file: string, problems: ContentProblem[]): YamlFile | undefined {
  let source: string;
  try {
    source = readFileSync(path.join(dir, file), 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    problems.push({ file, message: missing ? 'file is missing' : `cannot be read: ${(error as Error).message}` });
    return undefined;
  }
  const read = readYamlSource(source);
  if (!read.ok) {
    const { message, ...where } = plainYamlError(source, read.error);
    problems.push({ file, message: `the YAML cannot be read: ${message}`, ...where });
    return undefined;
  }
  return new YamlFile(file, source, read.data, read.parsed);
}

/** The range of a field's key ("de:"), for a field whose content is missing or wrong as a whole. */
function keyRange(yaml: YamlFile, fieldPath: readonly PropertyKey[]): readonly number[] | undefined {
  const parent = yaml.document.getIn(fieldPath.slice(0, -1), true);
  if (!isMap(parent)) return undefined;
  const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === fieldPath[fieldPath.length - 1]);
  return isScalar(pair?.key) ? pair.key.range ?? undefined : undefined;
}

/**
 * The line of the field at `fieldPath`; for a missing field, the line of the nearest enclosing field's key
 * (the "de:" a question is missing from).
 */
function positionOf(yaml: YamlFile, fieldPath: readonly PropertyKey[]): { line: number; column: number } | undefined {
  const own = yaml.document.getIn(fieldPath, true);
  let range: readonly number[] | null | undefined = isNode(own) ? own.range : undefined;
  for (let n = fieldPath.length - 1; !range && n >= 0; n--) {
    range = n > 0 ? keyRange(yaml, fieldPath.slice(0, n)) : [0];
  }
  if (!range) return undefined;
  const { line, col } = yaml.lineCounter.linePos(range[0]);
  return { line, column: col };
}

function valueAt(data: unknown, fieldPath: readonly PropertyKey[]): unknown {
  return fieldPath.reduce<unknown>(
    (value, key) => (value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined),
    data,
  );
}

/** Plain words and a fix for the mistakes the schema sees that are really YAML slips. */
function explain(issue: z.core.$ZodIssue, value: unknown): { message: string; hint?: string } {
  if (issue.code === 'invalid_type' && issue.expected === 'string' && value !== null && typeof value === 'object') {
    return {
      message: 'must be text, but YAML reads it as a field',
      hint: 'a colon followed by a space makes YAML read text as a field: put the text in quotes ("…")',
    };
  }
  if (issue.code === 'invalid_type' && issue.expected === 'array' && typeof value === 'string') {
    return {
      message: 'must be a list, but YAML reads it as one text',
      hint: 'write each item on its own line, starting with "- " (a dash and a space)',
    };
  }
  return { message: issue.message };
}

/** The schema's findings as problems naming file, entry, field and line. */
export function schemaProblems(yaml: YamlFile, error: z.ZodError, entryId?: string): ContentProblem[] {
  return error.issues.map((issue) => {
    const at = positionOf(yaml, issue.path);
    const { message, hint } = explain(issue, valueAt(yaml.data, issue.path));
    return {
      file: yaml.file,
      entryId,
      field: issue.path.join('.') || undefined,
      message,
      ...(at && { line: at.line, excerpt: excerptAt(yaml.source, at.line, at.column) }),
      ...(hint && { hint }),
    };
  });
}
