import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { createMediaFileStore } from './media-files.js';

const dirs: string[] = [];
function store() {
  const dir = mkdtempSync(join(tmpdir(), 'fortune-sky-files-'));
  dirs.push(dir);
  return { dir, files: createMediaFileStore(dir) };
}
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const keyA = `ab/${'a'.repeat(32)}.jpg`;
const keyB = `cd/${'b'.repeat(32)}.webp`;

describe('media file store', () => {
  test('writes files in place, leaves no temporary files, and reports what it created', async () => {
    const { dir, files } = store();
    expect(await files.writeAll([{ fileKey: keyA, data: Buffer.from('A') }, { fileKey: keyB, data: Buffer.from('B') }])).toEqual([keyA, keyB]);
    expect(readFileSync(join(dir, keyA), 'utf8')).toBe('A');
    expect(readdirSync(join(dir, 'ab'))).toEqual([`${'a'.repeat(32)}.jpg`]);
  });

  test('files already there (an identical upload) are not reported, so a clean-up cannot remove them', async () => {
    const { dir, files } = store();
    await files.writeAll([{ fileKey: keyA, data: Buffer.from('A') }]);
    const created = await files.writeAll([{ fileKey: keyA, data: Buffer.from('A') }, { fileKey: keyB, data: Buffer.from('B') }]);
    expect(created).toEqual([keyB]);
    await files.removeAll(created);
    expect(existsSync(join(dir, keyA))).toBe(true);
    expect(existsSync(join(dir, keyB))).toBe(false);
  });

  test('refuses keys that are not content hashes (no path traversal)', async () => {
    const { files } = store();
    expect(() => files.pathOf('../etc/passwd')).toThrow();
    await expect(files.writeAll([{ fileKey: 'ab/../../x.jpg', data: Buffer.from('x') }])).rejects.toThrow();
  });

  test('temporary uploads live under .incoming (never a file key); stale ones are removed, fresh ones kept', async () => {
    const { dir, files } = store();
    const stale = await files.createTemporaryPath();
    const fresh = await files.createTemporaryPath();
    expect(stale.startsWith(join(dir, '.incoming'))).toBe(true);
    expect(stale).not.toBe(fresh);
    writeFileSync(stale, 'half an upload');
    writeFileSync(fresh, 'an upload in progress');
    const now = new Date();
    const twoHoursAgo = new Date(now.getTime() - 2 * 60 * 60 * 1000);
    utimesSync(stale, twoHoursAgo, twoHoursAgo);
    expect(await files.removeStaleTemporaryFiles(now, 60 * 60 * 1000)).toBe(1);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(fresh)).toBe(true);
    expect(() => files.pathOf(`.incoming/${fresh.slice(fresh.lastIndexOf('/') + 1)}`)).toThrow();
  });
});
