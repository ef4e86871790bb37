import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { AppError } from '../errors.js';
import { checkBackupFile, writeAtomically } from './backup-file.js';

// SQLite's online backup API copies the database page by page through a connection of its own.
// Copied in steps, a write by another process between two steps makes SQLite start the copy over
// (a busy server could keep it from ever finishing); copied in one step, the copy is one read
// transaction: a consistent snapshot, taken while servers go on reading and writing (in WAL mode
// readers and the writer do not block each other). better-sqlite3 takes the page count of the
// next step from the progress callback.
const ALL_PAGES = 0x7fffffff;
const inOneStep = { progress: () => ALL_PAGES };

/** Copies the SQLite database at `path` into `file` with the online backup API; consistent while servers write. */
export async function backupSqlite(path: string, file: string): Promise<void> {
  if (path === '' || path === ':memory:') throw new AppError('BACKUP_IN_MEMORY', 'invalid', 'DATABASE_URL names an in-memory SQLite database: it lives only inside one process, so there is nothing to back up.');
  if (!existsSync(path)) throw new AppError('BACKUP_NO_DATABASE', 'invalid', `There is no SQLite database at ${path} (DATABASE_URL): nothing to back up.`);
  // Renamed into place, the backup would replace the live database under the servers that have it open.
  if (DATABASE_FILE_SUFFIXES.some((suffix) => isSameFile(`${path}${suffix}`, file))) {
    throw new AppError('BACKUP_IS_DATABASE', 'invalid', `${file} is the database itself (or one of its files): name another file for the backup.`);
  }
  const source = new SqliteDatabase(path, { fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    await writeAtomically(file, async (temporary) => {
      await source.backup(temporary, inOneStep);
      // A single file: the copy of a WAL database would otherwise grow -wal and -shm files beside
      // it whenever it is opened (to check it, or to restore from it).
      const copy = new SqliteDatabase(temporary, { fileMustExist: true });
      try {
        copy.pragma('journal_mode = DELETE');
      } finally {
        copy.close();
      }
    });
  } finally {
    source.close();
  }
}

// The database file and the files SQLite keeps beside it.
const DATABASE_FILE_SUFFIXES = ['', '-wal', '-shm', '-journal'];

function isSameFile(a: string, b: string): boolean {
  if (resolve(a) === resolve(b)) return true;
  if (!existsSync(a) || !existsSync(b)) return false;
  const [first, second] = [statSync(a), statSync(b)];
  return first.dev === second.dev && first.ino === second.ino;
}

/** Restores a SQLite backup into the database at `path`, which must be empty (no file, or no tables). */
export async function restoreSqlite(path: string, file: string): Promise<void> {
  if (path === '' || path === ':memory:') throw new AppError('BACKUP_IN_MEMORY', 'invalid', 'DATABASE_URL names an in-memory SQLite database: a restore into it would vanish with this process. Name a file (sqlite:PATH).');
  checkBackupFile(file, 'sqlite');
  const source = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  try {
    checkSqliteBackup(source, file);
    const tables = tablesIn(path);
    if (tables.length > 0) {
      throw new AppError(
        'RESTORE_TARGET_NOT_EMPTY',
        'conflict',
        `Not restored from ${file}: the SQLite database at ${path} already has ${tables.length} tables (${tables.slice(0, 3).join(', ')}…). A backup restores only into an empty database: point DATABASE_URL at a new file.`,
      );
    }
    mkdirSync(dirname(resolve(path)), { recursive: true });
    // The backup API again, the other way: the pages of the backup file into the target, under
    // the target's write lock.
    await source.backup(path, inOneStep);
  } finally {
    source.close();
  }
}

/** The tables of the SQLite database at `path` (none when there is no file, or an empty one). */
function tablesIn(path: string): string[] {
  if (!existsSync(path) || statSync(path).size === 0) return [];
  const target = new SqliteDatabase(path, { fileMustExist: true });
  try {
    target.pragma('busy_timeout = 5000');
    return target.prepare<[], { name: string }>("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").all().map((row) => row.name);
  } finally {
    target.close();
  }
}

/** Refuses a file that is a damaged database or some other application's, before anything is written. */
function checkSqliteBackup(source: SqliteDatabase.Database, file: string): void {
  let problem: string | undefined;
  try {
    const check = source.pragma('quick_check', { simple: true });
    if (check !== 'ok') problem = `it is damaged (${String(check)})`;
    else if (!source.prepare("select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'").get()) problem = 'it holds no Fortune Sky schema';
  } catch (error) {
    problem = `it cannot be read (${error instanceof Error ? error.message : String(error)})`;
  }
  if (problem) throw new AppError('RESTORE_FILE_UNREADABLE', 'invalid', `${file} is not a usable Fortune Sky backup: ${problem}. Nothing was restored.`);
}
