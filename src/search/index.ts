// Search: the query language (our own parser), the search the reader site and the API
// run, and snippets with the matched words marked. The index itself is the storage port
// SearchIndex; stories keep it in step through the unit of work. The only file other modules import.
export { MAX_QUERY_CHARACTERS, MAX_TERMS, MIN_PREFIX_LENGTH, parseSearchQuery, type ParsedSearch } from './query-parser.js';
export { calendarDateParameter, parseSearchParams, SEARCH_PARAMETERS, type SearchParams } from './search-params.js';
export { MAX_RESULT_PAGES, nextDay, RESULTS_PER_PAGE, searchStories, startOfDay, type SearchHit, type SearchOutcome, type SearchScope, type SearchServiceOptions } from './search-service.js';
export { snippetToHtml, type SnippetPart } from './snippet.js';
