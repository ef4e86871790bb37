import type { Kysely } from 'kysely';
import { createPeriodicTask, type PeriodicTask } from '../background-task.js';
import type { Schema } from '../storage/index.js';
import { pruneWebhookLog } from './webhook-store.js';

/**
 * Delivery attempts and messages are kept this long: far past the day of retries, long enough for
 * a partner to ask about last week's deliveries, and the tables stay bounded by the site's output.
 */
export const WEBHOOK_LOG_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

/** Keeps the webhook log bounded: every process may run it (the delete is idempotent). */
export function createWebhookLogPruner({
  db,
  clock,
  retentionMs = WEBHOOK_LOG_RETENTION_MS,
  onError,
}: {
  db: Kysely<Schema>;
  clock: { now(): Date };
  retentionMs?: number;
  onError?: (error: unknown) => void;
}): PeriodicTask & { pruneNow(): Promise<{ attempts: number; messages: number }> } {
  const pruneNow = () => pruneWebhookLog(db, new Date(clock.now().getTime() - retentionMs));
  const task = createPeriodicTask(pruneNow, onError);
  return { pruneNow, start: task.start, stop: task.stop };
}
