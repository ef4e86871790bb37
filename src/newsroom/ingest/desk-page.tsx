import { formatDisplayTime } from '../../content/articles/index.js';
import type { DeskEntry, DeskFilter, IngestSource, StoredItem } from '../../ingest/pipeline/index.js';
import { Button, NewsroomLayout, type NewsroomPageContext } from '../ui/index.js';
import { ItemActions, STATUS_LABELS, SuggestionSummary, SuggestionTable } from './desk-parts.js';

/** Props of the ingest desk. */
export interface DeskPageProps {
  page: NewsroomPageContext;
  entries: DeskEntry[];
  sources: IngestSource[];
  filter: DeskFilter;
  /** The id to continue from for older items, when there are more. */
  olderThan?: number;
  notice?: string;
  timeZone: string;
}

function filterQuery(filter: DeskFilter, beforeId: number): string {
  const query = new URLSearchParams();
  if (filter.sourceId !== undefined) query.set('source', String(filter.sourceId));
  if (filter.status) query.set('status', filter.status);
  query.set('before', String(beforeId));
  return `?${query.toString()}`;
}

/** /newsroom/ingest/: items newest first, filtered by source and status, each with its suggestions, its duplicates, and Take and Spike. */
export function DeskPage({ page, entries, sources, filter, olderThan, notice, timeZone }: DeskPageProps) {
  return (
    <NewsroomLayout page={page} title="Ingest desk" active="ingest" notice={notice}>
      <p>
        Copy from the <a href="/newsroom/sources/">sources</a>, newest first. Take an item to make it a draft in the workflow, with the suggested section, topics and tickers
        applied; spike what will not run. Other sources’ versions of a story are listed under it.
      </p>
      <form method="get" action="/newsroom/ingest/" class="nr-inline-form" aria-label="Filter the desk">
        <div class="nr-field">
          <label for="filter-source">Source</label>
          <select id="filter-source" name="source">
            <option value="">All sources</option>
            {sources.map((source) => (
              <option key={source.id} value={String(source.id)} selected={filter.sourceId === source.id}>
                {source.name}
              </option>
            ))}
          </select>
        </div>
        <div class="nr-field">
          <label for="filter-status">Status</label>
          <select id="filter-status" name="status">
            <option value="">All but duplicates</option>
            {Object.entries(STATUS_LABELS).map(([status, label]) => (
              <option key={status} value={status} selected={filter.status === status}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <Button variant="secondary">Filter</Button>
      </form>
      {entries.length === 0 ? (
        <p>Nothing on the desk{filter.sourceId !== undefined || filter.status ? ' for this filter' : ' yet'}.</p>
      ) : (
        <ol class="nr-list" aria-label="Items">
          {entries.map(({ item, sourceName, duplicates }) => (
            <li key={item.id}>
              <h2 class="nr-item-title">
                <a href={`/newsroom/ingest/${item.id}/`}>{item.title}</a>
              </h2>
              <p class="nr-meta">
                {sourceName} · <time dateTime={item.receivedAt}>{formatDisplayTime(item.receivedAt, timeZone)}</time> · {STATUS_LABELS[item.status]}
                {item.revisedAt && ' · revised by its source'}
              </p>
              <SuggestionSummary suggestions={item.suggestions} />
              <ItemActions item={item} csrfToken={page.csrfToken} />
              {duplicates.length > 0 && (
                <ul class="nr-duplicates" aria-label={`Other sources of: ${item.title}`}>
                  {duplicates.map((d) => (
                    <li key={d.item.id}>
                      <a href={`/newsroom/ingest/${d.item.id}/`}>{d.item.title}</a> <span class="nr-meta">{`${d.sourceName}, ${d.item.duplicateScore === 1 ? 'same copy or link' : `alike ${Math.round((d.item.duplicateScore ?? 0) * 100)} %`}`}</span>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
      {olderThan !== undefined && (
        <p>
          <a href={`/newsroom/ingest/${filterQuery(filter, olderThan)}`}>Older items</a>
        </p>
      )}
    </NewsroomLayout>
  );
}

/** Props of one item's page. */
export interface DeskItemPageProps {
  page: NewsroomPageContext;
  item: StoredItem;
  sourceName: string;
  /** The copy as paragraphs of plain text. */
  paragraphs: string[];
  /** The item this one copies, if it is a duplicate. */
  original?: StoredItem;
  timeZone: string;
}

/** /newsroom/ingest/:id/: an item's copy, provenance and suggestions with their evidence, and Take and Spike. */
export function DeskItemPage({ page, item, sourceName, paragraphs, original, timeZone }: DeskItemPageProps) {
  return (
    <NewsroomLayout page={page} title={item.title} active="ingest">
      <p>
        <a href="/newsroom/ingest/">The desk</a> · {sourceName} · <time dateTime={item.receivedAt}>{formatDisplayTime(item.receivedAt, timeZone)}</time> · {STATUS_LABELS[item.status]}
      </p>
      {item.originalUrl && (
        <p>
          Original: <a href={item.originalUrl}>{item.originalUrl}</a>
        </p>
      )}
      {original && (
        <p>
          A copy of <a href={`/newsroom/ingest/${original.id}/`}>{original.title}</a>
        </p>
      )}
      <ItemActions item={item} csrfToken={page.csrfToken} />
      <section aria-labelledby="copy">
        <h2 id="copy">Copy</h2>
        {item.item.input.dek && <p><strong>{item.item.input.dek}</strong></p>}
        {paragraphs.map((paragraph, index) => (
          <p key={index}>{paragraph}</p>
        ))}
      </section>
      <section aria-labelledby="suggestions">
        <h2 id="suggestions">Suggestions</h2>
        <SuggestionTable suggestions={item.suggestions} />
      </section>
    </NewsroomLayout>
  );
}
