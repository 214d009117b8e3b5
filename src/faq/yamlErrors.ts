import type { YAMLError } from 'yaml';

/** Where a problem is in a file and what to do about it, for people who do not read YAML's own messages. */
export interface SourcePosition {
  /** 1-based. */
  line: number;
  /** The line before and the line itself, numbered, and a caret under the column. */
  excerpt: string;
}

export interface PlainYamlError extends SourcePosition {
  message: string;
  hint: string;
}

/** The lines of `source` around `line` (1-based) with a caret under `column` (1-based). */
export function excerptAt(source: string, line: number, column = 1): string {
  const lines = source.split(/\r?\n/);
  const width = String(line).length;
  const numbered = (n: number) => `${String(n).padStart(width)} | ${lines[n - 1] ?? ''}`;
  const shown = line > 1 ? [numbered(line - 1), numbered(line)] : [numbered(line)];
  const caret = `${' '.repeat(width)} | ${' '.repeat(Math.max(0, column - 1))}^`;
  return [...shown, caret].join('\n');
}

const COLON_HINT = 'put text with a colon in quotes ("…"), or write it as a block: answer: | and the text on the next lines';

/** What went wrong and how to fix it, chosen by YAML's error code and the line it stopped at. */
function explain(error: YAMLError, text: string): { message: string; hint: string } {
  const startsList = /^\s*-(\s|$)/.test(text);
  const indentHint = startsList
    ? 'indent the alternates two spaces more than "alternates:", every "- " in the same column'
    : 'indent the fields of a language two spaces under it ("question", "alternates" and "answer" in the same column)';
  switch (error.code) {
    case 'TAB_AS_INDENT':
      return { message: 'a tab is used to indent this line', hint: 'indent with spaces (two per level), never tabs' };
    case 'DUPLICATE_KEY':
      return { message: 'this field is written twice', hint: 'keep one of the two and delete the other' };
    case 'BLOCK_AS_IMPLICIT_KEY':
      if (/nested mappings/i.test(error.message)) {
        return { message: 'a colon followed by a space in the text makes it look like a new field', hint: COLON_HINT };
      }
      return { message: 'the lines here are not indented alike', hint: indentHint };
    case 'BAD_INDENT':
    case 'MULTILINE_IMPLICIT_KEY':
      return { message: 'the lines here are not indented alike', hint: indentHint };
    case 'MISSING_CHAR':
      if (/quote/i.test(error.message)) {
        return {
          message: 'a quote is opened and never closed',
          hint: 'close the quote at the end of the text, or remove the opening one',
        };
      }
      return { message: 'a field name is not followed by ": "', hint: indentHint };
    case 'UNEXPECTED_TOKEN':
      return {
        message: 'text goes on after a closing quote',
        hint: 'put the whole text in quotes, or none of it',
      };
    default:
      return {
        message: `the file cannot be read as YAML (${error.message.split('\n')[0].replace(/ at line .*/, '')})`,
        hint: 'compare the lines here with the same lines of another entry file',
      };
  }
}

/** YAML's first error (the others follow from it) in plain words, with the line and a caret. */
export function plainYamlError(source: string, error: YAMLError): PlainYamlError {
  const { line, col } = error.linePos?.[0] ?? { line: 1, col: 1 };
  const text = source.split(/\r?\n/)[line - 1] ?? '';
  return { line, excerpt: excerptAt(source, line, col), ...explain(error, text) };
}
