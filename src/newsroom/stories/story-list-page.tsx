import { formatDisplayTime, type ArticleStatus } from '../../content/articles/index.js';
import { DESK_TEXT_WINDOW, describeStatus, type DeskSort, type DeskStory } from '../../content/stories/index.js';
import { CsrfField, SelectField, TextField } from '../ui/form-fields.js';
import { NewsroomLayout } from '../ui/newsroom-layout.js';
import type { NewsroomPageContext } from '../ui/page-context.js';
import { BULK_ACTIONS, MAX_BULK_STORIES } from './bulk-actions.js';
import { encodeCursor, LIST_STATUSES, MAX_TEXT, queryParameters, storyListHref, type StoryListQuery } from './story-list-query.js';

export { LIST_STATUSES } from './story-list-query.js';

/** What the story list page shows. */
export interface StoryListView {
  page: NewsroomPageContext;
  query: StoryListQuery;
  stories: DeskStory[];
  hasMore: boolean;
  counts: Partial<Record<ArticleStatus, number>>;
  sections: { slug: string; name: string }[];
  authors: { id: number; name: string }[];
  timeZone: string;
  /** Whether the bulk actions are offered (roles that can publish). */
  canBulkEdit: boolean;
  /** Text searched for was cut to MAX_TEXT characters. */
  isTextCut: boolean;
}

const SORT_LABELS: Record<DeskSort, string> = {
  modified: 'Last saved, newest first',
  published: 'Published, newest first',
  scheduled: 'Scheduled, soonest first',
  headline: 'Headline, A to Z',
};

const TIME_COLUMN: Record<DeskSort, string> = { modified: 'Last saved', published: 'Published', scheduled: 'Scheduled for', headline: 'Last saved' };

/** How a status reads on its own ("draft", "in review"). */
export function statusName(status: ArticleStatus): string {
  return status === 'draft' ? 'draft' : describeStatus(status);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function storyTime(story: DeskStory, sort: DeskSort): string | null {
  if (sort === 'published') return story.publishedAt;
  if (sort === 'scheduled') return story.scheduledFor;
  return story.modifiedAt;
}

/** /newsroom/stories/: search, filters, sort, status counts, one keyset page, and bulk actions for those who publish. */
export function StoryListPage(view: StoryListView) {
  const { page, query, stories, hasMore, counts, timeZone } = view;
  const params = queryParameters(query);
  const total = Object.values(counts).reduce((sum, n) => sum + (n ?? 0), 0);
  const isFiltered = Boolean(query.q || query.section || query.author !== undefined || query.isMine || query.from || query.to);
  const here = storyListHref({ ...params, after: query.after ? encodeCursor(query.after) : undefined });
  const last = stories.at(-1);
  return (
    <NewsroomLayout page={page} title="Stories" active="stories">
      <p class="nr-actions">
        <a class="nr-button" href="/newsroom/stories/new/">New story</a>
      </p>
      <FilterForm {...view} />
      {view.isTextCut && <p class="nr-notice">Only the first {MAX_TEXT} characters of the search text were used.</p>}
      <nav aria-label="Filter by status">
        <ul class="nr-filters">
          <li>
            <a href={storyListHref({ ...params, status: undefined })} aria-current={query.status ? undefined : 'page'}>
              All <span class="nr-count">{total}</span>
            </a>
          </li>
          {LIST_STATUSES.map((status) => (
            <li key={status}>
              <a href={storyListHref({ ...params, status })} aria-current={query.status === status ? 'page' : undefined}>
                {capitalise(statusName(status))} <span class="nr-count">{counts[status] ?? 0}</span>
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {stories.length === 0 ? (
        <EmptyState query={query} isFiltered={isFiltered} />
      ) : (
        <form method="post" action="/newsroom/stories/bulk" aria-label="Stories on this page">
          <CsrfField token={page.csrfToken} />
          <input type="hidden" name="back" value={here} />
          {view.canBulkEdit && <BulkControls sections={view.sections} />}
          <div class="nr-table-wrap">
            <table class="nr-table nr-table-stack">
              <caption class="nr-visually-hidden">{`Stories${query.status ? `: ${statusName(query.status)}` : ''}, ${SORT_LABELS[query.sort].toLowerCase()}`}</caption>
              <thead>
                <tr>
                  {view.canBulkEdit && (
                    <th scope="col" class="nr-select">
                      <span class="nr-visually-hidden">Select</span>
                    </th>
                  )}
                  <th scope="col">Headline</th>
                  <th scope="col">Status</th>
                  <th scope="col">Section</th>
                  <th scope="col">{TIME_COLUMN[query.sort]}</th>
                </tr>
              </thead>
              <tbody>
                {stories.map((story) => {
                  const time = storyTime(story, query.sort);
                  return (
                    <tr key={story.id}>
                      {view.canBulkEdit && (
                        <td class="nr-select">
                          <input type="checkbox" id={`select-${story.id}`} name="story" value={`${story.id}:${story.revision}`} aria-label={`Select “${story.title}”`} />
                          <input type="hidden" name="page_story" value={`${story.id}:${story.revision}`} />
                        </td>
                      )}
                      <td>
                        <a href={`/newsroom/stories/${story.id}/edit`}>{story.title}</a>
                      </td>
                      <td>
                        {capitalise(statusName(story.status))}
                        {story.status === 'scheduled' && story.scheduledFor && query.sort !== 'scheduled' && (
                          <span class="nr-meta"> for {formatDisplayTime(story.scheduledFor, timeZone)}</span>
                        )}
                      </td>
                      <td>{story.sectionName}</td>
                      <td class="nr-meta">{time ? <time dateTime={time}>{formatDisplayTime(time, timeZone)}</time> : '—'}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </form>
      )}
      <p class="nr-actions">
        {query.after && <a href={storyListHref(params)}>First page</a>}
        {hasMore && last && <a href={storyListHref({ ...params, after: encodeCursor({ key: last.sortKey, id: last.id }) })}>Next page</a>}
      </p>
    </NewsroomLayout>
  );
}

function FilterForm({ query, sections, authors }: StoryListView) {
  return (
    <form method="get" action="/newsroom/stories/" class="nr-filter-form" role="search" aria-label="Find stories">
      <div class="nr-field-wide">
        <TextField
          name="q"
          type="search"
          label="Search headlines, deks and teasers"
          value={query.q}
          hint={`Every word, anywhere in them, among the ${DESK_TEXT_WINDOW.toLocaleString('en')} newest stories that match the other filters.`}
        />
      </div>
      <SelectField
        name="status"
        label="Status"
        value={query.status ?? ''}
        options={[{ value: '', label: 'Any status' }, ...LIST_STATUSES.map((status) => ({ value: status, label: capitalise(statusName(status)) }))]}
      />
      <SelectField name="section" label="Section" value={query.section ?? ''} options={[{ value: '', label: 'Any section' }, ...sections.map(({ slug, name }) => ({ value: slug, label: name }))]} />
      <SelectField
        name="author"
        label="Author"
        value={query.author === undefined ? '' : String(query.author)}
        options={[{ value: '', label: 'Any author' }, ...authors.map(({ id, name }) => ({ value: String(id), label: name }))]}
      />
      <TextField name="from" type="date" label="From" value={query.from ?? ''} hint="By the date sorted on." />
      <TextField name="to" type="date" label="To" value={query.to ?? ''} hint="Both days included." />
      <SelectField name="sort" label="Sort by" value={query.sort} options={Object.entries(SORT_LABELS).map(([value, label]) => ({ value, label }))} />
      <div class="nr-field">
        <input type="checkbox" id="field-mine" name="mine" value="1" checked={query.isMine} /> <label for="field-mine">Only my stories</label>
      </div>
      <p class="nr-actions">
        <button type="submit" class="nr-button">Apply</button>
        <a href="/newsroom/stories/">Clear filters</a>
      </p>
    </form>
  );
}

function BulkControls({ sections }: { sections: { slug: string; name: string }[] }) {
  return (
    <fieldset class="nr-bulk">
      <legend>With the selected stories (at most {MAX_BULK_STORIES} at once)</legend>
      <SelectField name="action" id="bulk-action" label="Action" value="" options={[{ value: '', label: 'Choose an action' }, ...BULK_ACTIONS.map(({ action, label }) => ({ value: action, label }))]} />
      <SelectField name="section" id="bulk-section" label="Section (for Move)" value="" options={[{ value: '', label: '—' }, ...sections.map(({ slug, name }) => ({ value: slug, label: name }))]} />
      <TextField name="topic" id="bulk-topic" label="Topic (for Add topic)" value="" maxLength={100} />
      <p class="nr-actions">
        <button type="submit" class="nr-button" name="target" value="selected">
          Apply to selected
        </button>
        <button type="submit" class="nr-button nr-button-secondary" name="target" value="page">
          Apply to all on this page
        </button>
      </p>
    </fieldset>
  );
}

function EmptyState({ query, isFiltered }: { query: StoryListQuery; isFiltered: boolean }) {
  if (isFiltered || query.status) {
    return (
      <div class="nr-empty">
        <p>No stories match {query.q ? `“${query.q}” with ` : ''}these filters.</p>
        <p>
          Try other words or fewer filters, or <a href="/newsroom/stories/">show every story</a>.
        </p>
      </div>
    );
  }
  return (
    <div class="nr-empty">
      <p>No stories yet.</p>
      <p>
        Write the first one with <a href="/newsroom/stories/new/">New story</a>; stories taken in from the Ingest desk appear here too.
      </p>
    </div>
  );
}
