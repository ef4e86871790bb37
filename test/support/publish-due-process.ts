/**
 * A second scheduler on the same database file, for tests of several processes publishing at once:
 * `node --import tsx test/support/publish-due-process.ts DATABASE_URL NOW_ISO START_AT_MS`.
 * Waits until START_AT_MS, runs the app's scheduled publisher (a job worker claiming the due
 * `story.publish` jobs) with its clock at NOW_ISO, and prints the ids it published as JSON.
 */
import { createChangeWriter } from '../../src/changes/index.js';
import { createScheduledPublisher } from '../../src/jobs/index.js';
import { recordAudit } from '../../src/newsroom/accounts/index.js';
import { openDatabase } from '../../src/storage/index.js';

const [databaseUrl, now, startAt] = process.argv.slice(2);
const database = openDatabase(databaseUrl!);
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt) - Date.now())));
try {
  const publisher = createScheduledPublisher({
    writer: createChangeWriter(database),
    queue: database.jobQueue,
    workerId: `publish-due-process:${process.pid}`,
    clock: { now: () => new Date(now!) },
    timeZone: 'UTC',
    audit: recordAudit,
  });
  console.log(JSON.stringify(await publisher.runDue()));
} finally {
  await database.close();
}
