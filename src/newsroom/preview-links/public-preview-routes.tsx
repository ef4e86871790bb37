import { normalizeIP } from '@fastify/rate-limit';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { RenderedPage } from '../../cache/index.js';
import { articlePath, formatDisplayTime } from '../../content/articles/index.js';
import { findHeroImage } from '../../content/media/index.js';
import { findStoryRecord, listCorrections } from '../../content/stories/index.js';
import { listSections } from '../../content/taxonomy/index.js';
import type { Clock } from '../../clock.js';
import type { Stylesheet } from '../../site/stylesheet.js';
import type { RequestCounters, Writer } from '../../storage/index.js';
import { renderPreview } from '../stories/preview-page.js';
import { openPreviewLink } from './preview-link-service.js';

/** What the public preview page needs. */
export interface PublicPreviewRoutesOptions {
  writer: Writer;
  /** Counts lookups per client address (the RequestCounters port), across every instance. */
  counters: RequestCounters;
  clock: Clock;
  stylesheet: Stylesheet;
  siteUrl: string;
  timeZone: string;
  language: string;
  /** The reader site's 404 page with a message: what every link that opens nothing answers (never stored). */
  renderNotFound: (message: string) => Promise<RenderedPage>;
  /** Lookups one client address may make in a minute (default PREVIEW_LOOKUPS_PER_MINUTE). */
  lookupsPerMinute?: number;
}

/** Lookups one client address may make in a minute: a person reading and reloading stays far below. */
export const PREVIEW_LOOKUPS_PER_MINUTE = 60;
const WINDOW_MS = 60_000;

/**
 * Every answer of a preview URL, whatever it says: kept by no cache (browser, proxy, the edge or
 * the page cache, which stores nothing private or no-store), indexed and followed by no robot, and
 * never named in a Referer header: the URL holds the token, and a link in the draft to another site
 * must not hand it over.
 */
export const PREVIEW_RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  'cache-control': 'no-store, private',
  'x-robots-tag': 'noindex, nofollow',
  'referrer-policy': 'no-referrer',
};

const NOT_FOUND_MESSAGE = 'This preview link opens nothing: it has expired or been revoked, or the address is incomplete. Ask whoever sent it for a new one.';

/**
 * GET /preview/{token}/: the story's latest saved version for someone without an account, as
 * readers will see it, under a "Preview — not published" note. Answered from the database on every
 * request (the link's row is the truth: a revoke applies at once on every instance), never from or
 * into a cache. Unknown, expired and revoked tokens, and links whose story is gone, get one and the
 * same 404 page. A story published since the link was made is its public article now: the link
 * sends there (303, not kept). Lookups are counted per client address (IPv6 per /64).
 */
export const publicPreviewRoutes: FastifyPluginAsync<PublicPreviewRoutesOptions> = async (app, options) => {
  const { writer, counters, clock, stylesheet, siteUrl, timeZone, language, renderNotFound, lookupsPerMinute = PREVIEW_LOOKUPS_PER_MINUTE } = options;
  const { db } = writer;

  async function sendNotFound(reply: FastifyReply) {
    const page = await renderNotFound(NOT_FOUND_MESSAGE);
    return reply
      .code(404)
      .headers({ ...page.headers, ...PREVIEW_RESPONSE_HEADERS })
      .type(page.contentType)
      .send(page.body);
  }

  app.get<{ Params: { token: string } }>('/preview/:token/', async (request, reply) => {
    const now = clock.now();
    reply.headers(PREVIEW_RESPONSE_HEADERS);
    const { hits, resetAt } = await counters.count(`preview:address:${normalizeIP(request.ip, 64)}`, WINDOW_MS, now);
    if (hits > lookupsPerMinute) {
      const seconds = Math.max(1, Math.ceil((resetAt.getTime() - now.getTime()) / 1000));
      return reply
        .code(429)
        .header('retry-after', String(seconds))
        .type('text/plain; charset=utf-8')
        .send(`Too many preview links were opened from your address this minute: try again in ${seconds} seconds.\n`);
    }
    const link = await openPreviewLink(writer, request.params.token, now);
    const story = link && (await findStoryRecord(db, link.articleId));
    if (!link || !story) return sendNotFound(reply);
    const { article } = story;
    if (article.status === 'published' && article.urlDate) return reply.redirect(articlePath({ urlDate: article.urlDate, slug: article.slug }), 303);
    const [sections, corrections, hero] = await Promise.all([listSections(db), listCorrections(db, article.id), findHeroImage(db, article.id)]);
    const preview = renderPreview({
      article,
      corrections,
      sections,
      stylesheet,
      siteUrl,
      timeZone,
      language,
      now,
      hero,
      isNofollow: true,
      note: (
        <>
          <strong>Preview — not published.</strong> This is a draft shared with you before publication; it may still change. Please do not pass
          the link on. It works until <time dateTime={link.expiresAt}>{formatDisplayTime(link.expiresAt, timeZone)}</time>.
        </>
      ),
    });
    return reply.code(200).header('content-security-policy', preview.contentSecurityPolicy).type('text/html; charset=utf-8').send(preview.html);
  });
};
