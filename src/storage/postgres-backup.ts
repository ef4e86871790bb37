import pg from 'pg';
import { AppError } from '../errors.js';
import { checkBackupFile, writeAtomically } from './backup-file.js';
import { databaseConninfo, findPostgresTool, postgresToolEnvironment, runPostgresTool } from './postgres-tools.js';

// pg_dump reads the whole database in one repeatable-read transaction, so the archive is a
// consistent snapshot while servers go on writing. The custom format (-Fc) is compressed and
// restored by pg_restore, which also sets every sequence to where it stood (the next story gets a
// new id, not one a restored story holds).

/** What backup and restore need to run PostgreSQL's client programs: the process environment (PATH, and nothing of PG* passes). */
export interface PostgresToolOptions {
  env: Record<string, string | undefined>;
}

/** Dumps the PostgreSQL database at `databaseUrl` into `file` (pg_dump custom format). */
export async function backupPostgres(databaseUrl: string, file: string, { env }: PostgresToolOptions): Promise<void> {
  const pgDump = findPostgresTool('pg_dump', env.PATH);
  await writeAtomically(file, async (temporary) => {
    try {
      // --no-password: fail at once instead of waiting for a password on a terminal.
      await runPostgresTool(pgDump, ['--format=custom', '--no-password', `--file=${temporary}`], postgresToolEnvironment(databaseUrl, env));
    } catch (error) {
      throw new AppError('BACKUP_FAILED', 'unavailable', `${file}: pg_dump failed, nothing was written: ${(error as Error).message}`);
    }
  });
}

/** Restores a pg_dump custom-format archive into the PostgreSQL database at `databaseUrl`, which must be empty (no tables, views or sequences). */
export async function restorePostgres(databaseUrl: string, file: string, { env }: PostgresToolOptions): Promise<void> {
  checkBackupFile(file, 'postgres');
  const pgRestore = findPostgresTool('pg_restore', env.PATH);
  const toolEnv = postgresToolEnvironment(databaseUrl, env);
  // The archive's table of contents: readable, and a Fortune Sky database's (it has the migrations table).
  let contents: string;
  try {
    contents = await runPostgresTool(pgRestore, ['--list', file], toolEnv);
  } catch (error) {
    throw new AppError('RESTORE_FILE_UNREADABLE', 'invalid', `${file} cannot be read by pg_restore, nothing was restored: ${(error as Error).message}`);
  }
  if (!/ TABLE \S+ kysely_migration /.test(contents)) throw new AppError('RESTORE_FILE_UNREADABLE', 'invalid', `${file} is not a usable Fortune Sky backup: it holds no Fortune Sky schema. Nothing was restored.`);

  const relations = await relationsIn(databaseUrl);
  if (relations.length > 0) {
    throw new AppError(
      'RESTORE_TARGET_NOT_EMPTY',
      'conflict',
      `Not restored from ${file}: the PostgreSQL database ${toolEnv.PGDATABASE ?? ''} already has ${relations.length} tables, views or sequences (${relations.slice(0, 3).join(', ')}…). A backup restores only into an empty database: create one (createdb, CREATE DATABASE) and point DATABASE_URL at it.`,
    );
  }
  try {
    // One transaction, stopping at the first error: the database ends up with all of it or none.
    // Owners and grants are the restoring role's: the roles of the machine the backup came from
    // need not exist here.
    await runPostgresTool(pgRestore, ['--single-transaction', '--exit-on-error', '--no-owner', '--no-privileges', '--no-password', `--dbname=${databaseConninfo(databaseUrl)}`, file], toolEnv);
  } catch (error) {
    throw new AppError('RESTORE_FAILED', 'unavailable', `${file}: pg_restore failed and nothing was restored: ${(error as Error).message}`);
  }
}

/** The tables, views and sequences of a PostgreSQL database outside the system schemas (pg_catalog, pg_toast, other sessions' pg_temp…). */
async function relationsIn(databaseUrl: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const result = await client.query<{ name: string }>(
      `select n.nspname || '.' || c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where c.relkind in ('r', 'p', 'v', 'm', 'S', 'f') and n.nspname <> 'information_schema' and n.nspname not like 'pg\\_%'
       order by 1`,
    );
    return result.rows.map((row) => row.name);
  } finally {
    await client.end();
  }
}
