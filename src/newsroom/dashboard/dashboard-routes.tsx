import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import type { ComponentChildren } from 'preact';
import type { Clock } from '../../clock.js';
import { formatDisplayTime } from '../../content/articles/index.js';
import { listDashboardStories, type DashboardStory } from '../../content/stories/index.js';
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
function storyTime(story: DashboardStory): { label: string; at: string } {
  if (story.status === 'scheduled' && story.scheduledFor) return { label: 'goes live', at: story.scheduledFor };
  if (story.status === 'published' && story.publishedAt) return { label: 'published', at: story.publishedAt };
  return { label: 'saved', at: story.modifiedAt };
}

function StoryList({ title, id, stories, empty, timeZone }: { title: string; id: string; stories: DashboardStory[]; empty: string; timeZone: string }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {stories.length === 0 ? (
        <p class="nr-meta">{empty}</p>
      ) : (
        <ul class="nr-list">
          {stories.map((story) => (
            <li key={story.id}>
              <a href={storyEditPath(story.id)}>{story.title}</a>
              <br />
              <span class="nr-meta">
                {story.sectionName} · {storyTime(story).label}{' '}
                <time dateTime={storyTime(story).at}>{formatDisplayTime(storyTime(story).at, timeZone)}</time>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The dashboard at /newsroom/: my drafts, in review, scheduled, recently published, then any extra sections. */
export const dashboardRoutes: FastifyPluginAsync<DashboardRoutesOptions> = async (app, { db, clock, timeZone, sections = [] }) => {
  app.get('/newsroom/', async (request, reply) => {
    const user = requireUser(request);
    const stories = await listDashboardStories(db, user, { readsAll: storyReadScope(user) === 'all' });
    const context: DashboardContext = { db, user, now: clock.now(), timeZone };
    const extra = await Promise.all(sections.map((section) => section(context)));
    return sendNewsroomPage(
      reply,
      <NewsroomLayout page={newsroomPageContext(request)} title="Dashboard" active="dashboard">
        <p>
          <a href="/newsroom/stories/new/">Write a new story</a>
        </p>
        <div class="nr-sections">
          <StoryList title="My drafts" id="my-drafts" stories={stories.myDrafts} empty="No drafts with your byline." timeZone={timeZone} />
          <StoryList title="In review" id="in-review" stories={stories.inReview} empty="Nothing is waiting for review." timeZone={timeZone} />
          <StoryList title="Scheduled" id="scheduled" stories={stories.scheduled} empty="Nothing is scheduled." timeZone={timeZone} />
          <StoryList title="Recently published" id="recently-published" stories={stories.recentlyPublished} empty="Nothing published yet." timeZone={timeZone} />
        </div>
        {extra.filter((content) => content !== null && content !== undefined)}
      </NewsroomLayout>,
    );
  });
};
