import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Role } from '../../src/newsroom/index.js';
import { issueApiKey } from '../../src/newsroom/api-keys/index.js';
import { createPreviewLink } from '../../src/newsroom/preview-links/index.js';
import { registerEndpoint } from '../../src/newsroom/webhooks/index.js';
import { recordAudit } from '../../src/newsroom/index.js';
import { addSource, createIngestTools, findSource, ingestItems } from '../../src/ingest/pipeline/index.js';
import { checkInstrument, createInstrument } from '../../src/markets/instruments/index.js';
import { incomingItem } from '../support/ingest.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createSignedInUser, createTestClock, createUser, signIn, type TestSession } from '../support/newsroom.js';
import { createStoryAs, pressEditorButton } from '../support/newsroom-stories.js';
import { collectRoutes, type RegisteredRoute } from '../support/route-table.js';
import { SVG_ICON_PATH } from '../../src/site/site-icons.js';

// The authorization matrix (issue 8): every route the app registers × anonymous and each role,
// against the status written once below. A route missing from the table fails the suite, and so
// does an entry for a route that no longer exists. Story routes use a draft that belongs to
// someone else, so least privilege on reads is checked as well as on writes.
//
// Reads are sent plain; writes carry the session's CSRF token (anonymous writes carry none) and an
// empty form, so an allowed write stops at validation (400) and changes nothing, except where the
// note says otherwise.

const IDENTITIES = ['anonymous', 'contributor', 'author', 'editor', 'admin'] as const;
type Identity = (typeof IDENTITIES)[number];
/** Expected status for [anonymous, contributor, author, editor, admin]. */
type Row = readonly [number, number, number, number, number];

const PUBLIC: Row = [200, 200, 200, 200, 200];
const MISSING: Row = [404, 404, 404, 404, 404];
/** Newsroom pages every role reads; signed out → 303 to sign in. */
const ANY_ROLE_READ: Row = [303, 200, 200, 200, 200];
/** Another writer's draft: editors and admins only. */
const OTHERS_DRAFT_READ: Row = [303, 403, 403, 200, 200];
const OTHERS_DRAFT_WRITE: Row = [403, 403, 403, 400, 400];
const EDITORS_READ: Row = [303, 403, 403, 200, 200];
const EDITORS_WRITE: Row = [403, 403, 403, 400, 400];
const ADMINS_READ: Row = [303, 403, 403, 403, 200];
const ADMINS_WRITE: Row = [403, 403, 403, 403, 400];
const ANY_ROLE_WRITE: Row = [403, 400, 400, 400, 400];

interface Entry {
  /** The URL requested, from the route's pattern with this test's ids. */
  url: (p: Record<string, string>) => string;
  expect: Row;
}

const at = (url: string) => () => url;

const TABLE: Record<string, Entry> = {
  // Operations
  'GET /healthz': { url: at('/healthz'), expect: PUBLIC },
  'GET /readyz': { url: at('/readyz'), expect: PUBLIC },
  // Served to loopback only, whoever is signed in: inject's requests come from 127.0.0.1 (other
  // machines and proxied requests: test/integration/operations.test.ts).
  'GET /metrics': { url: at('/metrics'), expect: PUBLIC },
  // Reader site, feeds, sitemaps, public API: public
  'GET /': { url: at('/'), expect: PUBLIC },
  'GET /:section/': { url: at('/markets/'), expect: PUBLIC },
  'GET /markets/movers/': { url: at('/markets/movers/'), expect: PUBLIC },
  'GET /topic/:slug/': { url: at('/topic/matrix-topic/'), expect: PUBLIC },
  'GET /author/:slug/': { url: at('/author/matrix-writer/'), expect: PUBLIC },
  'GET /:yyyy/:mm/:dd/:slug/': { url: (p) => `/${p.urlDate}/${p.liveSlug}/`, expect: PUBLIC },
  'GET /markets/quote/:symbol/': { url: at('/markets/quote/MTRX/'), expect: PUBLIC },
  'GET /markets/quote/:symbol/feed.xml': { url: at('/markets/quote/MTRX/feed.xml'), expect: PUBLIC },
  'GET /markets/quote/:symbol/atom.xml': { url: at('/markets/quote/MTRX/atom.xml'), expect: PUBLIC },
  'GET /markets/quote/:symbol/feed.json': { url: at('/markets/quote/MTRX/feed.json'), expect: PUBLIC },
  'GET /feed.xml': { url: at('/feed.xml'), expect: PUBLIC },
  'GET /:section/feed.xml': { url: at('/markets/feed.xml'), expect: PUBLIC },
  'GET /topic/:slug/feed.xml': { url: at('/topic/matrix-topic/feed.xml'), expect: PUBLIC },
  'GET /author/:slug/feed.xml': { url: at('/author/matrix-writer/feed.xml'), expect: PUBLIC },
  'GET /atom.xml': { url: at('/atom.xml'), expect: PUBLIC },
  'GET /:section/atom.xml': { url: at('/markets/atom.xml'), expect: PUBLIC },
  'GET /topic/:slug/atom.xml': { url: at('/topic/matrix-topic/atom.xml'), expect: PUBLIC },
  'GET /author/:slug/atom.xml': { url: at('/author/matrix-writer/atom.xml'), expect: PUBLIC },
  'GET /feed.json': { url: at('/feed.json'), expect: PUBLIC },
  'GET /:section/feed.json': { url: at('/markets/feed.json'), expect: PUBLIC },
  'GET /topic/:slug/feed.json': { url: at('/topic/matrix-topic/feed.json'), expect: PUBLIC },
  'GET /author/:slug/feed.json': { url: at('/author/matrix-writer/feed.json'), expect: PUBLIC },
  'GET /sitemap.xml': { url: at('/sitemap.xml'), expect: PUBLIC },
  'GET /sitemaps/:file': { url: at('/sitemaps/pages.xml'), expect: PUBLIC },
  'GET /news-sitemap.xml': { url: at('/news-sitemap.xml'), expect: PUBLIC },
  'GET /robots.txt': { url: at('/robots.txt'), expect: PUBLIC },
  'GET /opensearch.xml': { url: at('/opensearch.xml'), expect: PUBLIC },
  'GET /search/': { url: at('/search/?q=matrix'), expect: PUBLIC },
  // Public, gated by the token alone: a live link to the draft opens it for anyone, signed in or not
  // (other tokens: newsroom-preview-links.test.ts).
  'GET /preview/:token/': { url: (p) => `/preview/${p.previewToken}/`, expect: PUBLIC },
  'GET /logo.png': { url: at('/logo.png'), expect: PUBLIC },
  // The favicon set and the web app manifest (the icons' folder is named by the design's hash).
  'GET /favicon.ico': { url: at('/favicon.ico'), expect: PUBLIC },
  'GET /apple-touch-icon.png': { url: at('/apple-touch-icon.png'), expect: PUBLIC },
  [`GET ${SVG_ICON_PATH}`]: { url: at(SVG_ICON_PATH), expect: PUBLIC },
  [`GET ${SVG_ICON_PATH.replace('icon.svg', 'icon-192.png')}`]: { url: at(SVG_ICON_PATH.replace('icon.svg', 'icon-192.png')), expect: PUBLIC },
  [`GET ${SVG_ICON_PATH.replace('icon.svg', 'icon-512.png')}`]: { url: at(SVG_ICON_PATH.replace('icon.svg', 'icon-512.png')), expect: PUBLIC },
  'GET /manifest.webmanifest': { url: at('/manifest.webmanifest'), expect: PUBLIC },
  // The market strip's prices, the quote chips' (MTRX: an instrument made below) and the island's file.
  'GET /markets/strip.json': { url: at('/markets/strip.json'), expect: PUBLIC },
  'GET /markets/quotes.json': { url: at('/markets/quotes.json?symbols=MTRX'), expect: PUBLIC },
  'GET /assets/:file': { url: at('/assets/strip-00000000.js'), expect: MISSING },
  'GET /api/v1/articles/:id.ninjs': { url: (p) => `/api/v1/articles/${p.live}.ninjs`, expect: PUBLIC },
  'GET /api/v1/articles/:id': { url: (p) => `/api/v1/articles/${p.live}`, expect: PUBLIC },
  'GET /api/v1/articles': { url: at('/api/v1/articles'), expect: PUBLIC },
  'GET /api/v1/articles/by-path': { url: (p) => `/api/v1/articles/by-path?path=/${p.urlDate}/${p.liveSlug}/`, expect: PUBLIC },
  'GET /api/v1/sections': { url: at('/api/v1/sections'), expect: PUBLIC },
  'GET /api/v1/topics': { url: at('/api/v1/topics'), expect: PUBLIC },
  'GET /api/v1/most-read': { url: at('/api/v1/most-read'), expect: PUBLIC },
  'GET /api/v1/search': { url: at('/api/v1/search?q=markets'), expect: PUBLIC },
  'GET /api/v1/authors': { url: at('/api/v1/authors'), expect: PUBLIC },
  'GET /api/v1/openapi.json': { url: at('/api/v1/openapi.json'), expect: PUBLIC },
  // Pushing quotes takes an API key with the markets scope, never a newsroom session: 401 for
  // every identity, before the body is read (keys and scopes: market-quotes-api.test.ts).
  'POST /api/v1/markets/quotes': { url: at('/api/v1/markets/quotes'), expect: [401, 401, 401, 401, 401] },
  'GET /api/docs/': { url: at('/api/docs/'), expect: PUBLIC },
  'GET /media/:folder/:name': { url: at('/media/ab/0000000000000000.webp'), expect: MISSING },
  // Sessions and setup
  // Signed in, the sign-in page sends to the dashboard; a signed-in post with no fields is a 400.
  'GET /newsroom/sign-in/': { url: at('/newsroom/sign-in/'), expect: [200, 303, 303, 303, 303] },
  'POST /newsroom/sign-in/': { url: at('/newsroom/sign-in/'), expect: [403, 400, 400, 400, 400] },
  // No setup token, no setup.
  'GET /newsroom/setup/': { url: at('/newsroom/setup/'), expect: MISSING },
  'POST /newsroom/setup/': { url: at('/newsroom/setup/'), expect: [403, 404, 404, 404, 404] },
  // Signs the session out: run last (see below).
  'POST /newsroom/sign-out/': { url: at('/newsroom/sign-out/'), expect: [403, 303, 303, 303, 303] },
  'GET /newsroom/assets/:file': { url: at('/newsroom/assets/missing-0000.js'), expect: MISSING },
  // Dashboard and stories
  'GET /newsroom/': { url: at('/newsroom/'), expect: ANY_ROLE_READ },
  'GET /newsroom/stories/': { url: at('/newsroom/stories/'), expect: ANY_ROLE_READ },
  'GET /newsroom/stories/new/': { url: at('/newsroom/stories/new/'), expect: ANY_ROLE_READ },
  'POST /newsroom/stories/': { url: at('/newsroom/stories/'), expect: ANY_ROLE_WRITE },
  'POST /newsroom/stories/bulk': { url: at('/newsroom/stories/bulk'), expect: ANY_ROLE_WRITE },
  // A redirect to the editor, which decides.
  'GET /newsroom/stories/:id/': { url: (p) => `/newsroom/stories/${p.draft}/`, expect: [303, 303, 303, 303, 303] },
  'GET /newsroom/stories/:id/edit': { url: (p) => `/newsroom/stories/${p.draft}/edit`, expect: OTHERS_DRAFT_READ },
  'POST /newsroom/stories/:id/edit': { url: (p) => `/newsroom/stories/${p.draft}/edit`, expect: OTHERS_DRAFT_WRITE },
  'POST /newsroom/stories/:id/corrections': { url: (p) => `/newsroom/stories/${p.draft}/corrections`, expect: OTHERS_DRAFT_WRITE },
  'GET /newsroom/stories/:id/preview': { url: (p) => `/newsroom/stories/${p.draft}/preview`, expect: OTHERS_DRAFT_READ },
  'GET /newsroom/stories/:id/revisions/': { url: (p) => `/newsroom/stories/${p.draft}/revisions/`, expect: OTHERS_DRAFT_READ },
  'GET /newsroom/stories/:id/revisions/:revision/': { url: (p) => `/newsroom/stories/${p.draft}/revisions/1/`, expect: OTHERS_DRAFT_READ },
  // Without the revision it was based on, an allowed restore is a conflict (409) and changes nothing.
  'POST /newsroom/stories/:id/revisions/:revision/restore': { url: (p) => `/newsroom/stories/${p.draft}/revisions/1/restore`, expect: [403, 403, 403, 409, 409] },
  // The live desk (story.live: editors any story, authors their own) on another writer's draft: the
  // editor turns it live (303), for the admin after them it is live already (409); an empty update
  // is a 400; no update 999999 (404); the editor ends the coverage, the admin finds it ended (409).
  'GET /newsroom/stories/:id/live/': { url: (p) => `/newsroom/stories/${p.draft}/live/`, expect: OTHERS_DRAFT_READ },
  'POST /newsroom/stories/:id/live/start': { url: (p) => `/newsroom/stories/${p.draft}/live/start`, expect: [403, 403, 403, 303, 409] },
  'POST /newsroom/stories/:id/live/updates': { url: (p) => `/newsroom/stories/${p.draft}/live/updates`, expect: OTHERS_DRAFT_WRITE },
  'POST /newsroom/stories/:id/live/updates/:updateId/edit': { url: (p) => `/newsroom/stories/${p.draft}/live/updates/999999/edit`, expect: OTHERS_DRAFT_WRITE },
  'POST /newsroom/stories/:id/live/updates/:updateId/pin': { url: (p) => `/newsroom/stories/${p.draft}/live/updates/999999/pin`, expect: [403, 403, 403, 404, 404] },
  'POST /newsroom/stories/:id/live/updates/:updateId/delete': { url: (p) => `/newsroom/stories/${p.draft}/live/updates/999999/delete`, expect: [403, 403, 403, 404, 404] },
  'POST /newsroom/stories/:id/live/end': { url: (p) => `/newsroom/stories/${p.draft}/live/end`, expect: [403, 403, 403, 303, 409] },
  // A story never live has no stream (the stream itself: live-coverage.test.ts).
  'GET /live/:storyId/events': { url: (p) => `/live/${p.live}/events`, expect: MISSING },
  'POST /api/newsroom/stories/:id/autosave': { url: (p) => `/api/newsroom/stories/${p.draft}/autosave`, expect: OTHERS_DRAFT_WRITE },
  // Preview links: whoever may read the story. An empty form is a valid link (24 hours, no note):
  // made (201) by those who may; revoking acts on a link made for the matrix.
  'GET /newsroom/stories/:id/preview-links/': { url: (p) => `/newsroom/stories/${p.draft}/preview-links/`, expect: OTHERS_DRAFT_READ },
  'POST /newsroom/stories/:id/preview-links/': { url: (p) => `/newsroom/stories/${p.draft}/preview-links/`, expect: [403, 403, 403, 201, 201] },
  'POST /newsroom/stories/:id/preview-links/:linkId/revoke/': { url: (p) => `/newsroom/stories/${p.draft}/preview-links/${p.doomedPreviewLink}/revoke/`, expect: [403, 403, 403, 303, 303] },
  // The editor's type-ahead: anyone who writes stories (what each role gets: newsroom-story-editor.test.ts).
  'GET /api/newsroom/suggestions': { url: at('/api/newsroom/suggestions?field=topics&q=matrix'), expect: [401, 200, 200, 200, 200] },
  // Media
  'GET /newsroom/media/': { url: at('/newsroom/media/'), expect: ANY_ROLE_READ },
  // Uploads are refused before their body is read: signed out, the form goes to sign-in and the API answers 401.
  'POST /newsroom/media/': { url: at('/newsroom/media/'), expect: [303, 400, 400, 400, 400] },
  'GET /api/newsroom/media': { url: at('/api/newsroom/media'), expect: [401, 200, 200, 200, 200] },
  'POST /api/newsroom/media': { url: at('/api/newsroom/media'), expect: [401, 400, 400, 400, 400] },
  // Front page and banner (editors and admins); clearing when no banner shows changes nothing.
  'GET /newsroom/front-page/': { url: at('/newsroom/front-page/'), expect: EDITORS_READ },
  'POST /newsroom/front-page/lead': { url: at('/newsroom/front-page/lead'), expect: EDITORS_WRITE },
  'POST /newsroom/front-page/top': { url: at('/newsroom/front-page/top'), expect: EDITORS_WRITE },
  'POST /newsroom/front-page/move': { url: at('/newsroom/front-page/move'), expect: EDITORS_WRITE },
  'POST /newsroom/front-page/remove': { url: at('/newsroom/front-page/remove'), expect: EDITORS_WRITE },
  'POST /newsroom/front-page/banner': { url: at('/newsroom/front-page/banner'), expect: EDITORS_WRITE },
  'POST /newsroom/front-page/banner/clear': { url: at('/newsroom/front-page/banner/clear'), expect: [403, 403, 403, 303, 303] },
  // Sections and topics (editors and admins)
  'GET /newsroom/sections/': { url: at('/newsroom/sections/'), expect: EDITORS_READ },
  'POST /newsroom/sections/': { url: at('/newsroom/sections/'), expect: EDITORS_WRITE },
  'POST /newsroom/sections/:id/edit': { url: (p) => `/newsroom/sections/${p.section}/edit`, expect: EDITORS_WRITE },
  'POST /newsroom/sections/:id/delete': { url: (p) => `/newsroom/sections/${p.section}/delete`, expect: EDITORS_WRITE },
  'POST /newsroom/topics/:id/rename': { url: (p) => `/newsroom/topics/${p.topic}/rename`, expect: EDITORS_WRITE },
  // Users and the audit log (admins); disable and enable act on a bystander account, in that order.
  'GET /newsroom/users/': { url: at('/newsroom/users/'), expect: ADMINS_READ },
  'POST /newsroom/users/': { url: at('/newsroom/users/'), expect: ADMINS_WRITE },
  'POST /newsroom/users/:id/role/': { url: (p) => `/newsroom/users/${p.bystander}/role/`, expect: ADMINS_WRITE },
  'POST /newsroom/users/:id/disable/': { url: (p) => `/newsroom/users/${p.bystander}/disable/`, expect: [403, 403, 403, 403, 303] },
  'POST /newsroom/users/:id/enable/': { url: (p) => `/newsroom/users/${p.bystander}/enable/`, expect: [403, 403, 403, 403, 303] },
  'GET /newsroom/audit/': { url: at('/newsroom/audit/'), expect: ADMINS_READ },
  // A user's page: a reset link is issued (and shown) for the bystander; signing them out everywhere redirects back.
  'GET /newsroom/users/:id/': { url: (p) => `/newsroom/users/${p.bystander}/`, expect: ADMINS_READ },
  'POST /newsroom/users/:id/reset-link/': { url: (p) => `/newsroom/users/${p.bystander}/reset-link/`, expect: [403, 403, 403, 403, 200] },
  'POST /newsroom/users/:id/sign-out/': { url: (p) => `/newsroom/users/${p.bystander}/sign-out/`, expect: [403, 403, 403, 403, 303] },
  // Your own account: every role; an empty form is a 400. Signing out everywhere ends the session: run last (see below).
  'GET /newsroom/account/': { url: at('/newsroom/account/'), expect: ANY_ROLE_READ },
  'POST /newsroom/account/password/': { url: at('/newsroom/account/password/'), expect: ANY_ROLE_WRITE },
  'POST /newsroom/account/profile/': { url: at('/newsroom/account/profile/'), expect: ANY_ROLE_WRITE },
  'POST /newsroom/account/sign-out-everywhere/': { url: at('/newsroom/account/sign-out-everywhere/'), expect: [403, 303, 303, 303, 303] },
  // No reset token, no reset page.
  'GET /newsroom/reset/': { url: at('/newsroom/reset/'), expect: MISSING },
  'POST /newsroom/reset/': { url: at('/newsroom/reset/'), expect: [403, 404, 404, 404, 404] },
  // Content API keys (admins); revoking acts on a key issued for this test.
  'GET /newsroom/api-keys/': { url: at('/newsroom/api-keys/'), expect: ADMINS_READ },
  'POST /newsroom/api-keys/': { url: at('/newsroom/api-keys/'), expect: ADMINS_WRITE },
  'POST /newsroom/api-keys/:id/revoke/': { url: (p) => `/newsroom/api-keys/${p.apiKey}/revoke/`, expect: [403, 403, 403, 403, 303] },
  // Webhook endpoints (admins): a new secret is shown in the answer; "send again" names no message
  // here (404); deleting acts on an endpoint registered for that alone.
  'GET /newsroom/webhooks/': { url: at('/newsroom/webhooks/'), expect: ADMINS_READ },
  'POST /newsroom/webhooks/': { url: at('/newsroom/webhooks/'), expect: ADMINS_WRITE },
  'GET /newsroom/webhooks/:id/': { url: (p) => `/newsroom/webhooks/${p.webhook}/`, expect: ADMINS_READ },
  'POST /newsroom/webhooks/:id/': { url: (p) => `/newsroom/webhooks/${p.webhook}/`, expect: ADMINS_WRITE },
  'POST /newsroom/webhooks/:id/rotate/': { url: (p) => `/newsroom/webhooks/${p.webhook}/rotate/`, expect: [403, 403, 403, 403, 200] },
  'POST /newsroom/webhooks/:id/resend/': { url: (p) => `/newsroom/webhooks/${p.webhook}/resend/`, expect: [403, 403, 403, 403, 404] },
  'POST /newsroom/webhooks/:id/delete/': { url: (p) => `/newsroom/webhooks/${p.doomedWebhook}/delete/`, expect: [403, 403, 403, 403, 303] },
  // Sources and the ingest desk: editors and admins
  'GET /newsroom/sources/': { url: at('/newsroom/sources/'), expect: EDITORS_READ },
  'POST /newsroom/sources/': { url: at('/newsroom/sources/'), expect: EDITORS_WRITE },
  'GET /newsroom/sources/:id/': { url: (p) => `/newsroom/sources/${p.source}/`, expect: EDITORS_READ },
  'POST /newsroom/sources/:id/': { url: (p) => `/newsroom/sources/${p.source}/`, expect: EDITORS_WRITE },
  // The matrix's source is disabled: nothing to poll (Poll now on an enabled one: newsroom-ingest.test.ts).
  'POST /newsroom/sources/:id/poll/': { url: (p) => `/newsroom/sources/${p.source}/poll/`, expect: [403, 403, 403, 409, 409] },
  // The editor deletes it; for the admin after them it is gone.
  'POST /newsroom/sources/:id/delete/': { url: (p) => `/newsroom/sources/${p.doomedSource}/delete/`, expect: [403, 403, 403, 303, 404] },
  'GET /newsroom/ingest/': { url: at('/newsroom/ingest/'), expect: EDITORS_READ },
  'GET /newsroom/ingest/:id/': { url: (p) => `/newsroom/ingest/${p.ingestItem}/`, expect: EDITORS_READ },
  // The editor takes it (→ the draft's editor); the admin after them is sent to the same draft.
  'POST /newsroom/ingest/:id/take/': { url: (p) => `/newsroom/ingest/${p.ingestItem}/take/`, expect: [403, 403, 403, 303, 303] },
  // The editor spikes it; for the admin after them it is spiked already.
  'POST /newsroom/ingest/:id/spike/': { url: (p) => `/newsroom/ingest/${p.spikedItem}/spike/`, expect: [403, 403, 403, 303, 409] },
  // Instruments and the strip: editors and admins
  'GET /newsroom/markets/instruments/': { url: at('/newsroom/markets/instruments/'), expect: EDITORS_READ },
  'POST /newsroom/markets/instruments/': { url: at('/newsroom/markets/instruments/'), expect: EDITORS_WRITE },
  'GET /newsroom/markets/instruments/new/': { url: at('/newsroom/markets/instruments/new/'), expect: EDITORS_READ },
  // An empty list is a strip with nothing in it: saved.
  'POST /newsroom/markets/instruments/strip/': { url: at('/newsroom/markets/instruments/strip/'), expect: [403, 403, 403, 303, 303] },
  'GET /newsroom/markets/instruments/:id/': { url: (p) => `/newsroom/markets/instruments/${p.instrument}/`, expect: EDITORS_READ },
  'POST /newsroom/markets/instruments/:id/': { url: (p) => `/newsroom/markets/instruments/${p.instrument}/`, expect: EDITORS_WRITE },
  'GET /newsroom/markets/instruments/:id/delete/': { url: (p) => `/newsroom/markets/instruments/${p.instrument}/delete/`, expect: EDITORS_READ },
  // The editor deletes it; for the admin after them it is gone.
  'POST /newsroom/markets/instruments/:id/delete/': { url: (p) => `/newsroom/markets/instruments/${p.doomedInstrument}/delete/`, expect: [403, 403, 403, 303, 404] },
};

let testApp: TestApp;
let routes: RegisteredRoute[];
const sessions = {} as Record<Role, TestSession & { user: { id: number }; email: string; password: string }>;
const params: Record<string, string> = {};

beforeAll(async () => {
  const clock = createTestClock('2026-05-01T09:00:00.000Z');
  ({ built: testApp, routes } = await collectRoutes(() => createTestApp({}, { clock })));
  for (const role of ['contributor', 'author', 'editor', 'admin'] as const) sessions[role] = await createSignedInUser(testApp, role);
  const owner = await createSignedInUser(testApp, 'editor');
  const live = await createStoryAs(testApp, owner, { title: 'Matrix live story', bylines: 'Matrix Writer', topics: 'Matrix Topic' });
  await pressEditorButton(testApp, owner, live, 'publish', { title: 'Matrix live story', bylines: 'Matrix Writer', topics: 'Matrix Topic' });
  const draft = await createStoryAs(testApp, owner, { title: 'Matrix draft', bylines: 'Matrix Writer' });
  await pressEditorButton(testApp, owner, draft, 'save', { title: 'Matrix draft, second take', bylines: 'Matrix Writer' });
  const db = testApp.database.db;
  const liveRow = await db.selectFrom('articles').select(['url_date', 'slug']).where('id', '=', live).executeTakeFirstOrThrow();
  const bystander = await createUser(testApp, { role: 'contributor' });
  const makePreviewLink = () => createPreviewLink(testApp.writer, draft, { lifetime: '7d' }, { userId: owner.user.id, now: clock.now() });
  const apiKey = await issueApiKey(db, { name: 'Matrix partner' }, { actorUserId: sessions.admin.user.id, now: new Date() });
  const registerWebhook = (path: string) =>
    registerEndpoint(testApp.writer, { url: `http://192.0.2.1${path}`, event_published: 'on' }, { actorUserId: sessions.admin.user.id, now: new Date() }, { allowPrivate: true });
  const sourceContext = { actorUserId: sessions.admin.user.id, now: new Date(), audit: recordAudit, via: 'cli' as const };
  const source = await addSource(db, { name: 'Matrix wire', url: 'https://wire.example.com/feed.xml' }, sourceContext);
  const doomedSource = await addSource(db, { name: 'Matrix doomed wire', url: 'https://doomed.example.com/feed.xml' }, sourceContext);
  const [takenItem, spikedItem] = [incomingItem(), incomingItem()];
  await ingestItems(testApp.writer, (await findSource(db, source))!, [takenItem, spikedItem], createIngestTools(), { now: new Date(), timeZone: 'UTC' });
  const addInstrument = (symbol: string) =>
    testApp.writer.run(new Date(), (work) =>
      createInstrument(work, checkInstrument({ symbol, name: `Matrix ${symbol}`, kind: 'equity', currency: 'USD', decimals: '2' }), { actorUserId: null, via: 'cli', audit: recordAudit }),
    );
  const itemIdOf = async (guid: string) => String((await db.selectFrom('ingest_items').select('id').where('guid', '=', guid).executeTakeFirstOrThrow()).id);
  Object.assign(params, {
    source: String(source),
    doomedSource: String(doomedSource),
    instrument: String(await addInstrument('MTRX')),
    doomedInstrument: String(await addInstrument('DOOM')),
    ingestItem: await itemIdOf(takenItem.provenance.guid!),
    spikedItem: await itemIdOf(spikedItem.provenance.guid!),
    webhook: String((await registerWebhook('/kept')).id),
    doomedWebhook: String((await registerWebhook('/deleted')).id),
    draft: String(draft),
    live: String(live),
    urlDate: liveRow.url_date!.replaceAll('-', '/'),
    liveSlug: liveRow.slug,
    bystander: String(bystander.user.id),
    apiKey: String(apiKey.id),
    previewToken: (await makePreviewLink()).token,
    doomedPreviewLink: String((await makePreviewLink()).id),
    section: String((await db.selectFrom('sections').select('id').where('slug', '=', 'business').executeTakeFirstOrThrow()).id),
    topic: String((await db.selectFrom('tags').select('id').where('slug', '=', 'matrix-topic').executeTakeFirstOrThrow()).id),
  });
});
afterAll(async () => testApp?.close());


const keyOf = (route: RegisteredRoute) => `${route.method} ${route.url}`;

function send(route: RegisteredRoute, url: string, identity: Identity) {
  const session = identity === 'anonymous' ? undefined : sessions[identity];
  const isWrite = route.method !== 'GET' && route.method !== 'HEAD';
  const headers: Record<string, string> = {};
  if (session) headers.cookie = session.cookie;
  if (isWrite) headers['content-type'] = 'application/x-www-form-urlencoded';
  if (isWrite && session) headers['x-csrf-token'] = session.csrfToken;
  const payload = isWrite ? (session ? new URLSearchParams({ _csrf: session.csrfToken }).toString() : '') : undefined;
  return testApp.app.inject({ method: route.method as 'GET', url, headers, payload });
}

describe('authorization matrix', () => {
  test('every registered route has an entry, and every entry a route', () => {
    const registered = routes.map(keyOf);
    expect(registered.length).toBeGreaterThan(50);
    expect(registered.filter((key) => !(key in TABLE)), 'routes without an entry in TABLE').toEqual([]);
    expect(Object.keys(TABLE).filter((key) => !registered.includes(key)), 'entries for routes that do not exist').toEqual([]);
  });

  test('every route answers each identity as the table says', async () => {
    // Signing out (here or everywhere) ends the session the rest of the table uses: last.
    const endsSession = (route: RegisteredRoute) => Number(route.url === '/newsroom/sign-out/' || route.url === '/newsroom/account/sign-out-everywhere/');
    const ordered = [...routes].sort((a, b) => endsSession(a) - endsSession(b));
    const mismatches: string[] = [];
    for (const route of ordered) {
      const entry = TABLE[keyOf(route)];
      if (!entry) continue;
      const url = entry.url(params);
      for (const [index, identity] of IDENTITIES.entries()) {
        const response = await send(route, url, identity);
        const expected = entry.expect[index];
        if (response.statusCode !== expected) mismatches.push(`${keyOf(route)} as ${identity} (${url}): expected ${expected}, got ${response.statusCode}`);
        if (identity === 'anonymous' && response.statusCode === 303 && route.method === 'GET') {
          expect(response.headers.location, keyOf(route)).toMatch(/^\/newsroom\/sign-in\/\?next=/);
        }
      }
      // The next route that ends sessions needs live ones.
      if (endsSession(route)) {
        for (const role of IDENTITIES.slice(1) as Role[]) sessions[role] = { ...sessions[role], ...(await signIn(testApp, sessions[role].email, sessions[role].password)) };
      }
    }
    expect(mismatches).toEqual([]);
  });
});
