import { readFile } from 'node:fs/promises';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { systemClock, type Clock } from '../../clock.js';
import { MEDIA_EXTENSIONS, MEDIA_MIME_TYPES, searchMedia, type MediaFormat } from '../../content/media/index.js';
import { AppError } from '../../errors.js';
import type { AttemptLimits, Schema } from '../../storage/index.js';
import { requirePermission } from '../accounts/guards.js';
import { emptyForm, newsroomPageContext, sendNewsroomPage, type FormState } from '../ui/index.js';
import { FILE_KEY_PATTERN, type MediaFileStore } from './media-files.js';
import { MediaLibraryPage } from './media-library-page.js';
import { presentMediaJson } from './media-presenter.js';
import { createOneAtATime } from './one-at-a-time.js';
import { createUploadGate } from './upload-gate.js';
import { MAX_UPLOAD_BYTES, uploadMedia, uploadTooLarge } from './upload-media.js';
import { createUploadRateLimit } from './upload-rate-limit.js';
import { receiveUpload, type ReceivedUpload } from './upload-receiver.js';

/** What the media routes need. */
export interface MediaRoutesOptions {
  db: Kysely<Schema>;
  /** Where the per-user upload limit is counted, shared by every instance. */
  attemptLimits: AttemptLimits;
  clock: Clock;
  files: MediaFileStore;
  timeZone: string;
}

const LIBRARY_PAGE_SIZE = 60;
const API_RESULT_LIMIT = 30;
// File names are content hashes: a file never changes, so browsers and CDNs keep it for a year.
const IMMUTABLE = 'public, max-age=31536000, immutable';
const FORMAT_BY_EXTENSION = Object.fromEntries(Object.entries(MEDIA_EXTENSIONS).map(([format, ext]) => [ext, format as MediaFormat]));

/** The media library (/newsroom/media/), the editor's JSON API (/api/newsroom/media) and file serving (/media/…). */
export const mediaRoutes: FastifyPluginAsync<MediaRoutesOptions> = async (app, { db, attemptLimits, clock, files, timeZone }) => {
  // Scoped to these routes. Bodies are not read before the handler: it streams the file to disk
  // (upload-receiver.ts) after the gate has checked the session, token, size and rate.
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10, fieldSize: 8 * 1024, parts: 20 } });
  const uploadGate = createUploadGate(createUploadRateLimit(attemptLimits, clock));
  const imageWork = createOneAtATime();
  // Uploads left half-written by a process that stopped; an upload never takes an hour. File
  // times are the machine's, so they are compared with the system clock, not the app's.
  await files.removeStaleTemporaryFiles(systemClock.now(), 60 * 60 * 1000);

  /** Reads the upload's words and streams its file to a temporary file under MEDIA_DIR. */
  function receive(request: FastifyRequest): Promise<ReceivedUpload> {
    if (!request.isMultipart()) return Promise.resolve({ file: undefined, fields: {}, discard: async () => {} });
    return receiveUpload(request.parts(), { createTemporaryPath: files.createTemporaryPath });
  }

  async function libraryPage(request: FastifyRequest, reply: FastifyReply, options: { form?: FormState; notice?: string; status?: number } = {}) {
    const q = (request.query as Record<string, unknown>).q;
    const query = typeof q === 'string' ? q.trim().slice(0, 200) : '';
    const items = await searchMedia(db, { query, limit: LIBRARY_PAGE_SIZE });
    return sendNewsroomPage(
      reply,
      <MediaLibraryPage page={newsroomPageContext(request)} items={items} query={query} form={options.form ?? emptyForm()} notice={options.notice} timeZone={timeZone} />,
      options.status,
    );
  }

  // A file past the limit (declared, or found while streaming): answer 413 in the form (page) or
  // as JSON (API), with a message saying what to do, and close the connection (the rest of the
  // body is not read).
  app.setErrorHandler((error, request, reply) => {
    const code = (error as { code?: string }).code;
    if (code === 'MEDIA_TOO_LARGE' || code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_FILES_LIMIT') {
      const appError = uploadTooLarge();
      reply.header('connection', 'close');
      if (request.routeOptions.url?.startsWith('/api/')) return reply.code(413).send({ error: { code: appError.code, message: appError.message, details: appError.details } });
      if (!request.user) throw new AppError('UNAUTHENTICATED', 'unauthenticated', 'Sign in to use the newsroom.');
      return libraryPage(request, reply, { form: { values: {}, errors: { file: appError.message } }, status: 413 });
    }
    throw error;
  });

  app.get('/newsroom/media/', async (request, reply) => {
    requirePermission(request, 'media.upload');
    const uploaded = (request.query as Record<string, unknown>).uploaded;
    return libraryPage(request, reply, { notice: typeof uploaded === 'string' && /^\d+$/.test(uploaded) ? `Image #${uploaded} uploaded.` : undefined });
  });

  app.post('/newsroom/media/', { onRequest: uploadGate }, async (request, reply) => {
    const user = requirePermission(request, 'media.upload');
    const { file, fields, discard } = await receive(request);
    try {
      // The temporary file goes before the answer does (finally on the promise, not the block).
      const item = await uploadMedia(file, fields, { db, files, now: clock.now(), userId: user.id, imageWork }).finally(discard);
      return reply.redirect(`/newsroom/media/?uploaded=${item.id}`, 303);
    } catch (error) {
      if (!(error instanceof AppError) || error.kind !== 'invalid') throw error;
      const errors = Object.keys(error.details).length > 0 && error.code === 'MEDIA_INVALID' ? error.details : { file: error.message };
      return libraryPage(request, reply, { form: { values: fields, errors }, status: 400 });
    }
  });

  app.get('/api/newsroom/media', async (request) => {
    requirePermission(request, 'media.upload');
    const q = (request.query as Record<string, unknown>).q;
    const items = await searchMedia(db, { query: typeof q === 'string' ? q.slice(0, 200) : '', limit: API_RESULT_LIMIT });
    return items.map(presentMediaJson);
  });

  app.post('/api/newsroom/media', { onRequest: uploadGate }, async (request, reply) => {
    const user = requirePermission(request, 'media.upload');
    const { file, fields, discard } = await receive(request);
    const item = await uploadMedia(file, fields, { db, files, now: clock.now(), userId: user.id, imageWork }).finally(discard);
    return reply.code(201).send(presentMediaJson(item));
  });

  app.get<{ Params: { folder: string; name: string } }>('/media/:folder/:name', async (request, reply) => {
    const fileKey = `${request.params.folder}/${request.params.name}`;
    if (!FILE_KEY_PATTERN.test(fileKey)) return reply.callNotFound();
    const format = FORMAT_BY_EXTENSION[fileKey.slice(fileKey.lastIndexOf('.') + 1)]!;
    const etag = `"${request.params.name.slice(0, request.params.name.indexOf('.'))}"`;
    const headers = { 'cache-control': IMMUTABLE, etag, 'x-content-type-options': 'nosniff' };
    // The name is the hash of the bytes: a matching validator means the same bytes.
    if (request.headers['if-none-match'] === etag) return reply.code(304).headers(headers).send();
    const data = await readFile(files.pathOf(fileKey)).catch(() => undefined);
    if (!data) return reply.callNotFound();
    return reply.headers(headers).type(MEDIA_MIME_TYPES[format]).send(data);
  });
};
