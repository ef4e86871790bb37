import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { AppError } from '../../errors.js';
import { requirePermission } from '../accounts/guards.js';
import { isSameSecret } from '../accounts/tokens.js';
import { MAX_UPLOAD_BYTES, uploadTooLarge } from './upload-media.js';
import type { UploadRateLimit } from './upload-rate-limit.js';

/** Room in a multipart body for the form's words and part headers beside a file at the limit. */
const FORM_OVERHEAD_BYTES = 256 * 1024;

/**
 * The CSRF token an upload carries before its body: the x-csrf-token header (the editor's API
 * calls) or the `_csrf` query parameter (the no-JavaScript form puts it in its action URL, as a
 * field inside the body would only be read after the file).
 */
function tokenBeforeBody(request: FastifyRequest): string | undefined {
  const header = request.headers['x-csrf-token'];
  if (typeof header === 'string') return header;
  const query = (request.query as Record<string, unknown> | undefined)?._csrf;
  return typeof query === 'string' ? query : undefined;
}

/**
 * An onRequest hook for the upload routes: who is asking, with which token, how big a body and
 * how often are all known from the request line and headers, so an upload that will be refused is
 * refused before a byte of its body is read (an anonymous 14 MB POST costs nothing). In order:
 * a session (401, or the sign-in redirect), the media.upload permission (403), the session's
 * CSRF token (403), a declared length within the limit (413), the user's uploads a minute (429).
 *
 * A refusal closes the connection, as Fastify does for a body it will not read: otherwise the
 * server would still have to take in the rest of the body to reach the next request.
 */
export function createUploadGate(limiter: UploadRateLimit): onRequestAsyncHookHandler {
  return async function uploadGate(request: FastifyRequest, reply: FastifyReply) {
    reply.header('connection', 'close');
    if (!request.newsroom) throw new Error('The upload gate needs the newsroom auth plugin to run before it (request.newsroom is not set).');
    const user = requirePermission(request, 'media.upload');
    const supplied = tokenBeforeBody(request);
    if (!supplied || !request.newsroom.sessionId || !isSameSecret(supplied, request.newsroom.csrfToken())) {
      throw new AppError('CSRF_INVALID', 'forbidden', 'This form has expired or was sent from another site. Go back, reload the page and try again.');
    }
    const declared = Number(request.headers['content-length']);
    if (declared > MAX_UPLOAD_BYTES + FORM_OVERHEAD_BYTES) throw uploadTooLarge();
    if (!(await limiter.take(user.id))) {
      // The window slides: within a minute the oldest attempt has left it.
      reply.header('retry-after', '60');
      throw new AppError(
        'MEDIA_RATE_LIMITED',
        'rate_limited',
        `The newsroom takes at most ${limiter.maxPerMinute} images a minute from one person. Wait a minute and upload again.`,
      );
    }
    // Let through: the body will be read, and the connection may be kept.
    reply.removeHeader('connection');
  };
}
