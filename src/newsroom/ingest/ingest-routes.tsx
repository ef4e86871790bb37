import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Clock } from '../../clock.js';
import { listSections } from '../../content/taxonomy/index.js';
import { htmlToText } from '../../content/text/index.js';
import { AppError } from '../../errors.js';
import {
  addSource,
  changeSource,
  findItem,
  findSource,
  listDeskEntries,
  listFetches,
  listSources,
  pollSoon,
  removeSource,
  spikeItem,
  takeItem,
  type DeskFilter,
  type IngestSource,
  type ItemStatus,
} from '../../ingest/pipeline/index.js';
import { parseRowId } from '../../row-id.js';
import type { Schema, Writer } from '../../storage/index.js';
import { recordAudit, requirePermission } from '../accounts/index.js';
import { storyEditPath } from '../dashboard/dashboard-routes.js';
import { doneNotice, emptyForm, formValues, newsroomPageContext, sendNewsroomPage, type FormState } from '../ui/index.js';
import { DeskItemPage, DeskPage } from './desk-page.js';
import { STATUS_LABELS } from './desk-parts.js';
import { SOURCE_FIELDS, sourceFormValues } from './source-fields.js';
import { SourcePage, SourcesPage } from './sources-page.js';

/** What the sources and the ingest desk need. */
export interface IngestRoutesOptions {
  db: Kysely<Schema>;
  writer: Writer;
  clock: Clock;
  timeZone: string;
}

/** Items per desk page, and fetches per source page. */
export const DESK_PAGE_SIZE = 50;
const FETCHES_SHOWN = 20;

const SOURCE_NOTICES: Record<string, string> = {
  added: 'The source was added.',
  deleted: 'The source was deleted, with its items on the desk.',
  polling: 'The source is polled within a few seconds: reload this page to see the fetch.',
  running: 'The source is being polled right now: reload this page in a few seconds to see the fetch.',
};
const DESK_NOTICES: Record<string, string> = { spiked: 'The item was spiked.' };

function sentForm(values: Record<string, string>, errors: Record<string, string>): FormState {
  return { values: Object.fromEntries(SOURCE_FIELDS.flatMap((name) => (values[name] === undefined ? [] : [[name, values[name]]]))), errors };
}

// The item page reads this much of a body: enough for any story, bounded for any feed.
const MAX_COPY_CHARS = 200_000;

/** A body as paragraphs of plain text (the page shows the copy to read, not its markup). */
function copyParagraphs(bodyHtml: string): string[] {
  return bodyHtml
    .slice(0, MAX_COPY_CHARS)
    .split(/<\/(?:p|h[1-6]|li|blockquote)\s*>/i)
    .map(htmlToText)
    .filter(Boolean)
    .slice(0, 200);
}

/** The desk's filter from the query string; anything unreadable is left out, never an error. */
function readDeskFilter(query: unknown): DeskFilter {
  const { source, status, before } = (query ?? {}) as Record<string, unknown>;
  const filter: DeskFilter = {};
  const sourceId = typeof source === 'string' ? parseRowId(source) : undefined;
  if (sourceId !== undefined) filter.sourceId = sourceId;
  if (typeof status === 'string' && Object.hasOwn(STATUS_LABELS, status)) filter.status = status as ItemStatus;
  const beforeId = typeof before === 'string' ? parseRowId(before) : undefined;
  if (beforeId !== undefined) filter.beforeId = beforeId;
  return filter;
}

/**
 * /newsroom/sources/ (list, add; each source's page with its fetches, settings and deletion) and
 * the ingest desk /newsroom/ingest/ (items newest first by source and status, each item's page,
 * Take → the draft's editor, Spike), for editors and admins. Every change is audited.
 */
export const ingestRoutes: FastifyPluginAsync<IngestRoutesOptions> = async (app, { db, writer, clock, timeZone }) => {
  const sectionOptions = async () => (await listSections(db)).map((section) => ({ slug: section.slug, name: section.name }));

  async function renderSources(request: FastifyRequest, reply: FastifyReply, options: { form?: FormState; notice?: string; status?: number } = {}) {
    const page = <SourcesPage page={newsroomPageContext(request)} sources={await listSources(db)} sections={await sectionOptions()} form={options.form ?? emptyForm({ policy: 'draft', every: '5m', enabled: 'on' })} notice={options.notice} timeZone={timeZone} />;
    return sendNewsroomPage(reply, page, options.status);
  }

  async function renderSource(request: FastifyRequest, reply: FastifyReply, source: IngestSource, options: { form?: FormState; notice?: string; status?: number } = {}) {
    const page = (
      <SourcePage
        page={newsroomPageContext(request)}
        source={source}
        fetches={await listFetches(db, source.id, FETCHES_SHOWN)}
        sections={await sectionOptions()}
        form={options.form ?? emptyForm(sourceFormValues(source))}
        notice={options.notice}
        timeZone={timeZone}
      />
    );
    return sendNewsroomPage(reply, page, options.status);
  }

  async function loadSource(idParam: string): Promise<IngestSource> {
    const id = parseRowId(idParam);
    const source = id === undefined ? undefined : await findSource(db, id);
    if (!source) throw new AppError('INGEST_SOURCE_NOT_FOUND', 'not_found', 'There is no such source: it may have been deleted.');
    return source;
  }

  function itemId(idParam: string): number {
    const id = parseRowId(idParam);
    if (id === undefined) throw new AppError('INGEST_ITEM_NOT_FOUND', 'not_found', 'There is no such item on the desk: its source may have been deleted.');
    return id;
  }

  const changeContext = (userId: number) => ({ actorUserId: userId, now: clock.now(), audit: recordAudit, via: 'newsroom' as const });

  app.get('/newsroom/sources/', async (request, reply) => {
    requirePermission(request, 'ingest.manage');
    return renderSources(request, reply, { notice: doneNotice(request.query, SOURCE_NOTICES) });
  });

  app.post('/newsroom/sources/', async (request, reply) => {
    const user = requirePermission(request, 'ingest.manage');
    const values = formValues(request.body);
    try {
      const id = await addSource(db, values, changeContext(user.id));
      return reply.redirect(`/newsroom/sources/${id}/?done=added`, 303);
    } catch (error) {
      if (!(error instanceof AppError) || error.kind !== 'invalid') throw error;
      return renderSources(request, reply, { form: sentForm(values, error.details), status: 400 });
    }
  });

  app.get<{ Params: { id: string } }>('/newsroom/sources/:id/', async (request, reply) => {
    requirePermission(request, 'ingest.manage');
    return renderSource(request, reply, await loadSource(request.params.id), { notice: doneNotice(request.query, { ...SOURCE_NOTICES, saved: 'The source was saved.' }) });
  });

  app.post<{ Params: { id: string } }>('/newsroom/sources/:id/', async (request, reply) => {
    const user = requirePermission(request, 'ingest.manage');
    const source = await loadSource(request.params.id);
    const values = formValues(request.body);
    try {
      await changeSource(db, source.id, values, changeContext(user.id));
      return reply.redirect(`/newsroom/sources/${source.id}/?done=saved`, 303);
    } catch (error) {
      if (!(error instanceof AppError) || error.kind !== 'invalid') throw error;
      return renderSource(request, reply, source, { form: sentForm(values, error.details), status: 400 });
    }
  });

  // Poll now: the source's job falls due now, and a worker fetches it; the request fetches nothing.
  // A poll under way is the fetch asked for: the editor is told, and it is left to finish.
  app.post<{ Params: { id: string } }>('/newsroom/sources/:id/poll/', async (request, reply) => {
    requirePermission(request, 'ingest.manage');
    const source = await loadSource(request.params.id);
    const poll = await pollSoon(db, source.id, clock.now());
    return reply.redirect(`/newsroom/sources/${source.id}/?done=${poll === 'running' ? 'running' : 'polling'}`, 303);
  });

  app.post<{ Params: { id: string } }>('/newsroom/sources/:id/delete/', async (request, reply) => {
    const user = requirePermission(request, 'ingest.manage');
    const source = await loadSource(request.params.id);
    await removeSource(db, source.id, changeContext(user.id));
    return reply.redirect('/newsroom/sources/?done=deleted', 303);
  });

  app.get('/newsroom/ingest/', async (request, reply) => {
    requirePermission(request, 'ingest.manage');
    const filter = readDeskFilter(request.query);
    // One more than shown: whether there are older items.
    const entries = await listDeskEntries(db, filter, DESK_PAGE_SIZE + 1);
    const shown = entries.slice(0, DESK_PAGE_SIZE);
    const olderThan = entries.length > DESK_PAGE_SIZE ? shown.at(-1)!.item.id : undefined;
    const page = <DeskPage page={newsroomPageContext(request)} entries={shown} sources={await listSources(db)} filter={filter} olderThan={olderThan} notice={doneNotice(request.query, DESK_NOTICES)} timeZone={timeZone} />;
    return sendNewsroomPage(reply, page);
  });

  app.get<{ Params: { id: string } }>('/newsroom/ingest/:id/', async (request, reply) => {
    requirePermission(request, 'ingest.manage');
    const item = await findItem(db, itemId(request.params.id));
    if (!item) throw new AppError('INGEST_ITEM_NOT_FOUND', 'not_found', 'There is no such item on the desk: its source may have been deleted.');
    const source = await findSource(db, item.sourceId);
    const original = item.duplicateOfId === null ? undefined : await findItem(db, item.duplicateOfId);
    const paragraphs = copyParagraphs(item.item.input.bodyHtml);
    const page = <DeskItemPage page={newsroomPageContext(request)} item={item} sourceName={source?.name ?? ''} paragraphs={paragraphs} original={original} timeZone={timeZone} />;
    return sendNewsroomPage(reply, page);
  });

  app.post<{ Params: { id: string } }>('/newsroom/ingest/:id/take/', async (request, reply) => {
    const user = requirePermission(request, 'ingest.manage');
    const { articleId } = await takeItem(writer, itemId(request.params.id), { userId: user.id, userName: user.name, now: clock.now(), timeZone, audit: recordAudit });
    return reply.redirect(storyEditPath(articleId), 303);
  });

  app.post<{ Params: { id: string } }>('/newsroom/ingest/:id/spike/', async (request, reply) => {
    const user = requirePermission(request, 'ingest.manage');
    await spikeItem(writer, itemId(request.params.id), { userId: user.id, userName: user.name, now: clock.now(), timeZone, audit: recordAudit });
    return reply.redirect('/newsroom/ingest/?done=spiked', 303);
  });
};
