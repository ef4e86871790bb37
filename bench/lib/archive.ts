import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A working copy of a generated archive of n synthetic stories. The generated file is kept in
 * bench/.data (as `npm run bench` keeps it) and copied, so a run that writes never spoils it.
 */
export function copyGeneratedArchive(root: string, n: number, workDir: string, log: (message: string) => void): string {
  const dataDir = join(root, 'bench', '.data');
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, `articles-${n}.db`);
  if (!existsSync(file)) {
    const partial = `${file}.partial`;
    for (const f of [partial, `${partial}-wal`, `${partial}-shm`]) rmSync(f, { force: true });
    log(`generating ${n.toLocaleString('en-US')} synthetic stories…`);
    execFileSync(process.execPath, [join(root, 'dist', 'fortune-sky.js'), 'demo', 'generate', '--articles', String(n)], {
      env: { ...process.env, DATABASE_URL: `sqlite:${partial}`, SITE_TIMEZONE: 'Asia/Shanghai', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    renameSync(partial, file);
  }
  const copy = join(workDir, `articles-${n}.db`);
  copyFileSync(file, copy);
  // A closed database has folded its write-ahead log back; copy it anyway if one was left.
  if (existsSync(`${file}-wal`)) copyFileSync(`${file}-wal`, `${copy}-wal`);
  return copy;
}
