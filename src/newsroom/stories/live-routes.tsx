import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { articlePath } from '../../content/articles/index.js';
import {
  deleteUpdate,
  editUpdate,
  endCoverage,
  findCoverage,
  listUpdates,
  postUpdate,
  setUpdatePinned,
  startCoverage,
  type LiveContext,
  type UpdateFields,
} from '../../content/live/index.js';
import type { StoryRecord } from '../../content/stories/index.js';
import { AppError } from '../../errors.js';
import { searchMedia } from '../../content/media/index.js';
import { findInstrumentsBySymbols } from '../../markets/instruments/index.js';
import { parseRowId } from '../../row-id.js';
import type { Schema, Writer } from '../../storage/index.js';
import { recordAudit } from '../accounts/audit-log.js';
import { requirePermission, requireUser } from '../accounts/guards.js';
import { formValues } from '../ui/form-fields.js';
import { RECENT_LIBRARY_IMAGES } from '../ui/library-images.js';
import { doneNotice, newsroomPageContext, sendNewsroomPage } from '../ui/page-context.js';
import { LiveDeskPage } from './live-desk-page.js';
import { accessOf, authorizeFor } from './story-steps.js';

/** What the live desk needs. */
export interface LiveDeskRoutesOptions {
  db: Kysely<Schema>;
  clock: { now(): Date };
  timeZone: string;
  writer: Writer;
  /** Loads a story the signed-in user may read (403 otherwise). */
  loadStory: (request: FastifyRequest, id: number) => Promise<StoryRecord>;
}

const DONE: Record<string, string> = {
  started: 'The story is live: post the first update.',
  posted: 'Update posted: open pages show it now.',
  edited: 'Update saved.',
  pinned: 'Pinned as a key point.',
  unpinned: 'Unpinned.',
  deleted: 'Update deleted.',
  ended: 'Coverage ended: readers see “Coverage ended”.',
};

function idOf(value: string, code: string): number {
  const id = parseRowId(value);
  if (id === undefined) throw new AppError(code, 'not_found', 'There is nothing at this address.');
  return id;
}

/** The live desk of a story (/newsroom/stories/{id}/live/): go live, post, edit, pin, delete updates, end coverage. Editors on any story, authors on their own (`story.live`). */
export const liveDeskRoutes: FastifyPluginAsync<LiveDeskRoutesOptions> = async (app, { db, clock, timeZone, writer, loadStory }) => {
  function contextFor(request: FastifyRequest): LiveContext {
    const user = requireUser(request);
    return { now: clock.now(), actor: { userId: user.id, name: user.name }, audit: recordAudit };
  }

  async function loadDeskStory(request: FastifyRequest, idText: string): Promise<StoryRecord> {
    requireUser(request);
    const story = await loadStory(request, idOf(idText, 'STORY_NOT_FOUND'));
    requirePermission(request, 'story.live', accessOf(story));
    return story;
  }

  async function sendDesk(request: FastifyRequest, reply: FastifyReply, story: StoryRecord, form = { values: {}, errors: {} } as { values: Record<string, string>; errors: Record<string, string> }, status = 200) {
    const { article } = story;
    const [coverage, updates, recentImages] = await Promise.all([findCoverage(db, article.id), listUpdates(db, article.id), searchMedia(db, { query: '', limit: RECENT_LIBRARY_IMAGES })]);
    const publicPath = article.status === 'published' && article.urlDate ? articlePath({ urlDate: article.urlDate, slug: article.slug }) : null;
    const images = recentImages.map((image) => ({ id: image.id, alt: image.alt }));
    const view = { storyId: article.id, title: article.title, publicPath, coverage, updates, images, form, notice: doneNotice(request.query, DONE), timeZone };
    return sendNewsroomPage(reply, <LiveDeskPage page={newsroomPageContext(request)} view={view} />, status);
  }

  // The form's fields, checked: the symbol must name an instrument, the image a whole number (the service checks it exists).
  async function fieldsOf(values: Record<string, string>): Promise<{ fields: UpdateFields } | { errors: Record<string, string> }> {
    const symbol = (values.quote ?? '').trim().toUpperCase();
    const image = (values.image ?? '').trim();
    const errors: Record<string, string> = {};
    if (symbol && (symbol.length > 30 || (await findInstrumentsBySymbols(db, [symbol])).length === 0)) errors.quote = `No instrument has the symbol ${symbol.slice(0, 30)}.`;
    const mediaId = image ? parseRowId(image) : null;
    if (mediaId === undefined) errors.image = 'The image is a media library id, a whole number.';
    if (Object.keys(errors).length > 0) return { errors };
    return { fields: { text: values.text ?? '', quoteSymbol: symbol || null, mediaId: mediaId ?? null } };
  }

  const deskPath = (id: number, done: string) => `/newsroom/stories/${id}/live/?done=${done}`;

  app.get<{ Params: { id: string } }>('/newsroom/stories/:id/live/', async (request, reply) => sendDesk(request, reply, await loadDeskStory(request, request.params.id)));

  app.post<{ Params: { id: string } }>('/newsroom/stories/:id/live/start', async (request, reply) => {
    const story = await loadDeskStory(request, request.params.id);
    await startCoverage(writer, story.article.id, contextFor(request), authorizeFor(request, 'story.live'));
    return reply.redirect(deskPath(story.article.id, 'started'), 303);
  });

  app.post<{ Params: { id: string } }>('/newsroom/stories/:id/live/end', async (request, reply) => {
    const story = await loadDeskStory(request, request.params.id);
    await endCoverage(writer, story.article.id, contextFor(request), authorizeFor(request, 'story.live'));
    return reply.redirect(deskPath(story.article.id, 'ended'), 303);
  });

  app.post<{ Params: { id: string } }>('/newsroom/stories/:id/live/updates', async (request, reply) => {
    const story = await loadDeskStory(request, request.params.id);
    const values = formValues(request.body);
    const checked = await fieldsOf(values);
    if ('errors' in checked) return sendDesk(request, reply, story, { values, errors: checked.errors }, 400);
    try {
      await postUpdate(writer, story.article.id, checked.fields, contextFor(request), authorizeFor(request, 'story.live'));
    } catch (error) {
      // Shown at the field it is about: the image (one removed from the library meanwhile), else the text.
      if (error instanceof AppError && error.kind === 'invalid') return sendDesk(request, reply, story, { values, errors: { ['image' in error.details ? 'image' : 'text']: error.message } }, 400);
      throw error;
    }
    return reply.redirect(deskPath(story.article.id, 'posted'), 303);
  });

  app.post<{ Params: { id: string; updateId: string } }>('/newsroom/stories/:id/live/updates/:updateId/edit', async (request, reply) => {
    const story = await loadDeskStory(request, request.params.id);
    const target = { storyId: story.article.id, updateId: idOf(request.params.updateId, 'LIVE_UPDATE_NOT_FOUND') };
    const values = formValues(request.body);
    const checked = await fieldsOf(values);
    if ('errors' in checked) return sendDesk(request, reply, story, { values, errors: checked.errors }, 400);
    await editUpdate(writer, target, checked.fields, contextFor(request), authorizeFor(request, 'story.live'));
    return reply.redirect(deskPath(story.article.id, 'edited'), 303);
  });

  app.post<{ Params: { id: string; updateId: string } }>('/newsroom/stories/:id/live/updates/:updateId/pin', async (request, reply) => {
    const story = await loadDeskStory(request, request.params.id);
    const target = { storyId: story.article.id, updateId: idOf(request.params.updateId, 'LIVE_UPDATE_NOT_FOUND') };
    const isPinned = formValues(request.body).pinned !== '0';
    await setUpdatePinned(writer, target, isPinned, contextFor(request), authorizeFor(request, 'story.live'));
    return reply.redirect(deskPath(story.article.id, isPinned ? 'pinned' : 'unpinned'), 303);
  });

  app.post<{ Params: { id: string; updateId: string } }>('/newsroom/stories/:id/live/updates/:updateId/delete', async (request, reply) => {
    const story = await loadDeskStory(request, request.params.id);
    const target = { storyId: story.article.id, updateId: idOf(request.params.updateId, 'LIVE_UPDATE_NOT_FOUND') };
    await deleteUpdate(writer, target, contextFor(request), authorizeFor(request, 'story.live'));
    return reply.redirect(deskPath(story.article.id, 'deleted'), 303);
  });
};
