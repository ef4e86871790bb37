import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** File keys are content hashes under a two-character folder: nothing else may be read or written. */
export const FILE_KEY_PATTERN = /^[0-9a-f]{2}\/[0-9a-f]{32}\.(jpg|png|webp|avif)$/;

/** Where media files live on disk. */
export interface MediaFileStore {
  /** Absolute path of a file key (which must match FILE_KEY_PATTERN). */
  pathOf(fileKey: string): string;
  /**
   * Writes files, each to a temporary name first and then renamed into place, so a reader never
   * sees half a file. Returns the keys this call created (files already there, from an identical
   * upload, are left alone and not returned, so a later clean-up cannot remove them).
   */
  writeAll(files: { fileKey: string; data: Buffer }[]): Promise<string[]>;
  /** Removes files (used to undo writeAll when the database row could not be written). */
  removeAll(fileKeys: string[]): Promise<void>;
  /**
   * A fresh path under `.incoming/` for an upload being received (never a valid file key, so
   * never served); the caller removes it when the upload is done, whatever happened.
   */
  createTemporaryPath(): Promise<string>;
  /**
   * Removes temporary uploads older than `olderThanMs` (left by a process that stopped mid-upload).
   * Younger ones may belong to another instance sharing the folder, so they stay.
   */
  removeStaleTemporaryFiles(now: Date, olderThanMs: number): Promise<number>;
}

/** Folder under the media directory where uploads are written while they are received. */
export const INCOMING_FOLDER = '.incoming';

/** A file store under a directory. */
export function createMediaFileStore(dir: string): MediaFileStore {
  function pathOf(fileKey: string): string {
    if (!FILE_KEY_PATTERN.test(fileKey)) throw new Error(`Not a media file key: ${fileKey}`);
    return join(dir, fileKey);
  }

  async function exists(path: string): Promise<boolean> {
    return stat(path).then(
      () => true,
      () => false,
    );
  }

  async function removeAll(fileKeys: string[]): Promise<void> {
    await Promise.all(fileKeys.map((key) => rm(pathOf(key), { force: true })));
  }

  return {
    pathOf,
    removeAll,
    async createTemporaryPath() {
      const incoming = join(dir, INCOMING_FOLDER);
      await mkdir(incoming, { recursive: true });
      return join(incoming, `${randomBytes(12).toString('hex')}.upload`);
    },
    async removeStaleTemporaryFiles(now, olderThanMs) {
      const incoming = join(dir, INCOMING_FOLDER);
      const names = await readdir(incoming).catch(() => [] as string[]);
      let removed = 0;
      for (const name of names.filter((entry) => entry.endsWith('.upload'))) {
        const path = join(incoming, name);
        const info = await stat(path).catch(() => undefined);
        if (info && info.mtimeMs < now.getTime() - olderThanMs) {
          await rm(path, { force: true });
          removed += 1;
        }
      }
      return removed;
    },
    async writeAll(files) {
      const created: string[] = [];
      try {
        for (const file of files) {
          const path = pathOf(file.fileKey);
          if (created.includes(file.fileKey) || (await exists(path))) continue;
          await mkdir(dirname(path), { recursive: true });
          const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
          try {
            await writeFile(temporary, file.data, { flag: 'wx' });
            await rename(temporary, path);
          } catch (error) {
            await rm(temporary, { force: true });
            throw error;
          }
          created.push(file.fileKey);
        }
        return created;
      } catch (error) {
        await removeAll(created);
        throw error;
      }
    },
  };
}
