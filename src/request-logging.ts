import type { FastifyRequest } from 'fastify';

// Query parameters whose values are secrets (the setup link's token, and the like): never logged.
const SECRET_PARAMETER = /token|secret|pass|key|signature|auth|session|csrf|code/i;

// A preview link's token is the path segment after /preview/ (src/newsroom/preview-links/),
// however the first segment is spelled (the router decodes `/%70review/` to `/preview/`).
const PREVIEW_TOKEN = /^(\/([^/?]*)\/)[^/?]+/;

/**
 * The URL with the values of secret-looking query parameters, and a preview link's token, replaced
 * by `[redacted]`; the rest is kept as sent.
 */
export function redactUrl(sent: string): string {
  const url = sent.replace(PREVIEW_TOKEN, (path, prefix: string, first: string) => (safeDecode(first) === 'preview' ? `${prefix}[redacted]` : path));
  const queryStart = url.indexOf('?');
  if (queryStart < 0) return url;
  const query = url
    .slice(queryStart + 1)
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const name = equals < 0 ? pair : pair.slice(0, equals);
      return equals >= 0 && SECRET_PARAMETER.test(safeDecode(name)) ? `${name}=[redacted]` : pair;
    })
    .join('&');
  return `${url.slice(0, queryStart)}?${query}`;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** How Fastify's request log shows a request (its own serializer, with the URL's secrets redacted). */
export const requestLogSerializers = {
  req(request: FastifyRequest) {
    return {
      method: request.method,
      url: redactUrl(request.url),
      host: request.host,
      remoteAddress: request.ip,
      remotePort: request.socket?.remotePort,
    };
  },
};
