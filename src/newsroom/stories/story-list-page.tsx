import { formatDisplayTime, type ArticleStatus } from '../../content/articles/index.js';
import type { StoryListItem } from '../../content/stories/index.js';
import { NewsroomLayout } from '../ui/newsroom-layout.js';
import type { NewsroomPageContext } from '../ui/page-context.js';
import { statusLabel } from './editor-page.js';

/** The statuses the list can be filtered by, in workflow order. */
export const LIST_STATUSES: ArticleStatus[] = ['draft', 'in_review', 'scheduled', 'published', 'unpublished'];

/** /newsroom/stories/: every story, newest change first, filtered by status. */
export function StoryListPage({
  page,
  stories,
  status,
  timeZone,
  pageNumber,
  hasMore,
}: {
  page: NewsroomPageContext;
  stories: StoryListItem[];
  status?: ArticleStatus;
  timeZone: string;
  pageNumber: number;
  hasMore: boolean;
}) {
  const query = (n: number) => `?${status ? `status=${status}&` : ''}page=${n}`;
  return (
    <NewsroomLayout page={page} title="Stories" active="stories">
      <p>
        <a class="nr-button" href="/newsroom/stories/new/">New story</a>
      </p>
      <nav aria-label="Filter by status">
        <ul class="nr-filters">
          <li>
            <a href="/newsroom/stories/" aria-current={status ? undefined : 'page'}>All</a>
          </li>
          {LIST_STATUSES.map((s) => (
            <li key={s}>
              <a href={`/newsroom/stories/?status=${s}`} aria-current={status === s ? 'page' : undefined}>
                {capitalise(statusLabel(s))}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {stories.length === 0 ? (
        <p>No stories{status ? ` with the status “${statusLabel(status)}”` : ''} yet.</p>
      ) : (
        <table class="nr-table">
          <caption>{status ? `Stories: ${statusLabel(status)}` : 'All stories'}</caption>
          <thead>
            <tr>
              <th scope="col">Title</th>
              <th scope="col">Status</th>
              <th scope="col">Section</th>
              <th scope="col">Last saved</th>
            </tr>
          </thead>
          <tbody>
            {stories.map((story) => (
              <tr key={story.id}>
                <td>
                  <a href={`/newsroom/stories/${story.id}/edit`}>{story.title}</a>
                </td>
                <td>
                  {statusLabel(story.status)}
                  {story.status === 'scheduled' && story.scheduledFor && ` for ${formatDisplayTime(story.scheduledFor, timeZone)}`}
                </td>
                <td>{story.sectionName}</td>
                <td>{formatDisplayTime(story.modifiedAt, timeZone)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        {pageNumber > 1 && <a href={query(pageNumber - 1)}>Newer stories</a>} {hasMore && <a href={query(pageNumber + 1)}>Older stories</a>}
      </p>
    </NewsroomLayout>
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
