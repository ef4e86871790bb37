import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import { countDeskStoriesByStatus, findDeskStories, listBylineAuthors, type DeskStoryFilter, type StoryContext } from '../../content/stories/index.js';
import { listSections } from '../../content/taxonomy/index.js';
import { nextDay, startOfDay } from '../../search/index.js';
import type { Schema, Writer } from '../../storage/index.js';
import { requireUser } from '../accounts/guards.js';
import { can, storyReadScope, type NewsroomUser } from '../accounts/permissions.js';
import { NewsroomLayout } from '../ui/newsroom-layout.js';
import { newsroomPageContext, safeNextPath, sendNewsroomPage } from '../ui/index.js';
import { BULK_ACTIONS, parseBulkRequest, runBulkAction, type BulkOutcome } from './bulk-actions.js';
import { StoryListPage } from './story-list-page.js';
import { MAX_TEXT, parseStoryListQuery } from './story-list-query.js';

/** What the story list and its bulk actions need. */
export interface StoryListRoutesOptions {
  db: Kysely<Schema>;
  timeZone: string;
  writer: Writer;
  /** The workflow context of a step taken by this user now. */
  contextFor: (user: NewsroomUser) => StoryContext;
}

/** Stories per page of the list. */
export const LIST_PAGE_SIZE = 50;

/** GET /newsroom/stories/ (search, filters, sort, keyset pages) and POST /newsroom/stories/bulk. */
export const storyListRoutes: FastifyPluginAsync<StoryListRoutesOptions> = async (app, { db, timeZone, writer, contextFor }) => {
  app.get('/newsroom/stories/', async (request, reply) => {
    const user = requireUser(request);
    const query = parseStoryListQuery(request.query);
    const own = { userId: user.id, authorId: user.authorId };
    const filter: DeskStoryFilter = {
      status: query.status,
      sectionSlug: query.section,
      authorId: query.author,
      words: query.words,
      from: query.from && startOfDay(query.from, timeZone),
      before: query.to && startOfDay(nextDay(query.to), timeZone),
      // Read scope: contributors and authors see their own stories only, whatever they ask for.
      ownedBy: query.isMine || storyReadScope(user) === 'own' ? own : undefined,
    };
    // The page and the counts each read the text search's window: one after the other, with a turn
    // of the event loop between, so on SQLite (synchronous reads) they never block it back to back.
    const rows = await findDeskStories(db, filter, { sort: query.sort, after: query.after, limit: LIST_PAGE_SIZE + 1 });
    await yieldToEventLoop();
    const counts = await countDeskStoriesByStatus(db, filter, query.sort);
    await yieldToEventLoop();
    const [sections, authors] = await Promise.all([listSections(db), listBylineAuthors(db)]);
    const rawText = (request.query as Record<string, unknown>).q;
    return sendNewsroomPage(
      reply,
      <StoryListPage
        page={newsroomPageContext(request)}
        query={query}
        stories={rows.slice(0, LIST_PAGE_SIZE)}
        hasMore={rows.length > LIST_PAGE_SIZE}
        counts={counts}
        sections={sections}
        authors={authors}
        timeZone={timeZone}
        canBulkEdit={can(user, 'story.publish')}
        isTextCut={typeof rawText === 'string' && rawText.length > MAX_TEXT}
      />,
    );
  });

  app.post('/newsroom/stories/bulk', async (request, reply) => {
    const user = requireUser(request);
    const bulk = parseBulkRequest(request.body);
    const result = await runBulkAction(db, writer, request, bulk, contextFor(user));
    const back = safeNextPath((request.body as Record<string, unknown>).back);
    const label = BULK_ACTIONS.find((entry) => entry.action === result.action)!.label;
    return sendNewsroomPage(
      reply,
      <NewsroomLayout page={newsroomPageContext(request)} title={`${label}: ${result.done.length} done, ${result.refused.length} refused`} active="stories">
        <OutcomeList title="Done" id="bulk-done" outcomes={result.done} />
        <OutcomeList title="Refused" id="bulk-refused" outcomes={result.refused} />
        <p class="nr-actions">
          <a class="nr-button" href={back.startsWith('/newsroom/stories/') ? back : '/newsroom/stories/'}>
            Back to the story list
          </a>
        </p>
      </NewsroomLayout>,
    );
  });
};

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function OutcomeList({ title, id, outcomes }: { title: string; id: string; outcomes: BulkOutcome[] }) {
  if (outcomes.length === 0) return null;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>
        {title} <span class="nr-count">{outcomes.length}</span>
      </h2>
      <ul class="nr-list">
        {outcomes.map((outcome) => (
          <li key={outcome.id}>
            {outcome.title ? <a href={`/newsroom/stories/${outcome.id}/edit`}>{outcome.title}</a> : `Story ${outcome.id}`}
            {': '}
            {outcome.message}
          </li>
        ))}
      </ul>
    </section>
  );
}
