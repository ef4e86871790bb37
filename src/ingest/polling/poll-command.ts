import type { SourcesCommandIo } from '../pipeline/index.js';
import { findSource, holdPoll, isPolled, listSources, releasePoll } from '../pipeline/index.js';
import { pollSource, type PollContext, type PollReport } from './poll-source.js';

/** One poll's outcome as a line: what was taken, or why nothing was. */
export function describePoll(report: PollReport): string {
  const head = `${report.sourceId} ${report.sourceName}: ${report.outcome}`;
  if (report.reason) return `${head} — ${report.reason}`;
  const summary = report.summary;
  if (!summary) return `${head}, nothing new since the last poll`;
  const counts = [`${summary.added + summary.published} new`, `${summary.updated} updated`, `${summary.unchanged} unchanged`, `${summary.duplicates} duplicates`];
  if (report.itemsSkipped > 0) counts.push(`${report.itemsSkipped} skipped`);
  return `${head}, ${counts.join(', ')}`;
}

/**
 * Runs `fortune-sky sources poll [ID]` in this process: polls one source, or every enabled feed
 * source one after another, and prints each outcome (its next poll is scheduled as by the server's
 * worker). Each source's poll job is held meanwhile, as the worker's claim would be: a source a
 * worker is polling at that moment is skipped with a line saying so. 0 when every poll was recorded, whatever the feed answered; 1 for an unknown or
 * unpolled ID; 2 for a bad argument.
 */
export async function runPollCommand(args: string[], context: PollContext, io: SourcesCommandIo): Promise<number> {
  if (args.length > 1 || (args.length === 1 && !/^[1-9]\d{0,15}$/.test(args[0]!))) {
    io.error('Usage: fortune-sky sources poll [ID] — name one source by its id (fortune-sky sources list), or none to poll every enabled one.');
    return 2;
  }
  let ids: number[];
  if (args.length === 1) {
    const source = await findSource(context.db, Number(args[0]));
    if (!source) {
      io.error(`There is no such source: ${args[0]} (fortune-sky sources list).`);
      return 1;
    }
    if (!isPolled(source)) {
      io.error(`Source ${source.id} (${source.name}) is not polled: it is disabled, or a watched folder.`);
      return 1;
    }
    ids = [source.id];
  } else {
    ids = (await listSources(context.db)).filter(isPolled).map((source) => source.id);
    if (ids.length === 0) io.out('No enabled feed sources to poll.');
  }
  const holder = `cli:${process.pid}`;
  for (const id of ids) {
    // The source's job is held while it is polled here: a worker's poll of it and this one never overlap.
    if (!(await holdPoll(context.db, id, holder, context.clock.now()))) {
      io.out(`${id}: being polled by a server right now; its outcome will be on the source's page (fortune-sky sources list).`);
      continue;
    }
    try {
      const report = await pollSource(context, id);
      // Gone or disabled meanwhile.
      if (report) io.out(describePoll(report));
    } finally {
      await releasePoll(context.db, id, holder);
    }
  }
  return 0;
}
