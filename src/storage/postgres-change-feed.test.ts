import { expect, test } from 'vitest';
import { describeChangeFeedContract } from './change-feed.contract.js';
import { openTwoPostgresConnections } from './port-contract-fixture.js';

describeChangeFeedContract('PostgreSQL', openTwoPostgresConnections);

// With several writers, a sequence id is drawn at insert but seen at commit: without appends taking
// turns, a follower could read a later, higher id first, move past the lower one, and never purge
// what the lower one dirtied. (SQLite has one writer at a time, so this is PostgreSQL's own test.)
test('a follower misses no change when two writers append at once and the first to append commits last', async () => {
  const connections = await openTwoPostgresConnections();
  try {
    const { first, second } = connections;
    const at = new Date('2026-01-01T00:00:00Z');
    let position = await second.changeFeed.latestPosition();
    const seen: string[] = [];
    const follow = async () => {
      const { events } = await second.changeFeed.readAfter(position);
      for (const event of events) seen.push(...event.keys);
      position = events.at(-1)?.id ?? position;
    };

    let commitSlow!: () => void;
    const slowMayCommit = new Promise<void>((resolve) => (commitSlow = resolve));
    let slowAppended!: () => void;
    const slowHasAppended = new Promise<void>((resolve) => (slowAppended = resolve));
    const slow = first.db.transaction().execute(async (trx) => {
      await first.changeFeed.append(trx, ['article:slow'], at);
      slowAppended();
      await slowMayCommit;
    });
    await slowHasAppended;
    const fast = second.db.transaction().execute((trx) => second.changeFeed.append(trx, ['article:fast'], at));
    // The follower reads while the slow writer has appended but not committed.
    await new Promise((resolve) => setTimeout(resolve, 200));
    await follow();
    commitSlow();
    await Promise.all([slow, fast]);
    await follow();
    expect(seen.sort()).toEqual(['article:fast', 'article:slow']);
  } finally {
    await connections.close();
  }
});
