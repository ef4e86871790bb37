import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import type { ComponentChildren } from 'preact';
import type { Clock } from '../../clock.js';
import { calendarDate, formatDisplayTime } from '../../content/articles/index.js';
import { listDashboardStories, type DashboardColumn, type DeskStory } from '../../content/stories/index.js';
import { startOfDay } from '../../search/index.js';
import type { Schema } from '../../storage/index.js';
import { requireUser } from '../accounts/guards.js';
import { storyReadScope, type NewsroomUser } from '../accounts/permissions.js';
import { NewsroomLayout } from '../ui/newsroom-layout.js';
import { newsroomPageContext, sendNewsroomPage } from '../ui/page-context.js';

/** What a dashboard section gets to render itself. */
export interface DashboardContext {
  db: Kysely<Schema>;
  user: NewsroomUser;
  now: Date;
  timeZone: string;
}

/** An extra dashboard section (other modules pass these in): returns its content, or null to hide. */
export type DashboardSection = (context: DashboardContext) => Promise<ComponentChildren | null>;

/** What the dashboard needs. */
export interface DashboardRoutesOptions {
  db: Kysely<Schema>;
  clock: Clock;
  timeZone: string;
  /** Sections shown after the built-in ones, in order. */
  sections?: DashboardSection[];
}

/** The newsroom's editor URL of a story. */
export function storyEditPath(id: number): string {
  return `/newsroom/stories/${id}/`;
}

/** The time a list shows for a story: when it goes live, went live, or was last saved. */
function storyTime(story: DeskStory): { label: string; at: string } {
  if (story.status === 'scheduled' && story.scheduledFor) return { label: 'goes live', at: story.scheduledFor };
  if (story.status === 'published' && story.publishedAt) return { label: 'published', at: story.publishedAt };
  return { label: 'saved', at: story.modifiedAt };
}

interface ColumnProps {
  title: string;
  id: string;
  column: DashboardColumn;
  /** The story list filtered to this column. */
  listHref: string;
  empty: string;
  timeZone: string;
}

function DashboardColumnView({ title, id, column, listHref, empty, timeZone }: ColumnProps) {
  const { stories, total } = column;
  return (
    <section class="nr-card" aria-labelledby={id}>
      <h2 id={id}>
        {title} <span class="nr-count">{total}</span>
      </h2>
      {stories.length === 0 ? (
        <p class="nr-meta">{empty}</p>
      ) : (
        <ul class="nr-list">
          {stories.map((story) => {
            const time = storyTime(story);
            return (
              <li key={story.id}>
                <a href={storyEditPath(story.id)}>{story.title}</a>
                <br />
                <span class="nr-meta">
                  {story.sectionName} · {time.label} <time dateTime={time.at}>{formatDisplayTime(time.at, timeZone)}</time>
                </span>
              </li>
            );
          })}
        </ul>
      )}
      {total > 0 && (
        <p class="nr-card-more">
          <a href={listHref}>
            {total > stories.length ? `All ${total}` : 'Open in the story list'}
            <span class="nr-visually-hidden">{` (${title})`}</span>
          </a>
        </p>
      )}
    </section>
  );
}

/** The dashboard at /newsroom/: my drafts, in review, scheduled, published today, then any extra sections. */
export const dashboardRoutes: FastifyPluginAsync<DashboardRoutesOptions> = async (app, { db, clock, timeZone, sections = [] }) => {
  app.get('/newsroom/', async (request, reply) => {
    const user = requireUser(request);
    const now = clock.now();
    const today = calendarDate(now.toISOString(), timeZone);
    const stories = await listDashboardStories(db, user, { readsAll: storyReadScope(user) === 'all', startOfToday: startOfDay(today, timeZone) });
    const context: DashboardContext = { db, user, now, timeZone };
    const extra = await Promise.all(sections.map((section) => section(context)));
    return sendNewsroomPage(
      reply,
      <NewsroomLayout page={newsroomPageContext(request)} title="Dashboard" active="dashboard">
        <p class="nr-actions">
          <a class="nr-button" href="/newsroom/stories/new/">New story</a>
        </p>
        <div class="nr-columns">
          <DashboardColumnView title="My drafts" id="my-drafts" column={stories.myDrafts} listHref="/newsroom/stories/?status=draft&mine=1" empty="No drafts of yours: start one with “New story”." timeZone={timeZone} />
          <DashboardColumnView title="In review" id="in-review" column={stories.inReview} listHref="/newsroom/stories/?status=in_review" empty="Nothing is waiting for review." timeZone={timeZone} />
          <DashboardColumnView title="Scheduled" id="scheduled" column={stories.scheduled} listHref="/newsroom/stories/?status=scheduled&sort=scheduled" empty="Nothing is scheduled." timeZone={timeZone} />
          <DashboardColumnView
            title="Published today"
            id="published-today"
            column={stories.publishedToday}
            listHref={`/newsroom/stories/?status=published&sort=published&from=${today}&to=${today}`}
            empty="Nothing published yet today."
            timeZone={timeZone}
          />
        </div>
        {extra.filter((content) => content !== null && content !== undefined)}
      </NewsroomLayout>,
    );
  });
};
