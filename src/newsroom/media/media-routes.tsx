import { readFile } from 'node:fs/promises';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Clock } from '../../clock.js';
import { MEDIA_EXTENSIONS, MEDIA_MIME_TYPES, searchMedia, type MediaFormat } from '../../content/index.js';
import { AppError } from '../../errors.js';
import type { Schema } from '../../storage/index.js';
import { requirePermission } from '../accounts/guards.js';
import { emptyForm, newsroomPageContext, sendNewsroomPage, type FormState } from '../ui/index.js';
import { FILE_KEY_PATTERN, type MediaFileStore } from './media-files.js';
import { MediaLibraryPage } from './media-library-page.js';
import { presentMediaJson } from './media-presenter.js';
import { MAX_UPLOAD_BYTES, uploadMedia, type UploadedFile } from './upload-media.js';

/** What the media routes need. */
export interface MediaRoutesOptions {
  db: Kysely<Schema>;
  clock: Clock;
  files: MediaFileStore;
  timeZone: string;
}

const LIBRARY_PAGE_SIZE = 60;
const API_RESULT_LIMIT = 30;
// File names are content hashes: a file never changes, so browsers and CDNs keep it for a year.
const IMMUTABLE = 'public, max-age=31536000, immutable';
const FORMAT_BY_EXTENSION = Object.fromEntries(Object.entries(MEDIA_EXTENSIONS).map(([format, ext]) => [ext, format as MediaFormat]));

function tooLarge(): AppError {
  return new AppError('MEDIA_TOO_LARGE', 'invalid', `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB. Export a smaller version (2,000–4,000 pixels wide is plenty) and upload that.`, {
    file: 'too large',
  });
}

// Multipart bodies (attachFieldsToBody) hold fields as { value } and files as { filename, _buf }.
function readMultipart(body: unknown): { file: UploadedFile | undefined; fields: Record<string, string> } {
  const fields: Record<string, string> = {};
  let file: UploadedFile | undefined;
  if (!body || typeof body !== 'object') return { file, fields };
  for (const [key, raw] of Object.entries(body as Record<string, unknown>)) {
    const part = (Array.isArray(raw) ? raw[0] : raw) as { type?: string; value?: unknown; filename?: string; _buf?: Buffer } | undefined;
    if (!part || typeof part !== 'object') continue;
    if (part.type === 'file' && key === 'file' && part._buf) file = { name: part.filename || 'upload', data: part._buf };
    else if (part.type === 'field' && typeof part.value === 'string' && key !== '_csrf') fields[key] = part.value;
  }
  return { file, fields };
}

/** The media library (/newsroom/media/), the editor's JSON API (/api/newsroom/media) and file serving (/media/…). */
export const mediaRoutes: FastifyPluginAsync<MediaRoutesOptions> = async (app, { db, clock, files, timeZone }) => {
  // Scoped to these routes: the file is read whole (bounded by fileSize) before the handler runs,
  // so the CSRF check (a preHandler) sees the _csrf field.
  await app.register(multipart, { attachFieldsToBody: true, limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10 } });

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

  // A file past the limit is refused while the body is read, before the handler: answer 413 in
  // the form (page) or as JSON (API), with a message saying what to do.
  app.setErrorHandler((error, request, reply) => {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE' || (error as { code?: string }).code === 'FST_FILES_LIMIT') {
      const appError = tooLarge();
      if (request.url.startsWith('/api/')) return reply.code(413).send({ error: { code: appError.code, message: appError.message, details: appError.details } });
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

  app.post('/newsroom/media/', async (request, reply) => {
    const user = requirePermission(request, 'media.upload');
    const { file, fields } = readMultipart(request.body);
    try {
      const item = await uploadMedia(file, fields, { db, files, now: clock.now(), userId: user.id });
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

  app.post('/api/newsroom/media', async (request, reply) => {
    const user = requirePermission(request, 'media.upload');
    const { file, fields } = readMultipart(request.body);
    const item = await uploadMedia(file, fields, { db, files, now: clock.now(), userId: user.id });
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
