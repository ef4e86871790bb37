import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { openDatabase, type Database } from './database.js';
import { createFreshDatabase, type FreshDatabase } from './fresh-database.js';
import { migrateToLatest } from './migrate.js';
import { createWriter, type Writer } from './unit-of-work.js';

let fresh: FreshDatabase;
let database: Database;
let writer: Writer;
let recorded: string[][];
let afterCommitSaw: number[];
let steps: string[];
const now = new Date('2026-05-01T09:00:00Z');

const countSections = async () => Number((await database.db.selectFrom('sections').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

beforeEach(async () => {
  fresh = await createFreshDatabase();
  database = openDatabase(fresh.url);
  await migrateToLatest(database.db, database.dialect);
  recorded = [];
  afterCommitSaw = [];
  steps = [];
  writer = createWriter({
    db: database.db,
    dialect: database.dialect,
    searchIndex: {
      refresh: async (_trx, articleIds) => {
        steps.push(`reindex ${articleIds.join(',')}`);
      },
    },
    recordChange: async (_trx, keys) => {
      recorded.push(keys);
      steps.push('record change');
    },
    // What the change feed would read: the committed state.
    afterCommit: async () => {
      afterCommitSaw.push(await countSections());
    },
  });
});
afterEach(async () => {
  await database.close();
  await fresh.remove();
});

const addSection = (slug: string) => writer.run(now, async ({ trx, dirty }) => {
  await trx.insertInto('sections').values({ slug, name: slug, description: '', position: 9 }).execute();
  dirty([`section:${slug}`, 'home', 'home']);
});

describe('createWriter', () => {
  test('records the dirtied keys once each with the change, and runs afterCommit once the change is committed', async () => {
    await addSection('energy');
    expect(recorded).toEqual([['section:energy', 'home']]);
    expect(afterCommitSaw).toEqual([1]);
  });

  test('a change that dirties nothing records no event and purges nothing', async () => {
    await writer.run(now, async ({ trx }) => {
      await trx.insertInto('sections').values({ slug: 'quiet', name: 'Quiet', description: '', position: 9 }).execute();
    });
    expect(await countSections()).toBe(1);
    expect([recorded, afterCommitSaw]).toEqual([[], []]);
  });

  test('refreshes the search entries of the stories an operation names, once each, inside its transaction and before the change event', async () => {
    await writer.run(now, async ({ dirty, reindex }) => {
      reindex([3, 1]);
      reindex([3]);
      dirty(['home']);
    });
    expect(steps).toEqual(['reindex 3,1', 'record change']);
    await writer.run(now, async () => undefined);
    expect(steps).toHaveLength(2);
  });

  test('a failed operation writes nothing, records nothing and purges nothing', async () => {
    const failed = writer.run(now, async ({ trx, dirty }) => {
      await trx.insertInto('sections').values({ slug: 'gone', name: 'Gone', description: '', position: 9 }).execute();
      dirty(['home']);
      throw new Error('refused');
    });
    await expect(failed).rejects.toThrow('refused');
    expect(await countSections()).toBe(0);
    expect([recorded, afterCommitSaw]).toEqual([[], []]);
  });
});
