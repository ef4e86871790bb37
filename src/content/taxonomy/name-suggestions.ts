import type { Kysely } from 'kysely';
import type { Schema } from '../../storage/index.js';
import { authorHasPublishedStory, tagHasPublishedStory } from './public-taxonomy.js';

/** What the editor's type-ahead suggests: bylines (authors), topics or tickers. */
export type SuggestionKind = 'bylines' | 'topics' | 'tickers';

/** How a suggestion list is asked: names starting with `prefix`, at most `limit`, and from which stories. */
export interface SuggestionQuery {
  kind: SuggestionKind;
  prefix: string;
  limit: number;
  /** Only names readers can already see (on a published story): what a writer who reads only their own stories may learn. */
  isPublishedOnly: boolean;
}

/**
 * Names of authors, topics or tickers starting with the prefix (any case), shortest first. `lower()` on both
 * sides: LIKE is case-insensitive on SQLite but not on PostgreSQL; wildcards in the prefix are
 * dropped rather than escaped, as SQLite has no default LIKE escape.
 */
export async function suggestNames(db: Kysely<Schema>, query: SuggestionQuery): Promise<string[]> {
  const prefix = query.prefix.toLowerCase().replace(/[%_\\]/g, '');
  if (prefix === '') return [];
  const pattern = `${prefix}%`;
  if (query.kind === 'bylines') {
    let select = db.selectFrom('authors').select('name').where((eb) => eb(eb.fn('lower', ['name']), 'like', pattern));
    if (query.isPublishedOnly) select = select.where(authorHasPublishedStory);
    const rows = await select.orderBy((eb) => eb.fn('length', ['name'])).orderBy('name').limit(query.limit).execute();
    return rows.map((row) => row.name);
  }
  let select = db
    .selectFrom('tags')
    .select('name')
    .where('kind', '=', query.kind === 'tickers' ? 'ticker' : 'topic')
    .where((eb) => eb(eb.fn('lower', ['name']), 'like', pattern));
  if (query.isPublishedOnly) select = select.where(tagHasPublishedStory);
  const rows = await select.orderBy((eb) => eb.fn('length', ['name'])).orderBy('name').limit(query.limit).execute();
  return rows.map((row) => row.name);
}
