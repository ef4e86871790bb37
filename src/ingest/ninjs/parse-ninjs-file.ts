import { AppError } from '../../errors.js';
import { ninjsToArticle, type NinjsDefaults } from './ninjs-to-article.js';
import { NinjsItemSchema } from './ninjs-item.js';
import { upgradeNinjsItem } from './ninjs-versions.js';
import type { ArticleInput } from '../../content/articles/index.js';

/** One problem in a file, located by item and field. */
export interface ItemProblem {
  item: number;
  uri?: string;
  field: string;
  message: string;
}

/** A file that could not be read as ninjs; lists every problem found. */
export class NinjsFileError extends AppError {
  constructor(
    readonly file: string,
    readonly problems: ItemProblem[],
  ) {
    super(
      'IMPORT_INVALID_FILE',
      'invalid',
      `${file}: nothing imported.\n${problems
        .map((p) => `  item ${p.item}${p.uri ? ` (${p.uri})` : ''}, field ${p.field || '(item)'}: ${p.message}`)
        .join('\n')}`,
    );
  }
}

/** Splits file text into JSON values: one object, an array of objects, or one object per line (NDJSON). */
export function splitNinjsDocuments(file: string, text: string): unknown[] {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (!trimmed) throw new NinjsFileError(file, [{ item: 0, field: '', message: 'the file is empty' }]);
  try {
    const value: unknown = JSON.parse(trimmed);
    if (Array.isArray(value) && value.length === 0) throw new NinjsFileError(file, [{ item: 0, field: '', message: 'the file holds an empty array: no items' }]);
    return Array.isArray(value) ? value : [value];
  } catch (wholeError) {
    if (wholeError instanceof NinjsFileError) throw wholeError;
    const lines = trimmed.split(/\r?\n/);
    if (lines.length < 2) throw new NinjsFileError(file, [{ item: 1, field: '', message: `not valid JSON (${(wholeError as Error).message})` }]);
    const problems: ItemProblem[] = [];
    const values: unknown[] = [];
    lines.forEach((line, index) => {
      if (!line.trim()) return;
      try {
        values.push(JSON.parse(line));
      } catch (error) {
        problems.push({ item: index + 1, field: '', message: `line ${index + 1} is not valid JSON (${(error as Error).message})` });
      }
    });
    if (problems.length) throw new NinjsFileError(file, problems);
    return values;
  }
}

/** Reads file text as ninjs items and maps them to story input; throws NinjsFileError listing every bad item. */
export function parseNinjsFile(file: string, text: string, defaults: NinjsDefaults): ArticleInput[] {
  const documents = splitNinjsDocuments(file, text);
  const problems: ItemProblem[] = [];
  const inputs: ArticleInput[] = [];
  const seenUris = new Map<string, number>();
  documents.forEach((document, index) => {
    const item = index + 1;
    const uri = typeof (document as { uri?: unknown })?.uri === 'string' ? (document as { uri: string }).uri : undefined;
    const parsed = NinjsItemSchema.safeParse(upgradeNinjsItem(document));
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const isMissing = issue.code === 'invalid_type' && valueAt(document, issue.path) === undefined;
        problems.push({ item, uri, field: formatPath(issue.path), message: isMissing ? 'is required' : issue.message });
      }
      return;
    }
    const earlier = seenUris.get(parsed.data.uri);
    if (earlier !== undefined) {
      problems.push({ item, uri, field: 'uri', message: `repeats the uri of item ${earlier}` });
      return;
    }
    seenUris.set(parsed.data.uri, item);
    try {
      inputs.push(ninjsToArticle(parsed.data, defaults));
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      problems.push({ item, uri, field: error.details.field ?? '', message: error.message });
    }
  });
  if (problems.length) throw new NinjsFileError(file, problems);
  return inputs;
}

function valueAt(document: unknown, path: PropertyKey[]): unknown {
  return path.reduce<unknown>((value, key) => (value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined), document);
}

function formatPath(path: PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '');
}
