// Whatever a reader types, the parsed query runs on the database of the run (SQLite FTS5 or
// PostgreSQL tsquery) without an error: no text reaches either dialect's query syntax unquoted.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createWriter, migrateToLatest, openDatabase, type Database } from '../storage/index.js';
import { createFreshDatabase, type FreshDatabase } from '../storage/fresh-database.js';
import { parseSearchQuery } from './query-parser.js';

const syntax = fc.constantFrom('"', '*', '-', '+', '!', 'OR', 'AND', 'NOT', 'NEAR(', '(', ')', ':', ':*', '&', '|', '<->', '<2>', '{title}', '^', "'", "''", '\\', '\u0000', '\u0001');
const piece = fc.oneof(fc.constantFrom('steel', 'tariffs', 'the', 'Straße', '中国', '📈', 'U.S.', 'x1'), syntax, fc.string({ maxLength: 5, unit: 'binary' }));
const junk = fc.oneof(
  fc.array(fc.tuple(piece, fc.constantFrom(' ', '')), { maxLength: 30 }).map((parts) => parts.map(([p, gap]) => p + gap).join('')),
  fc.string({ maxLength: 200, unit: 'binary' }),
);

describe('parsed queries on the database', () => {
  let fresh: FreshDatabase;
  let database: Database;

  beforeAll(async () => {
    fresh = await createFreshDatabase();
    database = openDatabase(fresh.url);
    await migrateToLatest(database.db, database.dialect);
    const writer = createWriter({ db: database.db, dialect: database.dialect, searchIndex: database.searchIndex, recordChange: async () => undefined });
    await writer.run(new Date(), async ({ trx, reindex }) => {
      const section = await trx.insertInto('sections').values({ slug: 'markets', name: 'Markets', description: '', position: 0 }).returning('id').executeTakeFirstOrThrow();
      const { id } = await trx
        .insertInto('articles')
        .values({
          uri: 'urn:syntax:1',
          slug: 'steel',
          url_date: '2026-01-01',
          status: 'published',
          title: 'Steel tariffs (NOT over) in the U.S.',
          dek: '',
          excerpt: null,
          teaser: '',
          body_html: '<p>Straße 中国 📈 x1 "quoted" NEAR talks</p>',
          section_id: Number(section.id),
          language: 'en',
          canonical_url: null,
          source: 'test',
          word_count: 8,
          published_at: '2026-01-01T00:00:00.000Z',
          updated_at: null,
          created_at: '2026-01-01T00:00:00.000Z',
          modified_at: '2026-01-01T00:00:00.000Z',
          revision: 1,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      reindex([Number(id)]);
    });
  });
  afterAll(async () => {
    await database?.close();
    await fresh?.remove();
  });

  test('any input parses to a query the index runs, or to nothing to search for', async () => {
    await fc.assert(
      fc.asyncProperty(junk, async (input) => {
        const parsed = parseSearchQuery(input);
        if (parsed.kind === 'nothing') return;
        const matches = await database.searchIndex.search({ query: parsed.query, filter: {}, sort: 'relevance', offset: 0, limit: 20, now: new Date() });
        expect(matches.total).toBeLessThanOrEqual(1);
      }),
      { numRuns: 300 },
    );
  });
});
