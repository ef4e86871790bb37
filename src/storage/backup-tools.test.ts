import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { AppError } from '../errors.js';
import { backupFileDialect, formatBytes, writeAtomically } from './backup-file.js';
import { describeDatabase } from './backup.js';
import { databaseConninfo, findPostgresTool, libpqEnvironment, postgresToolEnvironment } from './postgres-tools.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'fortune-sky-backup-tools-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function executable(folder: string, name: string): string {
  mkdirSync(folder, { recursive: true });
  const path = join(folder, name);
  writeFileSync(path, '#!/bin/sh\n');
  chmodSync(path, 0o755);
  return path;
}

describe('the connection handed to pg_dump and pg_restore', () => {
  test('travels as libpq environment variables, percent-decoded, password included', () => {
    expect(libpqEnvironment('postgres://news%40desk:p%40ss%2Fw0rd%3A@db.internal:6543/fortune%20sky?sslmode=verify-full&application_name=backup&unknown=1')).toEqual({
      PGHOST: 'db.internal',
      PGPORT: '6543',
      PGUSER: 'news@desk',
      PGPASSWORD: 'p@ss/w0rd:',
      PGDATABASE: 'fortune sky',
      PGSSLMODE: 'verify-full',
      PGAPPNAME: 'backup',
    });
    expect(libpqEnvironment('postgres://db/news?user=app&password=s3cret')).toEqual({ PGHOST: 'db', PGDATABASE: 'news', PGUSER: 'app', PGPASSWORD: 's3cret' });
    // A Unix socket folder goes in ?host= (the URL's host part is then empty).
    expect(libpqEnvironment('postgresql://postgres@/fortune_sky?host=/var/run/postgresql')).toEqual({ PGUSER: 'postgres', PGDATABASE: 'fortune_sky', PGHOST: '/var/run/postgresql' });
  });

  test("drops the process's own PG* settings, so only the URL decides where it connects", () => {
    const env = postgresToolEnvironment('postgres://app@127.0.0.1:5432/news', { PATH: '/usr/bin', PGHOST: 'elsewhere', PGPASSWORD: 'old', PGSERVICE: 'prod', HOME: '/root', UNSET: undefined });
    expect(env).toEqual({ PATH: '/usr/bin', HOME: '/root', PGHOST: '127.0.0.1', PGPORT: '5432', PGUSER: 'app', PGDATABASE: 'news' });
  });

  test('pg_restore is told the database by name only, quoted for libpq', () => {
    expect(databaseConninfo('postgres://u:secret@h/news')).toBe("dbname='news'");
    expect(databaseConninfo("postgres://u@h/it's%5Cnews")).toBe("dbname='it\\'s\\\\news'");
  });

  test('a database is described without its password', () => {
    expect(describeDatabase('postgres://u:secret@db:5432/news')).toBe('the PostgreSQL database news on db:5432');
    expect(describeDatabase('sqlite:./data/fortune-sky.db')).toBe('the SQLite database ./data/fortune-sky.db');
  });
});

describe('finding pg_dump and pg_restore', () => {
  test('PATH first, then the newest of Debian’s /usr/lib/postgresql/N/bin', () => {
    const debian = join(dir, 'lib', 'postgresql');
    executable(join(debian, '13', 'bin'), 'pg_dump');
    const newest = executable(join(debian, '15', 'bin'), 'pg_dump');
    mkdirSync(join(debian, 'not-a-version'));
    expect(findPostgresTool('pg_dump', join(dir, 'empty-bin'), debian)).toBe(newest);
    const onPath = executable(join(dir, 'bin'), 'pg_dump');
    expect(findPostgresTool('pg_dump', `${join(dir, 'empty-bin')}:${join(dir, 'bin')}`, debian)).toBe(onPath);
  });

  test('a file that is not executable does not count; none found is a clear error', () => {
    mkdirSync(join(dir, 'bin'));
    writeFileSync(join(dir, 'bin', 'pg_restore'), 'not a program');
    const error = (() => {
      try {
        findPostgresTool('pg_restore', join(dir, 'bin'), join(dir, 'no-debian'));
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('POSTGRES_TOOL_MISSING');
    expect((error as AppError).message).toMatch(/^pg_restore was not found on PATH or in .*no-debian\/\*\/bin\. .*apt-get install postgresql-client/);
  });
});

describe('backup files', () => {
  test('are told apart by their first bytes', () => {
    const file = (name: string, text: string) => {
      writeFileSync(join(dir, name), text, 'latin1');
      return join(dir, name);
    };
    expect(backupFileDialect(file('a.db', 'SQLite format 3\u0000rest of page'))).toBe('sqlite');
    expect(backupFileDialect(file('a.dump', 'PGDMP\u0001\u000e\u0000'))).toBe('postgres');
    expect(backupFileDialect(file('empty', ''))).toBeUndefined();
    expect(backupFileDialect(file('text', 'SQLite format 2'))).toBeUndefined();
  });

  test('are written whole or not at all: a failed write leaves the previous file and no partial one', async () => {
    const target = join(dir, 'site.backup');
    writeFileSync(target, 'the previous backup');
    await expect(
      writeAtomically(target, async (temporary) => {
        writeFileSync(temporary, 'half of a new');
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    expect(readFileSync(target, 'utf8')).toBe('the previous backup');
    expect(readdirSync(dir)).toEqual(['site.backup']);

    await writeAtomically(target, async (temporary) => writeFileSync(temporary, 'the new backup'));
    expect(readFileSync(target, 'utf8')).toBe('the new backup');
    expect(readdirSync(dir)).toEqual(['site.backup']);
    await expect(writeAtomically(join(dir, 'missing', 'x'), async () => undefined)).rejects.toThrow(/the folder .*missing does not exist/);
    expect(existsSync(join(dir, 'missing'))).toBe(false);
  });

  test('sizes read as people read them', () => {
    expect([formatBytes(0), formatBytes(1023), formatBytes(1024), formatBytes(614_400), formatBytes(5 * 1024 ** 3)]).toEqual(['0 bytes', '1023 bytes', '1.0 KB', '600.0 KB', '5.0 GB']);
  });
});
