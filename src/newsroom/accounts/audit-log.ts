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

/** The two listings of the audit page: editorial and account events, and failed or refused sign-ins. */
export const AUDIT_KINDS = ['event', 'sign_in_failure'] as const;

/** One listing of the audit log. */
export type AuditKind = (typeof AUDIT_KINDS)[number];

/** Audit rows per page of the audit page. */
export const AUDIT_PAGE_SIZE = 100;

// Anyone on the internet can cause these, in any number: they are kept apart from real events.
// Every sign-in that did not happen is `session.sign_in_…` (failed, refused, …); a success is `session.signed_in`.
const SIGN_IN_FAILURE_PREFIX = 'session.sign_in_';

/** The listing an action belongs to. */
export function auditKindOf(action: string): AuditKind {
  return action.startsWith(SIGN_IN_FAILURE_PREFIX) ? 'sign_in_failure' : 'event';
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
      kind: auditKindOf(entry.action),
    })
    .execute();
}

/** One page of audit rows, newest first. */
export interface AuditPageOfRows {
  entries: AuditRecord[];
  /** The `before` of the next (older) page, or null on the last one. */
  olderBefore: number | null;
}

/**
 * The newest audit rows of one listing first, optionally only those older than the row id
 * `before` (keyset paging: each page costs the same, however deep).
 */
export async function listAudit(
  db: Kysely<Schema>,
  { limit = AUDIT_PAGE_SIZE, kind, before }: { limit?: number; kind?: AuditKind; before?: number } = {},
): Promise<AuditRecord[]> {
  let query = db.selectFrom('audit_log').selectAll();
  if (kind) query = query.where('kind', '=', kind);
  if (before !== undefined) query = query.where('id', '<', before);
  const rows = await query.orderBy('id', 'desc').limit(limit).execute();
  return rows.map((row) => ({
    id: Number(row.id),
    actorUserId: row.actor_user_id,
    action: row.action,
    subject: row.subject,
    detail: JSON.parse(row.detail) as Record<string, unknown>,
    createdAt: row.created_at,
  }));
}

/** One page of a listing for the audit page, and where the next one starts. */
export async function listAuditPage(db: Kysely<Schema>, { kind, before }: { kind: AuditKind; before?: number }): Promise<AuditPageOfRows> {
  const rows = await listAudit(db, { kind, before, limit: AUDIT_PAGE_SIZE + 1 });
  const entries = rows.slice(0, AUDIT_PAGE_SIZE);
  return { entries, olderBefore: rows.length > AUDIT_PAGE_SIZE ? entries[entries.length - 1]!.id : null };
}
