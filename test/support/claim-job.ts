/**
 * A worker that claims one due job and then hangs, holding its claim, until it is killed: the
 * "process that died mid-job" of the job-queue tests. Usage: claim-job.ts DATABASE_URL KIND LEASE_MS
 */
import { openDatabase } from '../../src/storage/index.js';

const [databaseUrl, kind, leaseMs] = process.argv.slice(2);
const database = openDatabase(databaseUrl!);
const job = await database.jobQueue.claim({ kinds: [kind!], claimant: 'doomed-worker', now: new Date(), leaseMs: Number(leaseMs) });
console.log(job ? `claimed ${job.kind} ${job.key}` : 'nothing due');
setInterval(() => {}, 60_000);
