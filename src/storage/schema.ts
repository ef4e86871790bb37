import type { Generated } from 'kysely';

// Times are ISO 8601 strings in UTC with milliseconds ("2023-05-25T19:46:00.000Z"):
// they sort as text and read the same on SQLite and PostgreSQL.

/** Sections of the publication (Markets, Business, …). */
export interface SectionsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  description: string;
  position: number;
}

/** People with bylines. */
export interface AuthorsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  bio: string;
  created_at: string;
  /** The byline photo, a media library image (migration 021). */
  photo_media_id: number | null;
}

/** Topics, people, organisations, places and tickers that stories are tagged with. */
export interface TagsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  kind: string;
}

/** Stories. */
export interface ArticlesTable {
  id: Generated<number>;
  uri: string;
  slug: string;
  /** The publication date in the site time zone (YYYY-MM-DD), fixed at first publication: part of the URL. */
  url_date: string | null;
  status: string;
  title: string;
  dek: string;
  /** The edited teaser, or null to derive it from the body. */
  excerpt: string | null;
  /** The teaser shown in listings: the edited excerpt or the derived one. */
  teaser: string;
  body_html: string;
  section_id: number;
  language: string;
  canonical_url: string | null;
  source: string;
  word_count: number;
  published_at: string | null;
  updated_at: string | null;
  created_at: string;
  modified_at: string;
  revision: number;
  /** The story's hero image (migration 005-media). */
  hero_media_id: number | null;
}

/** Workflow columns of stories (migration 004), kept apart so saveArticle's row leaves them alone. */
export interface ArticleWorkflowColumns {
  /** When a scheduled story goes live (ISO time), else null. */
  scheduled_for: string | null;
  /** The newsroom user who created the story; null for imports and demo stories. */
  created_by_user_id: number | null;
}

/** Bylines, in order. */
export interface ArticleAuthorsTable {
  article_id: number;
  author_id: number;
  position: number;
  /** The story's publication time while it is published, else null: kept by the database (migration 016) for listings in publication order. */
  listed_at: Generated<string | null>;
}

/** Tags on a story, in order. */
export interface ArticleTagsTable {
  article_id: number;
  tag_id: number;
  position: number;
  /** The story's publication time while it is published, else null: kept by the database (migration 016) for listings in publication order. */
  listed_at: Generated<string | null>;
}

/** Former URLs of a story, answered with a 301 to the current one. */
export interface SlugHistoryTable {
  id: Generated<number>;
  article_id: number;
  url_date: string;
  slug: string;
  created_at: string;
}

/** Full snapshots of a story at each saved version. */
export interface RevisionsTable {
  id: Generated<number>;
  article_id: number;
  revision: number;
  snapshot: string;
  note: string;
  created_by: string;
  created_at: string;
}

/** Public, dated correction notes. */
export interface CorrectionsTable {
  id: Generated<number>;
  article_id: number;
  text: string;
  published_at: string;
}

/** The outbox of content changes: each row names the cache keys a committed change dirtied. */
export interface ChangeEventsTable {
  id: Generated<number>;
  keys: string;
  created_at: string;
}

/** Uploaded images: the original's facts and the words shown with it. */
export interface MediaTable {
  id: Generated<number>;
  /** File key of the largest variant in the original's format. */
  file_key: string;
  original_name: string;
  mime_type: string;
  width: number;
  height: number;
  bytes: number;
  alt: string;
  caption: string;
  credit: string;
  created_by_user_id: number | null;
  created_at: string;
  /** An image kept where it is, not uploaded (an imported post's featured image): its absolute URL (migration 018). */
  remote_url: string | null;
}

/** Resized copies of an image, one per width and format, named by the hash of their bytes. */
export interface MediaVariantsTable {
  media_id: number;
  width: number;
  format: string;
  file_key: string;
  bytes: number;
}

/** The curated front page: position 0 is the lead, 1… the top stories in order. */
export interface FrontPageSlotsTable {
  position: number;
  article_id: number;
}

/** Breaking-news banners; the newest one neither cleared nor expired is shown. */
export interface BannersTable {
  id: Generated<number>;
  text: string;
  url: string;
  expires_at: string;
  created_by_user_id: number | null;
  created_at: string;
  cleared_at: string | null;
}

/** Newsroom accounts (migration 003). Disabled users keep their row, so bylines and audit rows stay linked. */
export interface UsersTable {
  id: Generated<number>;
  /** Lower-cased. */
  email: string;
  name: string;
  role: string;
  /** scrypt$N$r$p$salt$hash (base64). */
  password_hash: string;
  /** The author whose byline is this user's. */
  author_id: number | null;
  disabled_at: string | null;
  created_at: string;
}

/** Signed-in sessions; id is the SHA-256 of the cookie's token. */
export interface SessionsTable {
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  /** Absolute expiry; idle expiry is read from last_seen_at. */
  expires_at: string;
  last_seen_at: string;
}

/** Who did what in the newsroom. */
export interface AuditLogTable {
  id: Generated<number>;
  actor_user_id: number | null;
  action: string;
  subject: string;
  /** JSON object. */
  detail: string;
  created_at: string;
  /** `event`, or `sign_in_failure` for failed and refused sign-ins (listed apart). */
  kind: Generated<string>;
}

/** One-time links that create the first (owner) account; only the token's hash is kept. */
export interface SetupTokensTable {
  token_hash: string;
  created_at: string;
  used_at: string | null;
}

/** One-time password reset links an admin issued (migration 021); only the token's hash is kept. */
export interface PasswordResetTokensTable {
  token_hash: string;
  user_id: number;
  created_at: string;
  used_at: string | null;
}

/** Jobs (migration 008): one row per (kind, key), claimed by one worker at a time under a lease. */
export interface JobsTable {
  id: Generated<number>;
  kind: string;
  /** What the job is about within its kind (a story's id): scheduling the same key again moves the job. */
  key: string;
  run_at: string;
  /** The claim holding the job (worker and claim), or null when free. */
  claimed_by: string | null;
  /** When the claim lapses and another worker may take the job over. */
  lease_until: string | null;
  attempts: Generated<number>;
  last_error: string | null;
  /** When the job was given up after its last attempt (kept with last_error, never claimed again); null while it may run. */
  failed_at: string | null;
  created_at: string;
}

/** Attempts counted against limits (migration 009): one row per attempt and key. */
export interface AttemptsTable {
  id: Generated<number>;
  key: string;
  attempted_at: string;
}

/**
 * A published story's search entry (migration 011). `key` (publication minute << 32 | id) passes
 * 2^53: it is computed and compared in SQL only, never read into JavaScript. PostgreSQL adds the
 * weighted `document` tsvector; SQLite keeps the words in the FTS5 table `search_fts`. `digest`
 * (migration 015) is the SHA-256 of what the entry was made from: null for entries of before.
 */
export interface SearchEntriesTable {
  article_id: number;
  key: never;
  digest: string | null;
}

/** Content API keys (migration 012): only the secret's SHA-256 is kept; a revoked key keeps its row. */
export interface ApiKeysTable {
  id: Generated<number>;
  /** Who the key is for, as the admin wrote it. */
  name: string;
  /** The secret's first characters, shown in lists so people can tell keys apart. */
  prefix: string;
  /** SHA-256 of the whole secret, hex. */
  secret_hash: string;
  created_by_user_id: number | null;
  created_at: string;
  revoked_by_user_id: number | null;
  revoked_at: string | null;
  /** What the key may do, space-separated (migration 020): `read`, and `markets:write` to push quotes. */
  scopes: Generated<string>;
}

/** Preview links to stories' drafts (migration 022): only the token's SHA-256 is kept; a revoked link keeps its row. */
export interface PreviewLinksTable {
  id: Generated<number>;
  article_id: number;
  /** SHA-256 of the link's token, hex. */
  token_hash: string;
  /** Who the link is for, as its maker wrote it ("for legal"); may be empty. */
  note: string;
  created_by_user_id: number | null;
  created_at: string;
  expires_at: string;
  /** When the link was last opened (to the minute), or null. */
  last_opened_at: string | null;
  revoked_by_user_id: number | null;
  revoked_at: string | null;
}

/** Requests counted per key in fixed windows (migration 012; the RequestCounters port). */
export interface RequestCountsTable {
  key: string;
  /** When the window began (ISO time). */
  window_start: string;
  hits: number;
}

/** Webhook endpoints registered by admins (migration 013). */
export interface WebhookEndpointsTable {
  id: Generated<number>;
  /** Where deliveries are POSTed (http or https). */
  url: string;
  /** The event types it hears, comma-separated (article.published,…). */
  events: string;
  /** 1 to deliver, 0 to hold (events while disabled are not sent later). */
  enabled: number;
  /** The signing secret, `whsec_` + base64 (Standard Webhooks). */
  secret: string;
  created_by_user_id: number | null;
  created_at: string;
  updated_at: string;
}

/** One message per article event: what every attempt sends (migration 013). */
export interface WebhookMessagesTable {
  /** `msg_…`: the `webhook-id` header, the same on every attempt. */
  id: string;
  type: string;
  article_id: number;
  /** The JSON body, exactly as signed and sent. */
  body: string;
  created_at: string;
}

/** Each delivery attempt's outcome (migration 013). */
export interface WebhookDeliveriesTable {
  id: Generated<number>;
  endpoint_id: number;
  message_id: string;
  /** The job's attempt number (1 for the first try, or the first after "send again"). */
  attempt: number;
  /** The receiver's HTTP status, or null when no answer came (see error). */
  status_code: number | null;
  /** Why it failed, when it did. */
  error: string | null;
  duration_ms: number;
  attempted_at: string;
}

/** Page views per story and hour (migration 014): nothing about the reader, only how many. */
export interface StoryViewsTable {
  article_id: number;
  /** The hour the views fell in (ISO time, minutes and seconds zero). */
  hour_start: string;
  views: number;
}

/** The most read stories per scope as last computed (migration 014): scope 0 is the whole site, else a section id. */
export interface MostReadRankingsTable {
  scope_id: number;
  /** 1 for the most read. */
  position: number;
  article_id: number;
  /** Views in the window when computed. */
  views: number;
}

/** When the rankings are next due (migration 014): one row, claimed by a conditional UPDATE. */
export interface MostReadScheduleTable {
  id: number;
  next_run_at: string;
}

/** Where copy comes from (migration 017): a feed or a watched folder, with its fetch state. */
export interface IngestSourcesTable {
  id: Generated<number>;
  name: string;
  /** The feed's address, or `file:` + the folder for a watched folder. */
  url: string;
  /** rss · atom · json · ninjs, or null to detect. */
  format: string | null;
  poll_seconds: number;
  /** Section name or slug items are filed in when no suggestion is taken; null: the suggestion or the first section. */
  default_section: string | null;
  /** `draft`: items wait on the desk; `publish`: they go live at once. */
  policy: string;
  /** The credit line stories from this source carry (their `source`). */
  credit: string;
  enabled: number;
  etag: string | null;
  last_modified: string | null;
  last_success_at: string | null;
  last_error_at: string | null;
  last_error: string | null;
  items_taken: Generated<number>;
  next_poll_at: string | null;
  consecutive_failures: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** Each fetch's outcome per source (migration 017), newest kept, the rest pruned. */
export interface IngestFetchesTable {
  id: Generated<number>;
  source_id: number;
  /** ok · not_modified · error. */
  outcome: string;
  http_status: number | null;
  items_new: number;
  items_updated: number;
  items_duplicate: number;
  error: string | null;
  duration_ms: number;
  fetched_at: string;
}

/** Every item taken in (migration 017), unique per source by guid. */
export interface IngestItemsTable {
  id: Generated<number>;
  source_id: number;
  /** The source's id of the item (guid, ninjs uri, else its link). */
  guid: string;
  /** The normalised link, for exact duplicates across sources. */
  url_key: string | null;
  /** SHA-256 of the copy's words. */
  content_hash: string;
  /** The near-duplicate signature (JSON), reloaded into the index at start. */
  signature: string;
  /** incoming · taken · spiked · duplicate · published. */
  status: string;
  title: string;
  /** The item as a story input (JSON, without status). */
  input: string;
  original_url: string | null;
  /** Section, topic and ticker suggestions with confidences (JSON). */
  suggestions: string;
  /** The item this one copies (exact or near duplicate). */
  duplicate_of_id: number | null;
  duplicate_score: number | null;
  /** The story the item became (taken or published). */
  article_id: number | null;
  original_published_at: string | null;
  original_updated_at: string | null;
  received_at: string;
  /** When the source last revised it. */
  revised_at: string | null;
  decided_by_user_id: number | null;
  decided_at: string | null;
}

/** An old site's address kept after an import (migration 018): the story it became, or a fixed path. */
export interface RedirectsTable {
  old_path: string;
  article_id: number | null;
  target_path: string | null;
  /** What recorded it (`wordpress import`, `ghost import`). */
  source: string;
  created_at: string;
}

/** How far the import of one file got (migration 018): items done, committed with each batch. */
export interface ImportRunsTable {
  run_key: string;
  file: string;
  items_done: number;
  started_at: string;
  updated_at: string;
  completed_at: string | null;
}

/** An instrument the site quotes (migration 019): an index, a share, a currency pair, a commodity, a coin or a rate. */
export interface InstrumentsTable {
  id: Generated<number>;
  /** Upper case, unique; the quote page's address (`/markets/quote/{symbol}/`). */
  symbol: string;
  /** The exchange's ISO 10383 market identifier code; null for instruments traded off exchange (FX, coins). */
  mic: string | null;
  name: string;
  kind: string;
  /** ISO 4217 code of the prices (the bond's currency for a yield, quoted in percent). */
  currency: string;
  decimals: number;
  /** JSON array of other names it goes by in text. */
  aliases: string;
  isin: string | null;
  /** Its place in the ticker strip, first = 1; null when not in the strip. */
  strip_position: number | null;
  created_at: string;
  updated_at: string;
}

/** One quote of an instrument at one time (migration 019), unique per instrument and time. */
export interface QuoteTicksTable {
  instrument_id: number;
  at: string;
  price: number;
  /** Volume traded in the trading day up to this quote, when the source gives it. */
  day_volume: number | null;
  /** Who supplied it: `demo`, `api:{key name}`, `csv`. */
  source: string;
  /** Minutes behind the market: 0 real time, 15 "Delayed 15 min"; null "End of day". */
  delay_minutes: number | null;
  received_at: string;
}

/** One trading day of an instrument (migration 019): imported end-of-day history, or kept up to date from its ticks. */
export interface DailyBarsTable {
  instrument_id: number;
  /** The exchange's local date, YYYY-MM-DD. */
  day: string;
  open: number;
  high: number;
  low: number;
  close: number;
  adj_close: number | null;
  volume: number | null;
  /** The times of the ticks that set the open and the close (null for imported bars). */
  opened_at: string | null;
  closed_at: string | null;
  source: string;
  delay_minutes: number | null;
}

/** Every table, for Kysely. */
/** A story's live coverage (migration 023): live or ended, and the count of changes to its updates. */
export interface LiveCoverageTable {
  article_id: number;
  /** `live` or `ended`. */
  state: string;
  started_at: string;
  ended_at: string | null;
  /** The seq of the latest change to the story's updates (each change takes the next). */
  last_seq: number;
}

/** One timestamped update of a live story (migration 023). */
export interface LiveUpdatesTable {
  id: Generated<number>;
  article_id: number;
  /** The story's change counter when this update last changed (the stream's event id). */
  seq: number;
  posted_at: string;
  modified_at: string;
  author_user_id: number | null;
  author_name: string;
  /** Sanitized HTML, short (LIVE_UPDATE_MAX_CHARACTERS of text). */
  body_html: string;
  media_id: number | null;
  /** An instrument's symbol, shown as a quote chip. */
  quote_symbol: string | null;
  is_pinned: number;
  is_deleted: number;
}

export interface Schema {
  sections: SectionsTable;
  authors: AuthorsTable;
  tags: TagsTable;
  articles: ArticlesTable & ArticleWorkflowColumns;
  article_authors: ArticleAuthorsTable;
  article_tags: ArticleTagsTable;
  slug_history: SlugHistoryTable;
  revisions: RevisionsTable;
  corrections: CorrectionsTable;
  change_events: ChangeEventsTable;
  users: UsersTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  setup_tokens: SetupTokensTable;
  password_reset_tokens: PasswordResetTokensTable;
  media: MediaTable;
  media_variants: MediaVariantsTable;
  front_page_slots: FrontPageSlotsTable;
  banners: BannersTable;
  jobs: JobsTable;
  attempts: AttemptsTable;
  search_entries: SearchEntriesTable;
  api_keys: ApiKeysTable;
  preview_links: PreviewLinksTable;
  request_counts: RequestCountsTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_messages: WebhookMessagesTable;
  webhook_deliveries: WebhookDeliveriesTable;
  story_views: StoryViewsTable;
  most_read_rankings: MostReadRankingsTable;
  most_read_schedule: MostReadScheduleTable;
  ingest_sources: IngestSourcesTable;
  ingest_fetches: IngestFetchesTable;
  ingest_items: IngestItemsTable;
  redirects: RedirectsTable;
  import_runs: ImportRunsTable;
  instruments: InstrumentsTable;
  quote_ticks: QuoteTicksTable;
  daily_bars: DailyBarsTable;
  live_coverage: LiveCoverageTable;
  live_updates: LiveUpdatesTable;
}
