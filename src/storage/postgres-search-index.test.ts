import { sql } from 'kysely';
import { expect, test } from 'vitest';
import { describeSearchIndexContract } from './search-index.contract.js';
import { openTwoPostgresConnections } from './port-contract-fixture.js';

describeSearchIndexContract('PostgreSQL', openTwoPostgresConnections);

test('PostgreSQL keeps a story-sized document in the entry row, not in the TOAST table (migration 015)', async () => {
  const connections = await openTwoPostgresConnections();
  try {
    const { db } = connections.first;
    // A story of about 800 words from a vocabulary of 400: a tsvector of some 5 KB.
    const words = Array.from({ length: 800 }, (_, i) => `word${(i * 37) % 400}x`).join(' ');
    await sql`INSERT INTO sections (slug, name, description, position) VALUES ('markets', 'Markets', '', 0)`.execute(db);
    const { rows } = await sql<{ id: number }>`
      INSERT INTO articles (uri, slug, url_date, status, title, dek, excerpt, teaser, body_html, section_id, language, canonical_url, source, word_count, published_at, updated_at, created_at, modified_at, revision)
      SELECT 'urn:toast', 'toast', '2026-05-01', 'draft', 'Toast', '', NULL, '', '', id, 'en', NULL, 'test', 0, NULL, NULL, '2026-05-01T00:00:00Z', '2026-05-01T00:00:00Z', 1 FROM sections
      RETURNING id`.execute(db);
    await sql`INSERT INTO search_entries (article_id, key, document) VALUES (${rows[0]!.id}, 1, to_tsvector('english', ${words}))`.execute(db);
    const { rows: sizes } = await sql<{ document_bytes: number; toast_bytes: string }>`
      SELECT (SELECT pg_column_size(document) FROM search_entries) AS document_bytes,
             pg_relation_size(reltoastrelid) AS toast_bytes
      FROM pg_class WHERE relname = 'search_entries'`.execute(db);
    expect(sizes[0]!.document_bytes).toBeGreaterThan(2_500);
    expect(Number(sizes[0]!.toast_bytes)).toBe(0);
  } finally {
    await connections.close();
  }
});
