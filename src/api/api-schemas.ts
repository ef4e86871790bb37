import { z } from 'zod';
import { TAG_KINDS } from '../content/taxonomy/index.js';
import { MAX_QUERY_CHARACTERS } from '../search/index.js';
import { SEARCH_MATCH_LIMIT } from '../storage/index.js';
import { MAX_CURSOR_LENGTH } from './cursor.js';
import { PushedQuoteSchema, QuoteBatchReportSchema, QuoteBatchSchema, RefusedQuoteSchema } from './market-schemas.js';
import { ProblemSchema } from './problem-details.js';

// The shapes the Content API answers with and the queries it takes: the one source of the
// presenters' types, of response checking (every response is checked against its schema as it is
// serialized) and of the OpenAPI document.

const Slug = z.string().regex(/^[a-z0-9-]{1,200}$/, 'must be a slug: lower-case letters, digits and hyphens');
const Time = z.iso.datetime().describe('ISO 8601 time in UTC.');
const PageUrl = z.url().describe('The page on the site.');

/** A section as a story names it. */
export const SectionRefSchema = z.object({ slug: z.string(), name: z.string(), url: PageUrl });

/** A section of the publication. */
export const SectionSchema = SectionRefSchema.extend({ description: z.string() });

/** A person on a byline. */
export const BylineSchema = z.object({ name: z.string(), slug: z.string(), url: PageUrl.describe('Their author page.') });

/** A tag as a story carries it. */
export const TopicSchema = z.object({
  slug: z.string(),
  name: z.string(),
  kind: z.enum(TAG_KINDS).describe('What the tag names: a topic, a person, an organisation, a place or a ticker.'),
  url: PageUrl.describe('Its topic page.'),
});

/** An author with a public byline. */
export const AuthorSchema = BylineSchema.extend({ bio: z.string() });

/** A story's hero image: its largest variant. */
export const ImageSchema = z.object({
  url: z.url(),
  width: z.int().positive().nullable(),
  height: z.int().positive().nullable(),
  alt: z.string(),
  caption: z.string().nullable(),
  credit: z.string().nullable(),
});

/** A story as lists show it (no body). */
export const ArticleSummarySchema = z.object({
  id: z.int().positive().describe('Stable id: GET /api/v1/articles/{id}.'),
  url: PageUrl.describe("The story's page."),
  path: z.string().describe("The story's path on the site, /yyyy/mm/dd/slug/."),
  title: z.string(),
  teaser: z.string(),
  section: SectionRefSchema,
  bylines: z.array(BylineSchema),
  topics: z.array(TopicSchema).describe('Its tags, in the order the newsroom gave them.'),
  publishedAt: Time.describe('First published (UTC).'),
  modifiedAt: Time.describe('Last changed in any way readers can see (UTC): an update, a correction.'),
  image: ImageSchema.nullable(),
});

/** A public correction note. */
export const CorrectionSchema = z.object({ text: z.string(), publishedAt: Time });

/** A story in full. */
export const ArticleSchema = ArticleSummarySchema.extend({
  uri: z.string().describe('Stable external id (the ninjs uri).'),
  dek: z.string(),
  bodyHtml: z.string().describe('The body as sanitized HTML.'),
  updatedAt: Time.nullable().describe('When a material update was made, shown to readers as "Updated" (UTC); null if none.'),
  canonicalUrl: z.url().nullable(),
  source: z.string().describe('Provenance: own reporting, a wire, a feed.'),
  language: z.string().describe('BCP 47 language tag.'),
  wordCount: z.int().nonnegative(),
  corrections: z.array(CorrectionSchema),
});

/** A story as IPTC ninjs 3.x (validated against the IPTC schema by the tests; its shape is IPTC's). */
export const NinjsSchema = z.looseObject({ uri: z.string() }).describe('An IPTC ninjs 3.1 item: https://www.iptc.org/std/ninjs/');

function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page.'),
    next: z.url().nullable().describe('The next page, ready to fetch; null on the last page.'),
  });
}

/** One page of stories. */
export const ArticlePageSchema = pageOf(ArticleSummarySchema);
/** One page of topics. */
export const TopicPageSchema = pageOf(TopicSchema);
/** One page of authors. */
export const AuthorPageSchema = pageOf(AuthorSchema);
/** A story found by a search: as lists show it, with its snippet. */
export const SearchResultSchema = ArticleSummarySchema.extend({
  snippetHtml: z
    .string()
    .describe('About 30 words of the dek or the body opening that hold the most of the searched words, as HTML: the text is escaped and the matched words are in `<mark>`, nothing else is markup.'),
});

/** One page of a search. */
export const SearchPageSchema = z.object({
  items: z.array(SearchResultSchema),
  total: z.int().nonnegative().describe(`How many stories matched, counted up to ${SEARCH_MATCH_LIMIT} (only the newest ${SEARCH_MATCH_LIMIT} matches are ranked and paged).`),
  moreMatch: z.boolean().describe(`Older stories may match too: more than ${SEARCH_MATCH_LIMIT} matched (show "${SEARCH_MATCH_LIMIT}+"), or a phrase search checked its window of newest candidates.`),
  page: z.int().positive(),
  next: z.url().nullable().describe('The next page, ready to fetch; null on the last page.'),
  notices: z
    .array(z.string())
    .describe('What the search left out or could not use, as the search page tells readers: words past the 10th, an operator with nothing to act on, an unknown section, topic or author (then every one is searched).'),
});

/** Every section. */
export const SectionListSchema = z.object({ items: z.array(SectionSchema) });

/** A story among the most read: its place, its views and the story. */
export const MostReadEntrySchema = z.object({
  rank: z.int().positive().describe('1 for the most read.'),
  views: z.int().nonnegative().describe('Views of its page by readers in the last 24 hours, as of the last ranking (recomputed at most once a minute; crawlers, prefetches and HEAD requests are not counted).'),
  article: ArticleSummarySchema,
});
/** The most read stories, most first. */
export const MostReadListSchema = z.object({ items: z.array(MostReadEntrySchema) });

/** The longest most-read list a client may ask for. */
export const MAX_MOST_READ = 10;

/** The most-read query: the whole site or one section, and how many. */
export const MostReadQuerySchema = z.strictObject({
  section: Slug.optional().describe("Only this section's most read (slug); an unknown section has none."),
  limit: z.coerce.number().int().min(1).max(MAX_MOST_READ).default(5).describe(`How many stories, 1 to ${MAX_MOST_READ} (5 by default).`),
});

/** The largest page a client may ask for. */
export const MAX_PAGE_SIZE = 100;

const PageQuery = {
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(20).describe(`Items per page, 1 to ${MAX_PAGE_SIZE} (20 by default).`),
  cursor: z.string().max(MAX_CURSOR_LENGTH).optional().describe('The `nextCursor` of the previous page; leave out for the first page.'),
};

/** The stories list's query: filters and the page. Unknown parameters are refused (a typo would otherwise silently widen the list). */
export const ArticleListQuerySchema = z.strictObject({
  section: Slug.optional().describe('Only stories in this section (slug).'),
  topic: Slug.optional().describe('Only stories carrying this tag (slug).'),
  author: Slug.optional().describe('Only stories with this byline (author slug).'),
  updatedSince: z.iso.datetime({ offset: true }).optional().describe('Only stories modified at or after this time (ISO 8601 with Z or an offset).'),
  ...PageQuery,
});

/** One story by its path. */
export const ArticleByPathQuerySchema = z.strictObject({
  path: z.string().max(300).describe("The story's path, /yyyy/mm/dd/slug/ (a former path finds the story too)."),
});

/** The topics list's query. */
export const TopicListQuerySchema = z.strictObject({ kind: z.enum(TAG_KINDS).optional().describe('Only tags of this kind.'), ...PageQuery });

/** The authors list's query. */
export const AuthorListQuerySchema = z.strictObject(PageQuery);

/** The most search results a page holds. */
export const MAX_SEARCH_PAGE_SIZE = 50;

/** A search's query. The text follows the search page's query language; the rest is checked strictly. */
export const SearchQuerySchema = z.strictObject({
  q: z
    .string()
    .min(1)
    .max(MAX_QUERY_CHARACTERS)
    .describe(
      `What to look for, at most ${MAX_QUERY_CHARACTERS} characters: words (all must match, stemmed), "a phrase", a prefix* (3 letters at least), -word or -"phrase" to leave out, and OR (in capitals) between alternatives. Malformed syntax is read as the search page reads it (an unbalanced quote runs to the end; lone operators are dropped, with a notice).`,
    ),
  section: Slug.optional().describe('Only stories in this section (slug).'),
  topic: Slug.optional().describe('Only stories carrying this tag (slug).'),
  author: Slug.optional().describe('Only stories with this byline (author slug).'),
  from: z.iso.date().optional().describe('Only stories first published on or after this day (YYYY-MM-DD, in the site\'s time zone).'),
  to: z.iso.date().optional().describe('Only stories first published on or before this day (YYYY-MM-DD, in the site\'s time zone).'),
  sort: z.enum(['relevance', 'date']).default('relevance').describe('Most relevant first (title, topic, ticker and byline hits weigh more; newer stories a little more), or newest first.'),
  limit: z.coerce.number().int().min(1).max(MAX_SEARCH_PAGE_SIZE).default(20).describe(`Results per page, 1 to ${MAX_SEARCH_PAGE_SIZE} (20 by default).`),
  page: z.coerce
    .number()
    .int()
    .min(1)
    .max(SEARCH_MATCH_LIMIT)
    .default(1)
    .describe(`The page, from 1; pages reach the ${SEARCH_MATCH_LIMIT}th match at most (page × limit).`),
});

/** A story id in the path (checked by the route: a 400 that names the id, not a schema message). */
export const ArticleIdParamsSchema = z.object({ id: z.string().describe('The story id, a whole number.') });

/** Schemas named as components of the OpenAPI document (each appears once there, referred to by name). */
export const NAMED_SCHEMAS = {
  Article: ArticleSchema,
  ArticleSummary: ArticleSummarySchema,
  ArticlePage: ArticlePageSchema,
  SearchResult: SearchResultSchema,
  SearchPage: SearchPageSchema,
  Ninjs: NinjsSchema,
  Section: SectionSchema,
  SectionRef: SectionRefSchema,
  SectionList: SectionListSchema,
  Topic: TopicSchema,
  TopicPage: TopicPageSchema,
  Author: AuthorSchema,
  AuthorPage: AuthorPageSchema,
  Byline: BylineSchema,
  Image: ImageSchema,
  Correction: CorrectionSchema,
  MostReadEntry: MostReadEntrySchema,
  MostReadList: MostReadListSchema,
  QuoteBatch: QuoteBatchSchema,
  PushedQuote: PushedQuoteSchema,
  QuoteBatchReport: QuoteBatchReportSchema,
  RefusedQuote: RefusedQuoteSchema,
  Problem: ProblemSchema,
} as const;

/**
 * Names NAMED_SCHEMAS in zod's global registry, when the API is set up (not on import). That
 * registry is where zod keeps every `.describe()`, so the document's descriptions come from it too.
 * Naming again changes nothing (several apps in one process share the schemas).
 */
export function nameApiSchemas(): void {
  for (const [id, schema] of Object.entries(NAMED_SCHEMAS)) z.globalRegistry.add(schema, { ...z.globalRegistry.get(schema), id });
}
