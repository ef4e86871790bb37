import { join } from 'node:path';
import { expect, test } from 'vitest';
import { readDemoSet } from '../../src/demo/load-demo.js';
import { openDatabase } from '../../src/storage/index.js';
import { startCli, startServe, type CliProcess } from '../support/cli-process.js';
import { createFreshDatabase } from '../../src/storage/fresh-database.js';


// Several processes starting at once on one new SQLite file (servers and CLI commands) used to race
// the migrations ("table sections already exists") and each seed the database. Repeated, because a
// race shows only sometimes.
test.each([1, 2, 3])('four migrates and two servers started at once on a new file all succeed and seed it once (round %i)', async (round) => {
  const fresh = await createFreshDatabase();
  const databaseUrl = fresh.url;
  const env = { DATABASE_URL: databaseUrl, MEDIA_DIR: join(fresh.dir, 'media') };
  const migrates = Array.from({ length: 4 }, () => startCli(['migrate'], env));
  const servers = await Promise.allSettled([startServe(env), startServe(env)]);
  const started = servers.flatMap((server) => (server.status === 'fulfilled' ? [server.value] : []));
  try {
    const failures = servers.flatMap((server) => (server.status === 'rejected' ? [String(server.reason)] : []));
    expect(failures).toEqual([]);
    const codes = await Promise.all(migrates.map((migrate) => migrate.exited));
    expect(codes, migrates.map((migrate) => migrate.output()).join('\n')).toEqual([0, 0, 0, 0]);

    // Each server says what it did about the owner account: a new link, or where the earlier one is.
    await Promise.all(started.map((server) => server.waitFor(/The newsroom has no accounts yet[^\n]*\n/)));
    const said = (pattern: RegExp) => started.filter((server: CliProcess) => pattern.test(server.output())).length;
    expect(said(/Loaded \d+ demo stories/)).toBe(1);
    expect(said(/Create the owner \(works once/)).toBe(1);

    const database = openDatabase(databaseUrl);
    try {
      const sections = await database.db.selectFrom('sections').select('slug').orderBy('position').execute();
      expect(sections.map((section) => section.slug)).toEqual(['markets', 'business', 'industries', 'internet']);
      const demoCount = readDemoSet().articles.length;
      expect(await database.db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).toEqual({ n: demoCount });
      expect(await database.db.selectFrom('revisions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).toEqual({ n: demoCount });
      expect(await database.db.selectFrom('setup_tokens').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).toEqual({ n: 1 });
    } finally {
      await database.close();
    }
  } finally {
    for (const server of started) server.child.kill();
    for (const migrate of migrates) migrate.child.kill();
    await Promise.all([...started, ...migrates].map((process) => process.exited));
    await fresh.remove();
  }
}, 120_000);
