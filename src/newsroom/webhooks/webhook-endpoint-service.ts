import type { Kysely } from 'kysely';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import { enqueueJob, type ArticleEventType, type Schema, type Writer } from '../../storage/index.js';
import {
  countEndpoints,
  deleteEndpoint,
  deliveryJobKey,
  findEndpoint,
  findMessage,
  generateWebhookSecret,
  insertEndpoint,
  replaceEndpointSecret,
  resolveEndpointAddress,
  updateEndpoint,
  wasAttempted,
  WEBHOOK_DELIVERY_JOB,
  WEBHOOK_EVENT_TYPES,
  type EndpointSettings,
} from '../../webhooks/index.js';
import { HostAddressError, type HostResolver } from '../../net/index.js';
import { recordAudit, type ActorContext } from '../accounts/index.js';

/** How many endpoints a site may register: each event is sent to each, so the work per publish stays bounded. */
export const MAX_WEBHOOK_ENDPOINTS = 20;

/** The form field of each event type's checkbox. */
export function eventFieldName(type: ArticleEventType): string {
  return `event_${type.replace('article.', '')}`;
}

/** Where the address check looks (WEBHOOK_ALLOW_PRIVATE; tests may pass their own resolver). */
export interface AddressPolicy {
  allowPrivate: boolean;
  resolve?: HostResolver;
}

const UrlSchema = z
  .string()
  .trim()
  .min(1, 'Give the address deliveries go to.')
  .max(2000, 'Use an address of at most 2,000 characters.')
  .refine((value) => URL.canParse(value) && ['http:', 'https:'].includes(new URL(value).protocol), 'Give an http:// or https:// address, such as https://example.com/hooks/fortune-sky.')
  .refine((value) => !URL.canParse(value) || (!new URL(value).username && !new URL(value).password), 'Leave the user name and password out of the address.')
  .refine((value) => !URL.canParse(value) || !new URL(value).hash, 'Leave the #fragment out of the address.')
  .transform((value) => new URL(value).href);

/** Reads the form: the address (checked: public unless allowed), the events (at least one) and whether it is on. */
export async function parseEndpointSettings(values: Record<string, string>, policy: AddressPolicy): Promise<EndpointSettings> {
  const url = UrlSchema.safeParse(values.url ?? '');
  if (!url.success) throw invalid({ url: url.error.issues[0]!.message });
  const events = WEBHOOK_EVENT_TYPES.filter((type) => values[eventFieldName(type)] === 'on');
  if (events.length === 0) throw invalid({ events: 'Choose at least one event to send.' });
  try {
    await resolveEndpointAddress(new URL(url.data).hostname, policy);
  } catch (error) {
    if (error instanceof HostAddressError) throw invalid({ url: error.message });
    throw error;
  }
  return { url: url.data, events, isEnabled: values.enabled === 'on' };
}

function invalid(details: Record<string, string>): AppError {
  return new AppError('WEBHOOK_ENDPOINT_INVALID', 'invalid', Object.values(details)[0]!, details);
}

function notFound(): AppError {
  return new AppError('WEBHOOK_ENDPOINT_NOT_FOUND', 'not_found', 'There is no such webhook endpoint: it may have been deleted.');
}

/**
 * Registers an endpoint with a new secret and its audit row; the secret is returned once, to be
 * shown once. The count is read under a lock, so admins registering at once never pass the cap.
 */
export async function registerEndpoint(writer: Writer, values: Record<string, string>, context: ActorContext, policy: AddressPolicy): Promise<{ id: number; url: string; secret: string }> {
  const settings = await parseEndpointSettings(values, policy);
  const secret = generateWebhookSecret();
  const id = await writer.run(context.now, async ({ trx, lock }) => {
    await lock('webhook-endpoints');
    if ((await countEndpoints(trx)) >= MAX_WEBHOOK_ENDPOINTS) {
      throw new AppError('WEBHOOK_ENDPOINTS_FULL', 'invalid', `A site may have at most ${MAX_WEBHOOK_ENDPOINTS} webhook endpoints: delete one first.`, { url: 'too many endpoints' });
    }
    const endpointId = await insertEndpoint(trx, settings, secret, context.actorUserId, context.now);
    await recordAudit(trx, { actorUserId: context.actorUserId, action: 'webhook.registered', subject: `webhook:${endpointId}`, detail: { url: settings.url, events: settings.events, isEnabled: settings.isEnabled } }, context.now);
    return endpointId;
  });
  return { id, url: settings.url, secret };
}

/** Changes an endpoint's address, events and state, with its audit row. */
export async function changeEndpoint(db: Kysely<Schema>, id: number, values: Record<string, string>, context: ActorContext, policy: AddressPolicy): Promise<void> {
  const settings = await parseEndpointSettings(values, policy);
  await db.transaction().execute(async (trx) => {
    if (!(await updateEndpoint(trx, id, settings, context.now))) throw notFound();
    await recordAudit(trx, { actorUserId: context.actorUserId, action: 'webhook.changed', subject: `webhook:${id}`, detail: { url: settings.url, events: settings.events, isEnabled: settings.isEnabled } }, context.now);
  });
}

/** Gives an endpoint a new secret (the old one stops signing at once), with its audit row; the new secret, to be shown once. */
export async function rotateEndpointSecret(db: Kysely<Schema>, id: number, context: ActorContext): Promise<{ url: string; secret: string }> {
  const secret = generateWebhookSecret();
  return db.transaction().execute(async (trx) => {
    const endpoint = await findEndpoint(trx, id);
    if (!endpoint || !(await replaceEndpointSecret(trx, id, secret, context.now))) throw notFound();
    await recordAudit(trx, { actorUserId: context.actorUserId, action: 'webhook.secret_rotated', subject: `webhook:${id}`, detail: { url: endpoint.url } }, context.now);
    return { url: endpoint.url, secret };
  });
}

/** Deletes an endpoint and its delivery log, with its audit row; deliveries still queued send nothing. */
export async function removeEndpoint(db: Kysely<Schema>, id: number, context: ActorContext): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const url = await deleteEndpoint(trx, id);
    if (url === undefined) throw notFound();
    await recordAudit(trx, { actorUserId: context.actorUserId, action: 'webhook.deleted', subject: `webhook:${id}`, detail: { url } }, context.now);
  });
}

/**
 * "Send again": enqueues a new delivery of the same message (same `webhook-id`, same body) to the
 * endpoint, due now, with its audit row. One job per message and endpoint: pressing twice while it
 * waits sends it once; a delivery given up starts afresh with a full set of retries.
 */
export async function sendAgain(db: Kysely<Schema>, endpointId: number, messageId: string, context: ActorContext): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (!(await findEndpoint(trx, endpointId))) throw notFound();
    const message = await findMessage(trx, messageId);
    // Only what was sent there before: an endpoint never gets events it was not registered for.
    if (!message || !(await wasAttempted(trx, endpointId, message.id))) throw new AppError('WEBHOOK_MESSAGE_NOT_FOUND', 'not_found', 'This endpoint was never sent such a message.');
    await enqueueJob(trx, { kind: WEBHOOK_DELIVERY_JOB, key: deliveryJobKey(message.id, endpointId), runAt: context.now }, context.now);
    await recordAudit(trx, { actorUserId: context.actorUserId, action: 'webhook.resent', subject: `webhook:${endpointId}`, detail: { messageId: message.id, type: message.type } }, context.now);
  });
}
