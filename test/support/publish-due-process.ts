/**
 * A second scheduler on the same database file, for tests of several processes publishing at once:
 * `node --import tsx test/support/publish-due-process.ts DATABASE_URL NOW_ISO START_AT_MS`.
 * Waits until START_AT_MS, publishes what is due at NOW_ISO through the app's scheduler operation,
 * and prints the ids it published as JSON.
 */
import { createChangeWriter } from '../../src/changes/index.js';
import { publishDueStories } from '../../src/content/index.js';
import { recordAudit } from '../../src/newsroom/accounts/audit-log.js';
import { openDatabase } from '../../src/storage/index.js';

const [databaseUrl, now, startAt] = process.argv.slice(2);
const database = openDatabase(databaseUrl!);
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt) - Date.now())));
try {
  const ids = await publishDueStories(createChangeWriter(database), { now: new Date(now!), timeZone: 'UTC', actor: { userId: null, name: 'Scheduler' }, audit: recordAudit });
  console.log(JSON.stringify(ids));
} finally {
  await database.close();
}
