import type { Kysely } from 'kysely';
import { listSections } from '../../content/taxonomy/index.js';
import type { StoryAuditWriter } from '../../content/stories/index.js';
import { AppError } from '../../errors.js';
import type { Schema } from '../../storage/index.js';
import { cancelPoll, isPollRunning, schedulePoll } from './poll-job.js';
import { parseSourceSettings } from './source-settings.js';
import { countSources, deleteSource, insertSource, updateSource, type SourceSettings } from './source-store.js';

/** How many sources a site may have: each is polled, so the background work stays bounded. */
export const MAX_SOURCES = 200;

/** Who changes sources, when, and how it is audited (`via`: newsroom or cli). */
export interface SourceChangeContext {
  actorUserId: number | null;
  now: Date;
  audit: StoryAuditWriter;
  via: 'newsroom' | 'cli';
}

function notFound(): AppError {
  return new AppError('INGEST_SOURCE_NOT_FOUND', 'not_found', 'There is no such source: it may have been deleted.');
}

function nameTaken(name: string): AppError {
  const message = `A source named "${name}" exists already: choose another name.`;
  return new AppError('INGEST_SOURCE_INVALID', 'invalid', message, { name: message });
}

/** Whether a source is polled: enabled, and a feed on the web (the watched folder's source is scanned instead). */
export function isPolled(settings: Pick<SourceSettings, 'isEnabled' | 'url'>): boolean {
  return settings.isEnabled && /^https?:/i.test(settings.url);
}

/**
 * A source's poll after its settings changed, in the same transaction: an enabled feed polls now
 * (a new address or format is tried at once; a conditional GET makes it cheap), otherwise its
 * pending poll goes.
 */
async function reschedulePoll(trx: Kysely<Schema>, id: number, settings: SourceSettings, now: Date): Promise<void> {
  if (isPolled(settings)) await schedulePoll(trx, id, now, now);
  else await cancelPoll(trx, id);
}

/** Reads settings from form or command-line values, checking the section against the site's. */
export async function readSourceSettings(db: Kysely<Schema>, values: Record<string, string | undefined>): Promise<SourceSettings> {
  const sections = await listSections(db);
  return parseSourceSettings(values, new Set(sections.flatMap((section) => [section.slug, section.name.toLowerCase()])));
}

/** Adds a source (a unique name; at most 200), with its audit row; its id. */
export async function addSource(db: Kysely<Schema>, values: Record<string, string | undefined>, context: SourceChangeContext): Promise<number> {
  const settings = await readSourceSettings(db, values);
  return db.transaction().execute(async (trx) => {
    if ((await countSources(trx)) >= MAX_SOURCES) throw new AppError('INGEST_SOURCES_FULL', 'invalid', `A site may have at most ${MAX_SOURCES} sources: delete one first.`, { name: `A site may have at most ${MAX_SOURCES} sources: delete one first.` });
    const id = await insertSource(trx, settings, context.now);
    if (id === undefined) throw nameTaken(settings.name);
    await reschedulePoll(trx, id, settings, context.now);
    await context.audit(trx, { actorUserId: context.actorUserId, action: 'ingest.source_added', subject: `source:${id}`, detail: { ...settings, via: context.via } }, context.now);
    return id;
  });
}

/** Changes a source's settings, with its audit row. */
export async function changeSource(db: Kysely<Schema>, id: number, values: Record<string, string | undefined>, context: SourceChangeContext): Promise<void> {
  const settings = await readSourceSettings(db, values);
  await db.transaction().execute(async (trx) => {
    const taken = await trx.selectFrom('ingest_sources').select('id').where('name', '=', settings.name).where('id', '<>', id).executeTakeFirst();
    if (taken) throw nameTaken(settings.name);
    if (!(await updateSource(trx, id, settings, context.now))) throw notFound();
    await reschedulePoll(trx, id, settings, context.now);
    await context.audit(trx, { actorUserId: context.actorUserId, action: 'ingest.source_changed', subject: `source:${id}`, detail: { ...settings, via: context.via } }, context.now);
  });
}

/**
 * Makes a source's next poll due now ("Poll now" in the newsroom): the job queue's worker fetches
 * it, not the request. A poll under way is left to finish ('running'): it is the fresh fetch the
 * editor asked for, and moving its job would let a second poll start beside it.
 */
export async function pollSoon(db: Kysely<Schema>, id: number, now: Date): Promise<'due' | 'running'> {
  return db.transaction().execute(async (trx) => {
    const source = await trx.selectFrom('ingest_sources').select(['url', 'enabled']).where('id', '=', id).executeTakeFirst();
    if (!source) throw notFound();
    if (!isPolled({ url: source.url, isEnabled: Number(source.enabled) === 1 })) {
      throw new AppError('INGEST_SOURCE_NOT_POLLED', 'conflict', 'This source is not polled: enable it first (a watched folder is scanned, not polled).');
    }
    if (await isPollRunning(trx, id, now)) return 'running';
    await schedulePoll(trx, id, now, now);
    return 'due';
  });
}

/** Deletes a source with its items and fetch log (the stories made from them stay), with its audit row. */
export async function removeSource(db: Kysely<Schema>, id: number, context: SourceChangeContext): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const name = await deleteSource(trx, id);
    if (name === undefined) throw notFound();
    await cancelPoll(trx, id);
    await context.audit(trx, { actorUserId: context.actorUserId, action: 'ingest.source_deleted', subject: `source:${id}`, detail: { name, via: context.via } }, context.now);
  });
}
