import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { AppError } from '../errors.js';
import type { Dialect } from './migration-context.js';

// What backup files look like and how they are written, whatever the dialect: a SQLite backup is
// a SQLite database file, a PostgreSQL backup a pg_dump custom-format archive. Each starts with
// its format's magic, so restore can tell a backup of the other database from a stray file.

const MAGIC: Record<Dialect, string> = { sqlite: 'SQLite format 3\u0000', postgres: 'PGDMP' };

/** Which database a backup file was taken from, by its first bytes; undefined for anything else (or an empty file). */
export function backupFileDialect(file: string): Dialect | undefined {
  const head = Buffer.alloc(16);
  const fd = openSync(file, 'r');
  try {
    const length = readSync(fd, head, 0, head.length, 0);
    const text = head.subarray(0, length).toString('latin1');
    return (Object.keys(MAGIC) as Dialect[]).find((dialect) => text.startsWith(MAGIC[dialect]));
  } finally {
    closeSync(fd);
  }
}

/** The size of a file in bytes. */
export function fileSize(file: string): number {
  return statSync(file).size;
}

/**
 * Writes a backup under a temporary name beside FILE, then renames it into place: FILE is only
 * ever a whole backup (a failed or killed backup leaves the previous FILE, if any, as it was).
 */
export async function writeAtomically(file: string, write: (temporaryFile: string) => Promise<void>): Promise<void> {
  const folder = dirname(resolve(file));
  if (!existsSync(folder)) throw new AppError('BACKUP_FOLDER_MISSING', 'invalid', `${file}: the folder ${folder} does not exist; create it first.`);
  const temporary = join(folder, `.${basename(file)}.${randomBytes(4).toString('hex')}.partial`);
  try {
    await write(temporary);
    renameSync(temporary, file);
  } finally {
    rmSync(temporary, { force: true });
  }
}

/** Refuses a restore from a file that is missing or not a backup of this dialect, naming the file. */
export function checkBackupFile(file: string, dialect: Dialect): void {
  if (!existsSync(file) || !statSync(file).isFile()) throw new AppError('RESTORE_FILE_UNREADABLE', 'invalid', `${file}: no such file.`);
  const found = backupFileDialect(file);
  if (found === dialect) return;
  const names: Record<Dialect, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL' };
  if (found) {
    throw new AppError(
      'RESTORE_WRONG_DATABASE',
      'invalid',
      `${file} is a backup of a ${names[found]} database, and DATABASE_URL names a ${names[dialect]} one. A backup restores into the same kind of database; to move stories between the two, use fortune-sky export and import.`,
    );
  }
  throw new AppError('RESTORE_FILE_UNREADABLE', 'invalid', `${file} is not a Fortune Sky backup (neither a SQLite database nor a pg_dump custom-format archive).`);
}

/** "1.2 MB": a size as people read it. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}
