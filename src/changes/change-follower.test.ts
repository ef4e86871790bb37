import { afterEach, beforeEach, expect, test } from 'vitest';
import type { ChangeFeed } from '../storage/index.js';
import { testDialect } from '../storage/fresh-database.js';
import { openTwoConnections, type TwoConnections } from '../storage/port-contract-fixture.js';
import { followChangesFromNow } from './change-follower.js';
import { createChangeWriter } from './change-writer.js';

// Two connections to one database, as two processes hold them: `first` follows, `second` writes.
let connections: TwoConnections;
beforeEach(async () => {
  connections = await openTwoConnections(testDialect())();
});
afterEach(() => connections.close());

/** The feed, counting its reads of the log. */
function countingReads(feed: ChangeFeed): { feed: ChangeFeed; reads: () => number } {
  let reads = 0;
  return {
    feed: {
      append: (trx, keys, now) => feed.append(trx, keys, now),
      latestPosition: () => feed.latestPosition(),
      backlogAfter: (position) => feed.backlogAfter(position),
      readAfter: (position, limit) => {
        reads += 1;
        return feed.readAfter(position, limit);
      },
      watch: (onCommit, intervalMs) => feed.watch(onCommit, intervalMs),
      prune: (olderThan) => feed.prune(olderThan),
    },
    reads: () => reads,
  };
}

/** Commits a change dirtying these keys from the other connection (another process: no wakeup reaches the follower). */
const commitElsewhere = (keys: string[]) => createChangeWriter(connections.second).run(new Date(), async (work) => work.dirty(keys));

test('readBeforeServing: a change another process committed before the call is delivered by the time it resolves, with no wakeup', async () => {
  const delivered: string[] = [];
  // Never started: it has no watch, so only a read asked for can deliver.
  const follower = await followChangesFromNow(connections.first.changeFeed, (keys) => delivered.push(...keys));
  await commitElsewhere(['article:7', 'home']);
  expect(delivered).toEqual([]);
  await follower.readBeforeServing();
  expect(delivered).toEqual(['article:7', 'home']);
});

test('readBeforeServing: fifty requests asking at once share the reads of the log (one running, one after it), and each sees what was committed before it asked', async () => {
  const delivered: string[] = [];
  const counted = countingReads(connections.first.changeFeed);
  const follower = await followChangesFromNow(counted.feed, (keys) => delivered.push(...keys));
  await commitElsewhere(['home']);
  const readsBefore = counted.reads();
  await Promise.all(Array.from({ length: 50 }, () => follower.readBeforeServing()));
  expect(delivered).toEqual(['home']);
  // A read runs the log to its end: the batch with the event and an empty one; the shared read after it, one empty batch.
  expect(counted.reads() - readsBefore).toBeLessThanOrEqual(3);
});
