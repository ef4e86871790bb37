import { fileSize, formatBytes } from './backup-file.js';
import { backupPostgres, restorePostgres } from './postgres-backup.js';
import { libpqEnvironment } from './postgres-tools.js';
import { backupSqlite, restoreSqlite } from './sqlite-backup.js';

// `fortune-sky backup FILE` and `fortune-sky restore FILE`: a whole database to one file and back,
// each dialect its own way (sqlite-backup.ts: the online backup API; postgres-backup.ts: pg_dump's
// custom format). A backup is a consistent snapshot taken while servers run; a restore goes only
// into an empty database, so it can never mix a backup with what is there.

/** What a backup wrote or a restore read: the file, its size and the database, described for people. */
export interface BackupReport {
  file: string;
  bytes: number;
  /** "the SQLite database ./data/fortune-sky.db", "the PostgreSQL database fortune_sky on db:5432" (never a password). */
  database: string;
}

/** What backup and restore may need from the process: its environment (PATH, to find pg_dump and pg_restore). */
export interface BackupOptions {
  env: Record<string, string | undefined>;
}

/** Backs up the database DATABASE_URL names into `file` (replaced whole, never left half-written). */
export async function backupDatabase(databaseUrl: string, file: string, options: BackupOptions): Promise<BackupReport> {
  if (databaseUrl.startsWith('sqlite:')) await backupSqlite(databaseUrl.slice('sqlite:'.length), file);
  else await backupPostgres(databaseUrl, file, options);
  return { file, bytes: fileSize(file), database: describeDatabase(databaseUrl) };
}

/** Restores `file` into the database DATABASE_URL names, which must be empty; refuses, changing nothing, otherwise. */
export async function restoreDatabase(databaseUrl: string, file: string, options: BackupOptions): Promise<BackupReport> {
  if (databaseUrl.startsWith('sqlite:')) await restoreSqlite(databaseUrl.slice('sqlite:'.length), file);
  else await restorePostgres(databaseUrl, file, options);
  return { file, bytes: fileSize(file), database: describeDatabase(databaseUrl) };
}

/** "the SQLite database PATH" or "the PostgreSQL database NAME on HOST:PORT": which database, without credentials. */
export function describeDatabase(databaseUrl: string): string {
  if (databaseUrl.startsWith('sqlite:')) return `the SQLite database ${databaseUrl.slice('sqlite:'.length)}`;
  const { PGHOST: host = 'localhost', PGPORT: port, PGDATABASE: name = '' } = libpqEnvironment(databaseUrl);
  return `the PostgreSQL database ${name} on ${host}${port ? `:${port}` : ''}`;
}

/** "Backed up the SQLite database ./x.db to backup.db (1.2 MB)." */
export function describeBackup({ file, bytes, database }: BackupReport): string {
  return `Backed up ${database} to ${file} (${formatBytes(bytes)}).`;
}

/** "Restored backup.db (1.2 MB) into the SQLite database ./x.db." */
export function describeRestore({ file, bytes, database }: BackupReport): string {
  return `Restored ${file} (${formatBytes(bytes)}) into ${database}.`;
}
