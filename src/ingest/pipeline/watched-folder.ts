import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { Kysely } from 'kysely';
import { createPeriodicTask, oneRunAtATime } from '../../background-task.js';
import { AppError } from '../../errors.js';
import type { Schema, Writer } from '../../storage/index.js';
import { parseNinjsFile } from '../ninjs/parse-ninjs-file.js';
import type { IncomingItem } from './incoming-item.js';
import { ingestItems, type IngestSummary } from './ingest-items.js';
import { catchUpDuplicateIndex, refreshSectionModel, type IngestTools } from './ingest-tools.js';
import { refreshTickerDetector } from '../../markets/instruments/index.js';
import { findSourceByName, insertSource, type IngestSource } from './source-store.js';

/** Files taken per scan, and the largest read: a drop of many large files is worked through over several scans. */
export const FILES_PER_SCAN = 20;
export const MAX_DROP_BYTES = 50 * 1024 * 1024;
const DROP_NAME = /\.(json|ndjson|jsonl)$/i;

/** What became of one dropped file. */
export interface DropReport {
  file: string;
  outcome: 'done' | 'failed';
  summary?: IngestSummary;
  reason?: string;
}

/** What a watched folder needs. */
export interface WatchedFolderOptions {
  dir: string;
  writer: Writer;
  db: Kysely<Schema>;
  tools: IngestTools;
  now: () => Date;
  timeZone: string;
  language: string;
  /** Hears what became of each file. */
  onReport?: (report: DropReport) => void;
  /** Hears a scan that failed (the next one tries again). */
  onError?: (error: unknown) => void;
}

/** A watched folder's scans: run now (tests), every so often (start), and stopped after the one in progress (close). */
export interface WatchedFolder {
  scan(): Promise<DropReport[]>;
  start(intervalMs: number): void;
  close(): Promise<void>;
}

/**
 * A folder agencies drop ninjs files into (one object, an array, or NDJSON): each scan claims up
 * to 20 files by moving them into `processing/` (a rename: of two instances scanning one folder,
 * one gets each file), ingests their items as the source named for the folder (created on first
 * use, policy draft; its policy, section and credit can be changed, and it disabled, on the sources
 * page), and moves each to `done/` or to `failed/` with a `.reason.txt` beside it.
 */
export function createWatchedFolder(options: WatchedFolderOptions): WatchedFolder {
  const dir = resolve(options.dir);
  const folders = { processing: join(dir, 'processing'), done: join(dir, 'done'), failed: join(dir, 'failed') };

  async function folderSource(): Promise<IngestSource> {
    const name = `Folder ${basename(dir)}`;
    const existing = await findSourceByName(options.db, name);
    if (existing) return existing;
    const settings = { name, url: `file://${dir}`, format: 'ninjs', pollSeconds: 60, defaultSection: null, policy: 'draft' as const, credit: basename(dir), isEnabled: true };
    await insertSource(options.db, settings, options.now());
    return (await findSourceByName(options.db, name))!;
  }

  async function ingestFile(source: IngestSource, claimed: string, name: string): Promise<DropReport> {
    try {
      if ((await stat(claimed)).size > MAX_DROP_BYTES) throw new AppError('INGEST_DROP_TOO_LARGE', 'invalid', `larger than ${MAX_DROP_BYTES / 1024 / 1024} MB`);
      const inputs = parseNinjsFile(name, await readFile(claimed, 'utf8'), { language: options.language, source: source.credit });
      const items: IncomingItem[] = inputs.map(({ status: _status, ...input }) => ({
        input,
        provenance: { guid: input.uri, originalUrl: input.canonicalUrl ?? undefined, publishedAt: input.publishedAt ?? undefined, updatedAt: input.updatedAt ?? undefined },
        images: [],
      }));
      const summary = await ingestItems(options.writer, source, items, options.tools, { now: options.now(), timeZone: options.timeZone });
      await rename(claimed, join(folders.done, name));
      return { file: name, outcome: 'done', summary };
    } catch (error) {
      if (!(error instanceof AppError)) {
        // Not the file's fault (the database went away): back in the folder, for the next scan.
        await rename(claimed, join(dir, name));
        throw error;
      }
      await rename(claimed, join(folders.failed, name));
      await writeFile(join(folders.failed, `${name}.reason.txt`), `${error.message}\n`);
      return { file: name, outcome: 'failed', reason: error.message };
    }
  }

  async function scanOnce(): Promise<DropReport[]> {
    const names = (await readdir(dir, { withFileTypes: true })).filter((entry) => entry.isFile() && DROP_NAME.test(entry.name)).map((entry) => entry.name).sort().slice(0, FILES_PER_SCAN);
    if (names.length === 0) return [];
    for (const folder of Object.values(folders)) await mkdir(folder, { recursive: true });
    const source = await folderSource();
    // Disabled on the sources page: the files wait in the folder until it is enabled again.
    if (!source.isEnabled) return [];
    // Trained off the request path, here in the worker, when the archive has grown.
    await refreshSectionModel(options.db, options.tools, options.now());
    await refreshTickerDetector(options.db, options.tools);
    await catchUpDuplicateIndex(options.db, options.tools, options.now());
    const reports: DropReport[] = [];
    for (const name of names) {
      const claimed = join(folders.processing, name);
      try {
        await rename(join(dir, name), claimed);
      } catch (error) {
        // Another instance claimed it first.
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw error;
      }
      const report = await ingestFile(source, claimed, name);
      options.onReport?.(report);
      reports.push(report);
    }
    return reports;
  }

  // One scan at a time; close() waits for the one in progress: the database must not close under it.
  const scanInTurn = oneRunAtATime(scanOnce);
  let lastScan: Promise<unknown> = Promise.resolve();
  const scan = () => {
    const run = scanInTurn();
    lastScan = run.catch(() => undefined);
    return run;
  };
  const task = createPeriodicTask(scan, options.onError);
  return {
    scan,
    start: (intervalMs) => task.start(intervalMs),
    async close() {
      task.stop();
      await lastScan;
    },
  };
}
