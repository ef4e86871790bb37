import type { Kysely } from 'kysely';
import { createJobWorker, type JobWorker, type RetryPolicy } from '../jobs/index.js';
import type { ClaimedJob, JobQueue, Schema } from '../storage/index.js';
import type { HostResolver } from '../net/index.js';
import { WEBHOOK_DELIVERY_JOB } from './webhook-events.js';
import { sendWebhook } from './webhook-sender.js';
import { signWebhook } from './webhook-signature.js';
import { findEndpoint, findMessage, insertDeliveryAttempt } from './webhook-store.js';

/**
 * A failed delivery is tried again after 5 s, 20 s, 80 s… (×4 each time, at most 5.5 hours) and
 * given up at its 11th failure: about 24 hours after the first (retryWindowMs), the spec's usual
 * window, so a receiver down for a night still gets every message.
 */
export const WEBHOOK_RETRY: RetryPolicy = { delayMs: (attempts) => Math.min(5_000 * 4 ** (attempts - 1), 5.5 * 3_600_000), maxAttempts: 11 };

/** How long a receiver gets to answer in full. */
export const WEBHOOK_TIMEOUT_MS = 10_000;
/** How much of an answer is read. */
export const WEBHOOK_MAX_RESPONSE_BYTES = 64 * 1024;
/** Deliveries one instance has in flight at once. */
export const WEBHOOK_CONCURRENCY = 4;

/** One attempt made, as the server logs it. */
export interface WebhookAttemptReport {
  endpointId: number;
  messageId: string;
  attempt: number;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

/** What the webhook worker needs. */
export interface WebhookWorkerOptions {
  queue: JobQueue;
  db: Kysely<Schema>;
  workerId: string;
  clock: { now(): Date };
  /** WEBHOOK_ALLOW_PRIVATE: send to private and loopback addresses too (tests, closed networks). */
  allowPrivate: boolean;
  timeoutMs?: number;
  maxResponseBytes?: number;
  resolve?: HostResolver;
  leaseMs?: number;
  onAttempt?: (report: WebhookAttemptReport) => void;
  onError?: (error: unknown) => void;
  onGivenUp?: (job: ClaimedJob, error: unknown) => void;
}

/**
 * Claims `webhook.deliver` jobs and POSTs each message to its endpoint, signed (Standard
 * Webhooks: `webhook-id` the message's id on every attempt, `webhook-timestamp` the attempt's time,
 * `webhook-signature`). Every attempt is recorded (status or error, duration, time); a 2xx
 * completes the job, anything else throws, and the queue retries it (WEBHOOK_RETRY). An endpoint
 * deleted or disabled meanwhile is sent nothing.
 */
export function createWebhookWorker({
  queue,
  db,
  workerId,
  clock,
  allowPrivate,
  timeoutMs = WEBHOOK_TIMEOUT_MS,
  maxResponseBytes = WEBHOOK_MAX_RESPONSE_BYTES,
  resolve,
  leaseMs,
  onAttempt,
  onError,
  onGivenUp,
}: WebhookWorkerOptions): JobWorker {
  return createJobWorker({
    queue,
    workerId,
    clock,
    leaseMs,
    retry: WEBHOOK_RETRY,
    // An endpoint that never answers holds one lane for its timeout; the others keep delivering.
    concurrency: WEBHOOK_CONCURRENCY,
    onError: (error) => onError?.(error),
    onGivenUp,
    handlers: {
      [WEBHOOK_DELIVERY_JOB]: async (job) => {
        const separator = job.key.lastIndexOf(':');
        const messageId = job.key.slice(0, separator);
        const endpoint = await findEndpoint(db, Number(job.key.slice(separator + 1)));
        const message = await findMessage(db, messageId);
        if (!endpoint?.isEnabled || !message) return;
        const attemptedAt = clock.now();
        const timestamp = Math.floor(attemptedAt.getTime() / 1000);
        const headers = { 'webhook-id': message.id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signWebhook(endpoint.secret, message.id, timestamp, message.body) };
        const outcome = await sendWebhook(endpoint.url, headers, message.body, { timeoutMs, maxResponseBytes, allowPrivate, resolve });
        await db.transaction().execute((trx) => insertDeliveryAttempt(trx, { endpointId: endpoint.id, messageId: message.id, attempt: job.attempts, ...outcome, attemptedAt }));
        onAttempt?.({ endpointId: endpoint.id, messageId: message.id, attempt: job.attempts, ...outcome });
        const isDelivered = outcome.statusCode !== null && outcome.statusCode >= 200 && outcome.statusCode < 300;
        if (!isDelivered) throw new Error(outcome.error ?? `The endpoint answered ${outcome.statusCode}.`);
      },
    },
  });
}
