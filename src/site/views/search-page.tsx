import { articlePath } from '../../content/articles/index.js';
import { MAX_QUERY_CHARACTERS, RESULTS_PER_PAGE, SEARCH_PARAMETERS, type SearchHit, type SearchOutcome, type SearchParams, type SearchScope, type SnippetPart } from '../../search/index.js';
import { SEARCH_PATH } from '../../syndication/index.js';
import { TimeStamp } from './story-parts.js';

/** What the search page shows: the request as asked, what came of it, and the sections its filter offers. */
export interface SearchPageProps {
  params: SearchParams;
  outcome: SearchOutcome;
  sections: { slug: string; name: string }[];
  timeZone: string;
}

/** The reader's search: a form that works without JavaScript, then help, a message or one page of results. */
export function SearchPage({ params, outcome, sections, timeZone }: SearchPageProps) {
  return (
    <section class="search" aria-labelledby="search-title">
      <h1 id="search-title" class="page-title">Search</h1>
      <SearchForm params={params} outcome={outcome} sections={sections} />
      {outcome.notices.length > 0 && (
        <ul class="search-notices">
          {outcome.notices.map((notice) => (
            <li key={notice}>{notice}</li>
          ))}
        </ul>
      )}
      {outcome.kind === 'blank' && <SearchHelp />}
      {outcome.kind === 'nothing' && (
        <>
          <p class="search-message" role="status">{outcome.message}</p>
          <SearchHelp />
        </>
      )}
      {outcome.kind === 'results' && <SearchResults params={params} outcome={outcome} timeZone={timeZone} />}
    </section>
  );
}

function SearchForm({ params, outcome, sections }: Omit<SearchPageProps, 'timeZone'>) {
  const { scope } = outcome;
  return (
    <form class="search-form" action={SEARCH_PATH} method="get" role="search" aria-label="Search stories">
      <p class="search-box">
        <label for="search-q">Search stories</label>
        <input id="search-q" type="search" name="q" value={params.q} maxLength={MAX_QUERY_CHARACTERS} autocomplete="off" />
        <button type="submit">Search</button>
      </p>
      <fieldset class="search-filters">
        <legend>Narrow it down</legend>
        <label>
          Section{' '}
          <select name="section">
            <option value="">All sections</option>
            {sections.map((section) => (
              <option key={section.slug} value={section.slug} selected={scope.section?.slug === section.slug}>
                {section.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          From <input type="date" name="from" value={scope.from ?? ''} />
        </label>
        <label>
          To <input type="date" name="to" value={scope.to ?? ''} />
        </label>
        <label>
          Sort by{' '}
          <select name="sort">
            <option value="relevance" selected={params.sort === 'relevance'}>Relevance</option>
            <option value="date" selected={params.sort === 'date'}>Newest first</option>
          </select>
        </label>
        {scope.topic && <input type="hidden" name="topic" value={scope.topic.slug} />}
        {scope.author && <input type="hidden" name="author" value={scope.author.slug} />}
      </fieldset>
      {(scope.topic || scope.author) && (
        <p class="search-scope">
          {scope.topic && (
            <>
              Within the topic <a href={`/topic/${scope.topic.slug}/`}>{scope.topic.name}</a>{' '}
              (<a href={searchHref(params, outcome.scope, { topic: undefined, page: undefined })}>search every topic</a>){' '}
            </>
          )}
          {scope.author && (
            <>
              By <a href={`/author/${scope.author.slug}/`}>{scope.author.name}</a>{' '}
              (<a href={searchHref(params, outcome.scope, { author: undefined, page: undefined })}>search every author</a>)
            </>
          )}
        </p>
      )}
    </form>
  );
}

/** How to search, shown before the first search and when there was nothing to search for. */
function SearchHelp() {
  return (
    <section class="search-help" aria-labelledby="search-help-title">
      <h2 id="search-help-title">How to search</h2>
      <ul>
        <li>Type words that the story should contain, such as a company, a person, a ticker or a topic: <code>copper tariffs</code> finds stories with both words.</li>
        <li>Put a phrase in quotes: <code>"rate cut"</code>.</li>
        <li>End a word with a star to find the words it begins: <code>infla*</code> finds inflation and inflationary.</li>
        <li>Put a minus before a word to leave it out: <code>bitcoin -mining</code>.</li>
        <li>Write OR in capitals between words for either one: <code>Fed OR ECB rates</code>.</li>
      </ul>
      <p>Headlines, topics, tickers and bylines count most, and recent stories come first among equally good matches.</p>
    </section>
  );
}

function SearchResults({ params, outcome, timeZone }: { params: SearchParams; outcome: Extract<SearchOutcome, { kind: 'results' }>; timeZone: string }) {
  const { hits, total, hasMore, page, pageCount } = outcome;
  const first = (page - 1) * RESULTS_PER_PAGE + 1;
  if (total === 0) {
    return (
      <>
        <p class="search-message" role="status">No stories match “{params.q}”. Try fewer or other words, or fewer filters.</p>
        <SearchHelp />
      </>
    );
  }
  const count = `${total.toLocaleString('en-US')}${hasMore ? '+' : ''} ${total === 1 ? 'story' : 'stories'}`;
  if (hits.length === 0) {
    return (
      <p class="search-message" role="status">
        No more results here: {count} match, on {pageCount === 1 ? 'page 1' : `pages 1 to ${pageCount}`}.{' '}
        <a href={searchHref(params, outcome.scope, { page: undefined })}>Back to the first page</a>
      </p>
    );
  }
  return (
    <>
      <p class="search-count" role="status">
        {count} {params.sort === 'date' ? 'newest first' : 'by relevance'}
        {pageCount > 1 && ` · ${first.toLocaleString('en-US')}–${(first + hits.length - 1).toLocaleString('en-US')}`}
        {hasMore && ' (older stories may match too: add words or filters to narrow the search)'}
      </p>
      <ol class="story-list search-results" start={first}>
        {hits.map((hit) => (
          <SearchResult key={hit.story.id} hit={hit} timeZone={timeZone} />
        ))}
      </ol>
      {pageCount > 1 && (
        <nav class="pager" aria-label="Result pages">
          {page > 1 && page <= pageCount ? <a href={searchHref(params, outcome.scope, { page: page === 2 ? undefined : String(page - 1) })} rel="prev">← Previous page</a> : <span />}
          {page < pageCount ? <a href={searchHref(params, outcome.scope, { page: String(page + 1) })} rel="next">Next page →</a> : <span />}
        </nav>
      )}
    </>
  );
}

function SearchResult({ hit: { story, snippet }, timeZone }: { hit: SearchHit; timeZone: string }) {
  return (
    <li>
      <p class="meta">
        <a class="kicker" href={`/${story.sectionSlug}/`}>{story.sectionName}</a> <TimeStamp iso={story.publishedAt} timeZone={timeZone} />
        {story.bylines.length > 0 && ' · By '}
        {story.bylines.map((byline, index) => (
          <>
            {index > 0 && (index === story.bylines.length - 1 ? ' and ' : ', ')}
            {byline.name}
          </>
        ))}
      </p>
      <h2>
        <a href={articlePath(story)}>{story.title}</a>
      </h2>
      <Snippet parts={snippet} />
    </li>
  );
}

/** The snippet as text runs: Preact escapes each, and only the matched words become <mark>. */
function Snippet({ parts }: { parts: SnippetPart[] }) {
  if (parts.length === 0) return null;
  return <p class="snippet">{parts.map((part, index) => (part.isMatch ? <mark key={index}>{part.text}</mark> : part.text))}</p>;
}

/** A link to the same search (its known filters) with some parameters changed (undefined removes one), in a fixed order. */
function searchHref(params: SearchParams, scope: SearchScope, changes: Partial<Record<(typeof SEARCH_PARAMETERS)[number], string | undefined>>): string {
  const current: Record<string, string | undefined> = {
    q: params.q,
    sort: params.sort === 'date' ? 'date' : undefined,
    section: scope.section?.slug,
    topic: scope.topic?.slug,
    author: scope.author?.slug,
    from: scope.from,
    to: scope.to,
    page: params.page > 1 ? String(params.page) : undefined,
    ...changes,
  };
  const query = new URLSearchParams();
  for (const name of SEARCH_PARAMETERS) {
    const value = current[name];
    if (value !== undefined) query.append(name, value);
  }
  return `${SEARCH_PATH}?${query.toString()}`;
}
