import type { Kysely } from 'kysely';
import { listSections } from '../../content/taxonomy/index.js';
import { htmlToText } from '../../content/text/index.js';
import type { Schema } from '../../storage/index.js';
import { NearDuplicateIndex, trainSectionModel, type FilingTools, type Instrument, type LabelledStory } from '../filing/index.js';
import { describingToolsFor, type FilingSettings } from './describe-item.js';
import type { DescribePool } from './describe-pool.js';
import { listSignaturesAfter } from './item-store.js';

/** The near-duplicate window: items published within two days of each other are compared (the index's default). */
export const DUPLICATE_WINDOW_MS = 48 * 3_600_000;
// At most this many signatures are read into the index per batch (the index holds 50,000).
const CATCH_UP_LIMIT = 50_000;
// Training reads the newest published stories, this many at most, this much of each (the classifier reads 1,500 characters).
const TRAINING_STORIES = 5_000;
const TRAINING_CHARS = 6_000;
const TRAINING_PAGE = 500;

/**
 * What one ingest worker files with: the filing tools (near-duplicate index, section classifier,
 * ticker detector), how far the index has read the stored signatures, and what the section model
 * was trained on. Items ingested by another instance reach this one's index at its next batch.
 */
export interface IngestTools {
  filing: FilingTools;
  /** What the section classifier and ticker detector were built from: describing threads build theirs from it. */
  settings: FilingSettings;
  /** Describing threads, if any: items are described off the event loop. */
  describer?: DescribePool;
  /** The highest item id whose signature the index has read. */
  heldThroughId: number;
  /** Published stories the section model was trained on, and when (null: not trained yet). */
  trainedOn: { count: number; at: number } | null;
  /** The training under way, if any (`refreshSectionModel`). */
  retraining?: Promise<boolean>;
}

/** New tools with an empty index and the keyword classifier; `refreshSectionModel` trains the real one. */
export function createIngestTools(options: { instruments?: readonly Instrument[]; sectionSlugs?: readonly string[]; describer?: DescribePool } = {}): IngestTools {
  const settings: FilingSettings = { sectionSlugs: options.sectionSlugs ?? [], instruments: options.instruments ?? [] };
  return {
    filing: { duplicates: new NearDuplicateIndex({ windowMs: DUPLICATE_WINDOW_MS }), ...describingToolsFor(settings) },
    settings,
    describer: options.describer,
    heldThroughId: 0,
    trainedOn: null,
  };
}

/**
 * Reads into the index the signatures of originals stored since it last read (by this worker or
 * another instance) within the window, and drops the expired. Bounded: at most 50,000 per call.
 */
export async function catchUpDuplicateIndex(db: Kysely<Schema>, tools: IngestTools, now: Date): Promise<void> {
  const since = new Date(now.getTime() - DUPLICATE_WINDOW_MS).toISOString();
  for (const row of await listSignaturesAfter(db, tools.heldThroughId, since, CATCH_UP_LIMIT)) {
    tools.filing.duplicates.add(String(row.id), row.publishedAt, row.signature);
    tools.heldThroughId = row.id;
  }
  tools.filing.duplicates.prune(now);
}

/** Empties the index, to be read again from the stored signatures at the next batch (after a batch rolled back). */
export function resetDuplicateIndex(tools: IngestTools): void {
  tools.filing.duplicates = new NearDuplicateIndex({ windowMs: DUPLICATE_WINDOW_MS });
  tools.heldThroughId = 0;
}

/** Whether the section model should be trained again: never trained, the archive grew by a tenth, or a day passed. */
export function isRetrainingDue(trainedOn: IngestTools['trainedOn'], publishedCount: number, now: number): boolean {
  if (!trainedOn) return true;
  if (publishedCount >= Math.max(trainedOn.count + 1, Math.ceil(trainedOn.count * 1.1))) return true;
  return now - trainedOn.at >= 24 * 3_600_000 && publishedCount !== trainedOn.count;
}

/**
 * Trains the section classifier on the site's newest published stories when due (see
 * `isRetrainingDue`); an archive too small for a model keeps the keyword fallback. Bounded: 5,000
 * stories, 6,000 characters of each, read in pages. Runs in the ingest worker, never on a request.
 * Single-flight: the poll worker's lanes share their tools, and a lane that asks while another
 * trains waits for that training (its answer is that one's) instead of training a second model.
 */
export function refreshSectionModel(db: Kysely<Schema>, tools: IngestTools, now: Date): Promise<boolean> {
  tools.retraining ??= retrainIfDue(db, tools, now).finally(() => {
    tools.retraining = undefined;
  });
  return tools.retraining;
}

async function retrainIfDue(db: Kysely<Schema>, tools: IngestTools, now: Date): Promise<boolean> {
  const counted = await db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'published').executeTakeFirstOrThrow();
  const publishedCount = Number(counted.n);
  if (!isRetrainingDue(tools.trainedOn, publishedCount, now.getTime())) return false;
  const stories = await readTrainingStories(db);
  const sectionSlugs = (await listSections(db)).map((section) => section.slug);
  tools.settings = { ...tools.settings, sectionModel: stories.length > 0 ? trainSectionModel(stories) : undefined, sectionSlugs };
  tools.filing.sections = describingToolsFor(tools.settings).sections;
  tools.trainedOn = { count: publishedCount, at: now.getTime() };
  return true;
}

async function readTrainingStories(db: Kysely<Schema>): Promise<LabelledStory[]> {
  const stories: LabelledStory[] = [];
  let before: { publishedAt: string; id: number } | undefined;
  while (stories.length < TRAINING_STORIES) {
    let query = db
      .selectFrom('articles')
      .innerJoin('sections', 'sections.id', 'articles.section_id')
      .select((eb) => ['articles.id', 'articles.published_at', 'articles.title', 'articles.dek', 'sections.slug', eb.fn<string>('substr', ['articles.body_html', eb.val(1), eb.val(TRAINING_CHARS)]).as('body')])
      .where('articles.status', '=', 'published');
    if (before) {
      const { publishedAt, id } = before;
      query = query.where((eb) => eb.or([eb('articles.published_at', '<', publishedAt), eb.and([eb('articles.published_at', '=', publishedAt), eb('articles.id', '<', id)])]));
    }
    const rows = await query.orderBy('articles.published_at', 'desc').orderBy('articles.id', 'desc').limit(TRAINING_PAGE).execute();
    for (const row of rows) stories.push({ section: row.slug, text: `${row.title}\n${row.dek}\n${htmlToText(row.body)}` });
    if (rows.length < TRAINING_PAGE) break;
    const last = rows.at(-1)!;
    before = { publishedAt: last.published_at ?? '', id: Number(last.id) };
  }
  return stories;
}
