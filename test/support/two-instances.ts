/**
 * Two `fortune-sky serve` processes started at the same moment on one new database of the dialect
 * under test (a SQLite file, or a PostgreSQL database of their own), as an operator runs several
 * instances behind a load balancer, with the test's own connection to look inside.
 *
 *   const site = await startTwoInstances({ DEMO_CONTENT: 'true' });
 *   const [onA, onB] = await site.signInEditor();
 *   …
 *   await site.stop();
 */
import { join } from 'node:path';
import { createUser } from '../../src/newsroom/index.js';
import { openDatabase, type Database } from '../../src/storage/index.js';
import { createFreshDatabase } from '../../src/storage/fresh-database.js';
import { startServe, type CliProcess } from './cli-process.js';
import { signInOverHttp, type HttpNewsroomSession } from './newsroom-http.js';

/** A running `fortune-sky serve` process and its base URL. */
export type ServeProcess = CliProcess & { baseUrl: string };

/** Two instances on one database. */
export interface TwoInstances {
  /** The environment both were started with (DATABASE_URL, MEDIA_DIR, SITE_URL…), for CLI commands on the same site. */
  env: Record<string, string>;
  /** Instance A and instance B. */
  instances: [ServeProcess, ServeProcess];
  /** The test's own connection to the database. */
  database: Database;
  /** Creates an editor account (in the database, as `fortune-sky user create` does) and signs it in on A and on B. */
  signInEditor(email?: string): Promise<[HttpNewsroomSession, HttpNewsroomSession]>;
  /** Ends both processes and drops the database. */
  stop(): Promise<void>;
}

const PASSWORD = 'correct horse battery staple';

/** Starts two servers at once on a fresh database; env adds to (or overrides) the defaults. */
export async function startTwoInstances(env: Record<string, string> = {}): Promise<TwoInstances> {
  const fresh = await createFreshDatabase();
  // SITE_URL is fixed, so every instance renders the same bytes (by default it names the instance's own port).
  const fullEnv = { DATABASE_URL: fresh.url, MEDIA_DIR: join(fresh.dir, 'media'), SITE_URL: 'http://news.test', DEMO_CONTENT: 'false', ...env };
  const started = await Promise.allSettled([startServe(fullEnv), startServe(fullEnv)]);
  const running = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const stopProcesses = async () => {
    for (const instance of running) instance.child.kill();
    await Promise.all(running.map((instance) => instance.exited));
  };
  if (running.length < 2) {
    await stopProcesses();
    await fresh.remove();
    throw new Error(`An instance did not start: ${started.flatMap((result) => (result.status === 'rejected' ? [String(result.reason)] : [])).join('\n')}`);
  }
  const database = openDatabase(fresh.url);
  return {
    env: fullEnv,
    instances: running as [ServeProcess, ServeProcess],
    database,
    async signInEditor(email = 'desk@news.test') {
      await createUser(database.db, { email, name: 'Desk Editor', role: 'editor', password: PASSWORD }, { actorUserId: null, now: new Date(), via: 'test' });
      return Promise.all([signInOverHttp(running[0]!.baseUrl, email, PASSWORD), signInOverHttp(running[1]!.baseUrl, email, PASSWORD)]);
    },
    async stop() {
      await stopProcesses();
      await database.close();
      await fresh.remove();
    },
  };
}

/** A published story's address, /yyyy/mm/dd/slug/, as the database has it. */
export async function articlePathOf(database: Database, id: number): Promise<string> {
  const row = await database.db.selectFrom('articles').select(['slug', 'url_date']).where('id', '=', id).executeTakeFirstOrThrow();
  if (!row.url_date) throw new Error(`Story ${id} has never been published: it has no address.`);
  return `/${row.url_date.replaceAll('-', '/')}/${row.slug}/`;
}
