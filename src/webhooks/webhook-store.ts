import type { Kysely, Selectable } from 'kysely';
import type { ArticleEventType, Schema } from '../storage/index.js';

/** The event types an endpoint may hear, in the order forms show them. */
export const WEBHOOK_EVENT_TYPES: readonly ArticleEventType[] = ['article.published', 'article.updated', 'article.corrected', 'article.unpublished'];

/** A registered endpoint, secret included (signing needs it; pages never show it after it is made). */
export interface WebhookEndpoint {
  id: number;
  url: string;
  events: ArticleEventType[];
  isEnabled: boolean;
  secret: string;
  createdAt: string;
  updatedAt: string;
}

/** What an admin sets on an endpoint. */
export interface EndpointSettings {
  url: string;
  events: readonly ArticleEventType[];
  isEnabled: boolean;
}

/** One delivery attempt as the newsroom lists it. */
export interface WebhookDeliveryAttempt {
  id: number;
  messageId: string;
  type: string;
  articleId: number;
  attempt: number;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  attemptedAt: string;
}

/** A message: what every attempt of it sends. */
export interface WebhookMessage {
  id: string;
  type: string;
  body: string;
}

function toEndpoint(row: Omit<Selectable<Schema['webhook_endpoints']>, 'created_by_user_id'>): WebhookEndpoint {
  return {
    id: Number(row.id),
    url: row.url,
    events: row.events.split(',').filter((type): type is ArticleEventType => (WEBHOOK_EVENT_TYPES as readonly string[]).includes(type)),
    isEnabled: Number(row.enabled) === 1,
    secret: row.secret,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const ENDPOINT_COLUMNS = ['id', 'url', 'events', 'enabled', 'secret', 'created_at', 'updated_at'] as const;

/** Every endpoint, oldest first (admins register a handful: the service bounds them). */
export async function listEndpoints(db: Kysely<Schema>): Promise<WebhookEndpoint[]> {
  const rows = await db.selectFrom('webhook_endpoints').select(ENDPOINT_COLUMNS).orderBy('id').execute();
  return rows.map(toEndpoint);
}

/** One endpoint, or undefined. */
export async function findEndpoint(db: Kysely<Schema>, id: number): Promise<WebhookEndpoint | undefined> {
  const row = await db.selectFrom('webhook_endpoints').select(ENDPOINT_COLUMNS).where('id', '=', id).executeTakeFirst();
  return row && toEndpoint(row);
}

/** How many endpoints there are. */
export async function countEndpoints(db: Kysely<Schema>): Promise<number> {
  const row = await db.selectFrom('webhook_endpoints').select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Adds an endpoint; its id. */
export async function insertEndpoint(db: Kysely<Schema>, settings: EndpointSettings, secret: string, createdByUserId: number | null, now: Date): Promise<number> {
  const row = await db
    .insertInto('webhook_endpoints')
    .values({ ...settingsColumns(settings), secret, created_by_user_id: createdByUserId, created_at: now.toISOString(), updated_at: now.toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** Changes an endpoint's address, events and state; whether it exists. */
export async function updateEndpoint(db: Kysely<Schema>, id: number, settings: EndpointSettings, now: Date): Promise<boolean> {
  const result = await db.updateTable('webhook_endpoints').set({ ...settingsColumns(settings), updated_at: now.toISOString() }).where('id', '=', id).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Replaces an endpoint's secret; whether it exists. */
export async function replaceEndpointSecret(db: Kysely<Schema>, id: number, secret: string, now: Date): Promise<boolean> {
  const result = await db.updateTable('webhook_endpoints').set({ secret, updated_at: now.toISOString() }).where('id', '=', id).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Removes an endpoint with its delivery log; its address, or undefined if there was none. Deliveries still queued find it gone and send nothing. */
export async function deleteEndpoint(db: Kysely<Schema>, id: number): Promise<string | undefined> {
  const endpoint = await findEndpoint(db, id);
  if (!endpoint) return undefined;
  await db.deleteFrom('webhook_deliveries').where('endpoint_id', '=', id).execute();
  await db.deleteFrom('webhook_endpoints').where('id', '=', id).execute();
  return endpoint.url;
}

function settingsColumns({ url, events, isEnabled }: EndpointSettings) {
  return { url, events: events.join(','), enabled: isEnabled ? 1 : 0 };
}

/** Keeps a message: its id, type, story and exact body. */
export async function insertMessage(db: Kysely<Schema>, message: WebhookMessage & { articleId: number }, now: Date): Promise<void> {
  await db.insertInto('webhook_messages').values({ id: message.id, type: message.type, article_id: message.articleId, body: message.body, created_at: now.toISOString() }).execute();
}

/** A message by id, or undefined. */
export async function findMessage(db: Kysely<Schema>, id: string): Promise<WebhookMessage | undefined> {
  return db.selectFrom('webhook_messages').select(['id', 'type', 'body']).where('id', '=', id).executeTakeFirst();
}

/** Records one attempt's outcome. */
export async function insertDeliveryAttempt(
  db: Kysely<Schema>,
  attempt: { endpointId: number; messageId: string; attempt: number; statusCode: number | null; error: string | null; durationMs: number; attemptedAt: Date },
): Promise<void> {
  await db
    .insertInto('webhook_deliveries')
    .values({
      endpoint_id: attempt.endpointId,
      message_id: attempt.messageId,
      attempt: attempt.attempt,
      status_code: attempt.statusCode,
      error: attempt.error?.slice(0, 500) ?? null,
      duration_ms: attempt.durationMs,
      attempted_at: attempt.attemptedAt.toISOString(),
    })
    .execute();
}

/** Whether a message was ever attempted at an endpoint (what "send again" may send there). */
export async function wasAttempted(db: Kysely<Schema>, endpointId: number, messageId: string): Promise<boolean> {
  const row = await db.selectFrom('webhook_deliveries').select('id').where('endpoint_id', '=', endpointId).where('message_id', '=', messageId).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** An endpoint's latest attempts, newest first, at most `limit`. */
export async function listDeliveryAttempts(db: Kysely<Schema>, endpointId: number, limit: number): Promise<WebhookDeliveryAttempt[]> {
  const rows = await db
    .selectFrom('webhook_deliveries')
    .innerJoin('webhook_messages', 'webhook_messages.id', 'webhook_deliveries.message_id')
    .select([
      'webhook_deliveries.id',
      'webhook_deliveries.message_id',
      'webhook_messages.type',
      'webhook_messages.article_id',
      'webhook_deliveries.attempt',
      'webhook_deliveries.status_code',
      'webhook_deliveries.error',
      'webhook_deliveries.duration_ms',
      'webhook_deliveries.attempted_at',
    ])
    .where('webhook_deliveries.endpoint_id', '=', endpointId)
    .orderBy('webhook_deliveries.attempted_at', 'desc')
    .orderBy('webhook_deliveries.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    id: Number(row.id),
    messageId: row.message_id,
    type: row.type,
    articleId: Number(row.article_id),
    attempt: Number(row.attempt),
    statusCode: row.status_code === null ? null : Number(row.status_code),
    error: row.error,
    durationMs: Number(row.duration_ms),
    attemptedAt: row.attempted_at,
  }));
}

/**
 * Deletes attempts made before `before`, then messages made before it that no attempt refers to any
 * more (one sent again lately keeps its message); how many attempts and messages went.
 */
export async function pruneWebhookLog(db: Kysely<Schema>, before: Date): Promise<{ attempts: number; messages: number }> {
  // Two statements, no transaction: each delete is idempotent on its own, and a message goes only
  // once no attempt refers to it (checked in its own statement), so nothing waits on a held lock.
  const attempts = await db.deleteFrom('webhook_deliveries').where('attempted_at', '<', before.toISOString()).executeTakeFirst();
  const messages = await db
    .deleteFrom('webhook_messages')
    .where('created_at', '<', before.toISOString())
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('webhook_deliveries').select('webhook_deliveries.id').whereRef('webhook_deliveries.message_id', '=', 'webhook_messages.id'))))
    .executeTakeFirst();
  return { attempts: Number(attempts.numDeletedRows), messages: Number(messages.numDeletedRows) };
}
