import type { Kysely } from 'kysely';
import type { Schema } from '../../storage/index.js';

/** One thing someone did, as the audit log records it. */
export interface AuditEntry {
  /** Who did it; null for the system, the command line and people not signed in. */
  actorUserId: number | null;
  /** Past-tense event name, e.g. `user.created`, `session.signed_in`, `story.published`. */
  action: string;
  /** What it was done to, e.g. `user:3`, `story:42`. */
  subject: string;
  /** Facts worth keeping (never secrets). */
  detail?: Record<string, unknown>;
}

/** A stored audit row. */
export interface AuditRecord extends Required<AuditEntry> {
  id: number;
  createdAt: string;
}

/** Appends an audit row; call it with the transaction of the change it records. */
export async function recordAudit(trx: Kysely<Schema>, entry: AuditEntry, now: Date): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      actor_user_id: entry.actorUserId,
      action: entry.action,
      subject: entry.subject,
      detail: JSON.stringify(entry.detail ?? {}),
      created_at: now.toISOString(),
    })
    .execute();
}

/** The newest audit rows first. */
export async function listAudit(db: Kysely<Schema>, { limit = 100 }: { limit?: number } = {}): Promise<AuditRecord[]> {
  const rows = await db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(limit).execute();
  return rows.map((row) => ({
    id: row.id,
    actorUserId: row.actor_user_id,
    action: row.action,
    subject: row.subject,
    detail: JSON.parse(row.detail) as Record<string, unknown>,
    createdAt: row.created_at,
  }));
}
