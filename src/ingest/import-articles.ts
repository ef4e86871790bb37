import { readFile } from 'node:fs/promises';
import { AppError } from '../errors.js';
import { saveArticle, type ArticleInput, type SaveContext } from '../content/articles/index.js';
import type { Work, Writer } from '../storage/index.js';
import { NinjsFileError, parseNinjsFile } from './ninjs/parse-ninjs-file.js';
import type { NinjsDefaults } from './ninjs/ninjs-to-article.js';
import type { StoryAuditWriter } from '../content/stories/index.js';
import type { ImportProgress } from './import-progress.js';

/** What one file's import did. */
export interface ImportSummary {
  file: string;
  created: number;
  updated: number;
  unchanged: number;
}

/** Saves story inputs in one unit of work: all of them or, on any error, none; their pages are purged after commit. */
export async function saveArticlesAtomically(
  writer: Writer,
  label: string,
  inputs: ArticleInput[],
  context: SaveContext,
): Promise<ImportSummary> {
  return writer.run(context.now, (work) => saveArticlesInTransaction(work, label, inputs, context));
}

/** Saves story inputs inside the caller's unit of work; an error names the item and field. */
export async function saveArticlesInTransaction(
  work: Work,
  label: string,
  inputs: ArticleInput[],
  context: SaveContext,
  progress?: Pick<ImportProgress, 'advance'>,
): Promise<ImportSummary> {
  const summary: ImportSummary = { file: label, created: 0, updated: 0, unchanged: 0 };
  for (const [index, input] of inputs.entries()) {
    try {
      const { outcome } = await saveArticle(work, input, context);
      summary[outcome] += 1;
      progress?.advance(1);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const field = Object.keys(error.details)[0] ?? '';
      throw new NinjsFileError(label, [{ item: index + 1, uri: input.uri, field, message: error.message }]);
    }
  }
  return summary;
}

/** Imports ninjs files (object, array or NDJSON), one unit of work per file, audited with what it did. */
export async function importNinjsFile(
  writer: Writer,
  file: string,
  options: { defaults: NinjsDefaults; context: SaveContext; audit: StoryAuditWriter; progress?: ImportProgress },
): Promise<ImportSummary> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new AppError('IMPORT_UNREADABLE', 'invalid', `${file}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const inputs = parseNinjsFile(file, text, options.defaults);
  const { context, audit, progress } = options;
  progress?.setTotal(inputs.length);
  const summary = await writer.run(context.now, async (work) => {
    const summary = await saveArticlesInTransaction(work, file, inputs, context, progress);
    await audit(work.trx, { actorUserId: null, action: 'stories.imported', subject: `import:${context.actor}`, detail: { ...summary } }, context.now);
    return summary;
  });
  progress?.finish();
  return summary;
}
