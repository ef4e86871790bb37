import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import { AppError } from '../../errors.js';
import type { Schema, Transaction } from '../../storage/index.js';

/** How far an earlier import of the same file got. */
export interface ImportRun {
  itemsDone: number;
  isCompleted: boolean;
}

// The head of a file that names it, with its size: enough to tell exports apart without reading a gigabyte.
const HEAD_BYTES = 1024 * 1024;

/** A key for an export file by what it holds (its size and its first megabyte), not by its name: a renamed copy resumes too. */
export async function importRunKey(kind: string, file: string): Promise<string> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw new AppError('IMPORT_UNREADABLE', 'invalid', `${file}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  try {
    const { size } = await handle.stat();
    const head = Buffer.alloc(Math.min(size, HEAD_BYTES));
    await handle.read(head, 0, head.length, 0);
    return `${kind}:${size}:${createHash('sha256').update(head).digest('hex').slice(0, 32)}`;
  } finally {
    await handle.close();
  }
}

/** The run of this key, if one was started. */
export async function findImportRun(db: Kysely<Schema>, runKey: string): Promise<ImportRun | undefined> {
  const row = await db.selectFrom('import_runs').select(['items_done', 'completed_at']).where('run_key', '=', runKey).executeTakeFirst();
  return row && { itemsDone: Number(row.items_done), isCompleted: row.completed_at !== null };
}

/** Records, inside a batch's transaction, that the first `itemsDone` items are in; a finished run says so. */
export async function recordImportRun(trx: Transaction, run: { runKey: string; file: string; itemsDone: number; isCompleted: boolean }, now: Date): Promise<void> {
  const at = now.toISOString();
  const completedAt = run.isCompleted ? at : null;
  await trx
    .insertInto('import_runs')
    .values({ run_key: run.runKey, file: run.file, items_done: run.itemsDone, started_at: at, updated_at: at, completed_at: completedAt })
    .onConflict((oc) => oc.column('run_key').doUpdateSet({ file: run.file, items_done: run.itemsDone, updated_at: at, completed_at: completedAt }))
    .execute();
}
