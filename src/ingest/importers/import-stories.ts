import { AppError } from '../../errors.js';
import { checkBodyLimits, recordOldAddress, saveArticle, setHeroImage, type ArticleInput, type SaveContext } from '../../content/articles/index.js';
import { keepRemoteImage, type RemoteImage } from '../../content/media/index.js';
import type { StoryAuditWriter } from '../../content/stories/index.js';
import type { Work, Writer } from '../../storage/index.js';
import type { ImportProgress } from '../import-progress.js';
import { findImportRun, recordImportRun } from './import-runs.js';

/** One item of an export, in file order: a story to save, an old address to keep, or what was skipped and why. */
export type ImportItem =
  | { kind: 'story'; input: ArticleInput; heroImage?: RemoteImage; oldPaths: string[]; notes?: string[] }
  | { kind: 'redirect'; oldPath: string; targetPath: string }
  | { kind: 'skipped'; label: string; reason: string };

/** What an import needs beyond its items. */
export interface ImportOptions {
  /** Names the file's run (importRunKey): an unfinished run of the same key resumes after its last batch. */
  runKey: string;
  file: string;
  /** Who recorded the old addresses and the audit entry: `wordpress import`, `ghost import`. */
  source: string;
  context: SaveContext;
  audit: StoryAuditWriter;
  /** Items per transaction (100). */
  batchSize?: number;
  progress?: ImportProgress;
  /** Heard after each committed batch with the count so far (tests stop an import here, as a crash would). */
  afterBatch?: (batches: number) => void | Promise<void>;
}

/** Skipped items of one reason: how many, and the first few by name. */
export interface SkipTally {
  count: number;
  examples: string[];
}

/** What an import did. */
export interface ImportReport {
  created: number;
  updated: number;
  unchanged: number;
  redirects: number;
  /** Stories saved with a featured image (kept as a remote reference). */
  images: number;
  /** Items an earlier, interrupted run had already saved (not read again). */
  resumedAfter: number;
  skipped: Map<string, SkipTally>;
  /** What was imported but not as it was (an unknown author, a category with no section), by reason. */
  noted: Map<string, SkipTally>;
}

const DEFAULT_BATCH_SIZE = 100;
const EXAMPLES_KEPT = 3;
const REASONS_KEPT = 50;

/**
 * Saves an export's items through the one write path, a batch per unit of work, each batch
 * recording how far the run got in its own transaction: killed at any moment, the next run of the
 * same file skips what is in and saves the rest, so nothing is doubled. Stories are keyed by uri,
 * so a finished import run again changes nothing. A story the write path refuses (an AppError) is
 * skipped with its reason; its batch is then saved item by item so the others still go in.
 */
export async function importStories(writer: Writer, items: AsyncIterable<ImportItem>, options: ImportOptions): Promise<ImportReport> {
  const { runKey, file, context, progress } = options;
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const earlier = await findImportRun(writer.db, runKey);
  const resumeFrom = earlier && !earlier.isCompleted ? earlier.itemsDone : 0;
  const report: ImportReport = { created: 0, updated: 0, unchanged: 0, redirects: 0, images: 0, resumedAfter: resumeFrom, skipped: new Map(), noted: new Map() };
  let position = 0;
  let batch: ImportItem[] = [];
  let batches = 0;

  const skip = (label: string, reason: string) => tally(report.skipped, label, reason);

  async function flush(isLast: boolean) {
    const itemsDone = position;
    const items = batch;
    batch = [];
    const record = (work: Work, done: number) => recordImportRun(work.trx, { runKey, file, itemsDone: done, isCompleted: isLast && done === itemsDone }, context.now);
    try {
      const outcomes = await writer.run(context.now, async (work) => {
        const saved = [];
        for (const item of items) saved.push(await saveItem(work, item));
        await record(work, itemsDone);
        return saved;
      });
      outcomes.forEach((outcome) => count(outcome));
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      // One item was refused: each is saved on its own, the refused ones skipped with their reason.
      for (const [index, item] of items.entries()) {
        const done = itemsDone - items.length + index + 1;
        try {
          count(await writer.run(context.now, async (work) => {
            const outcome = await saveItem(work, item);
            await record(work, done);
            return outcome;
          }));
        } catch (itemError) {
          if (!(itemError instanceof AppError)) throw itemError;
          skip(labelOf(item), `refused: ${itemError.message}`);
          await writer.run(context.now, (work) => record(work, done));
        }
      }
    }
    batches += 1;
    progress?.advance(items.length);
    await options.afterBatch?.(batches);
  }

  async function saveItem(work: Work, item: ImportItem): Promise<SavedOutcome> {
    if (item.kind === 'skipped') return { redirects: 0, images: 0 };
    if (item.kind === 'redirect') {
      const outcome = await recordOldAddress(work, { oldPath: item.oldPath, targetPath: item.targetPath, source: options.source });
      return { redirects: outcome === 'recorded' ? 1 : 0, images: 0 };
    }
    const { id, outcome } = await saveArticle(work, item.input, context);
    let images = 0;
    if (item.heroImage) {
      await setHeroImage(work, id, await keepRemoteImage(work.trx, item.heroImage, context.now));
      images = 1;
    }
    let redirects = 0;
    for (const oldPath of item.oldPaths) {
      if ((await recordOldAddress(work, { oldPath, articleId: id, source: options.source })) === 'recorded') redirects += 1;
    }
    return { story: outcome, redirects, images };
  }

  function count(outcome: SavedOutcome) {
    if (outcome.story) report[outcome.story] += 1;
    report.redirects += outcome.redirects;
    report.images += outcome.images;
  }

  for await (const item of items) {
    position += 1;
    if (position <= resumeFrom) {
      progress?.advance(1);
      continue;
    }
    if (item.kind === 'skipped') skip(item.label, item.reason);
    if (item.kind === 'story') for (const note of item.notes ?? []) tally(report.noted, labelOf(item), note);
    const breach = item.kind === 'story' ? checkBodyLimits(item.input.bodyHtml) : undefined;
    if (breach) skip(labelOf(item), breach === 'too_deep' ? 'body nests too deep to sanitize' : 'body holds too much markup to sanitize');
    batch.push(breach ? { kind: 'skipped', label: labelOf(item), reason: breach } : item);
    if (batch.length >= batchSize) await flush(false);
  }
  await flush(true);
  await writer.run(context.now, (work) =>
    options.audit(work.trx, { actorUserId: null, action: 'stories.imported', subject: `import:${options.source}`, detail: { file, ...summaryOf(report) } }, context.now),
  );
  progress?.finish();
  return report;
}

function tally(tallies: Map<string, SkipTally>, label: string, givenReason: string) {
  // Reasons carry the export's words (a status, a post type): a hostile file could make one per item.
  const reason = tallies.has(givenReason) || tallies.size < REASONS_KEPT ? givenReason : 'other reasons';
  const entry = tallies.get(reason) ?? { count: 0, examples: [] };
  entry.count += 1;
  if (entry.examples.length < EXAMPLES_KEPT) entry.examples.push(label);
  tallies.set(reason, entry);
}

type SavedOutcome = { story?: 'created' | 'updated' | 'unchanged'; redirects: number; images: number };

function labelOf(item: ImportItem): string {
  if (item.kind === 'story') return `${item.input.uri} "${item.input.title.slice(0, 60)}"`;
  return item.kind === 'redirect' ? item.oldPath : item.label;
}

function summaryOf(report: ImportReport) {
  return {
    created: report.created,
    updated: report.updated,
    unchanged: report.unchanged,
    redirects: report.redirects,
    images: report.images,
    skipped: [...report.skipped.values()].reduce((sum, tally) => sum + tally.count, 0),
  };
}

/** The report as lines for a person: what was saved, then each reason for skipping with examples. */
export function describeImportReport(file: string, report: ImportReport): string[] {
  const lines = [
    `${file}: ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.redirects} old addresses kept, ${report.images} with a featured image` +
      (report.resumedAfter ? ` (resumed after item ${report.resumedAfter})` : ''),
  ];
  for (const [heading, tallies] of [['Skipped:', report.skipped], ['Imported with a note:', report.noted]] as const) {
    const reasons = [...tallies.entries()].sort((a, b) => b[1].count - a[1].count);
    if (reasons.length) lines.push(heading);
    for (const [reason, entry] of reasons) lines.push(`  ${entry.count} × ${reason} (e.g. ${entry.examples.join('; ')})`);
  }
  return lines;
}
