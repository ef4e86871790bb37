import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import type { Clock } from '../../clock.js';
import type { StoryAuditWriter } from '../../content/stories/index.js';
import { AppError } from '../../errors.js';
import type { Schema } from '../../storage/index.js';
import { addSource } from './source-service.js';
import { formatInterval } from './source-settings.js';
import { listSources } from './source-store.js';

/** Usage of `fortune-sky sources`. */
export const SOURCES_USAGE = `Usage:
  fortune-sky sources add URL [--name N] [--section S] [--policy draft|publish] [--every 5m]
                        [--format rss|atom|json|ninjs] [--credit C] [--disabled]
                        add a feed (name: the address's host; items wait on the desk unless
                        --policy publish; polled every 5 minutes unless --every)
  fortune-sky sources list
                        every source with its state, last success, last error and items taken
  fortune-sky sources poll [ID]
                        poll one source (or every enabled feed source) now, printing each outcome`;

/** Where the command writes. */
export interface SourcesCommandIo {
  out(line: string): void;
  error(line: string): void;
}

/** Runs `fortune-sky sources …`; returns the exit code. */
export async function runSourcesCommand(db: Kysely<Schema>, args: string[], { clock, audit, io }: { clock: Clock; audit: StoryAuditWriter; io: SourcesCommandIo }): Promise<number> {
  const [action, ...rest] = args;
  if (action === 'list' && rest.length === 0) return listCommand(db, io);
  if (action !== 'add') {
    io.error(SOURCES_USAGE);
    return 2;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        name: { type: 'string' },
        section: { type: 'string' },
        policy: { type: 'string' },
        every: { type: 'string' },
        format: { type: 'string' },
        credit: { type: 'string' },
        disabled: { type: 'boolean' },
      },
    });
  } catch (error) {
    io.error(`${(error as Error).message}\n\n${SOURCES_USAGE}`);
    return 2;
  }
  const [url, ...extra] = parsed.positionals;
  if (!url || extra.length > 0) {
    io.error(`Name one feed address.\n\n${SOURCES_USAGE}`);
    return 2;
  }
  const { disabled, ...options } = parsed.values;
  const name = options.name ?? (URL.canParse(url) ? new URL(url).host : url);
  try {
    const id = await addSource(db, { ...options, url, name, enabled: disabled ? undefined : 'on' }, { actorUserId: null, now: clock.now(), audit, via: 'cli' });
    io.out(`Added source ${id}: ${name} <${url}>.`);
    return 0;
  } catch (error) {
    if (!(error instanceof AppError) || error.kind !== 'invalid') throw error;
    const fields = Object.entries(error.details).map(([field, message]) => `  ${field === 'url' ? 'URL' : `--${field}`}: ${message}`);
    io.error(`The source was not added:\n${fields.join('\n') || error.message}`);
    return 1;
  }
}

async function listCommand(db: Kysely<Schema>, io: SourcesCommandIo): Promise<number> {
  const sources = await listSources(db);
  if (sources.length === 0) {
    io.out('No sources yet: add one with fortune-sky sources add URL');
    return 0;
  }
  io.out(['id', 'name', 'state', 'policy', 'last success', 'last error', 'items', 'url'].join('\t'));
  for (const source of sources) {
    const state = source.isEnabled ? `every ${formatInterval(source.pollSeconds)}` : 'disabled';
    const lastError = source.lastErrorAt ? `${source.lastErrorAt} ${source.lastError ?? ''}`.trim() : '-';
    io.out([source.id, source.name, state, source.policy, source.lastSuccessAt ?? '-', lastError, source.itemsTaken, source.url].join('\t'));
  }
  return 0;
}
