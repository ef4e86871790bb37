import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { StoredArticle } from '../../content/articles/index.js';
import { bodyToLines, diffStoryText, findRevisionSnapshot, listRevisions, restoreRevision, type StoryRecord } from '../../content/stories/index.js';
import { AppError } from '../../errors.js';
import type { Schema, Writer } from '../../storage/index.js';
import { recordAudit } from '../accounts/audit-log.js';
import { requireUser } from '../accounts/guards.js';
import { can } from '../accounts/permissions.js';
import { newsroomPageContext, sendNewsroomPage } from '../ui/page-context.js';
import { RevisionDiffPage, RevisionsPage, type TextComparison } from './revisions-page.js';
import { accessOf, afterStepPath, authorizeFor } from './story-steps.js';
import { parseRowId } from '../../row-id.js';

/** What the revision pages need. */
export interface RevisionRoutesOptions {
  db: Kysely<Schema>;
  clock: { now(): Date };
  timeZone: string;
  writer: Writer;
  /** Loads a story the signed-in user may read (403 otherwise). */
  loadStory: (request: FastifyRequest, id: number) => Promise<StoryRecord>;
}

function parseNumber(value: string, code: string): number {
  const id = parseRowId(value);
  if (id === undefined) throw new AppError(code, 'not_found', 'There is nothing at this address.');
  return id;
}

/** Revisions of a story: the list, a word diff of title and body, and "Restore this revision". */
export const revisionRoutes: FastifyPluginAsync<RevisionRoutesOptions> = async (app, { db, clock, timeZone, writer, loadStory }) => {
  app.get<{ Params: { id: string } }>('/newsroom/stories/:id/revisions/', async (request, reply) => {
    requireUser(request);
    const story = await loadStory(request, parseNumber(request.params.id, 'STORY_NOT_FOUND'));
    const revisions = await listRevisions(db, story.article.id);
    return sendNewsroomPage(
      reply,
      <RevisionsPage
        page={newsroomPageContext(request)}
        storyId={story.article.id}
        title={story.article.title}
        currentRevision={story.article.revision}
        revisions={revisions}
        timeZone={timeZone}
      />,
    );
  });

  app.get<{ Params: { id: string; revision: string } }>('/newsroom/stories/:id/revisions/:revision/', async (request, reply) => {
    const user = requireUser(request);
    const story = await loadStory(request, parseNumber(request.params.id, 'STORY_NOT_FOUND'));
    const id = story.article.id;
    const number = parseNumber(request.params.revision, 'REVISION_NOT_FOUND');
    const against = (request.query as Record<string, unknown>).against === 'previous' ? number - 1 : story.article.revision;
    const [revision, other] = await Promise.all([findRevisionSnapshot(db, id, number), findRevisionSnapshot(db, id, against)]);
    if (!revision || !other) throw new AppError('REVISION_NOT_FOUND', 'not_found', `This story has no revision ${revision ? against : number}.`);
    // Older on the left: the diff reads as what changed going forward.
    const [from, to] = revision.revision < other.revision ? [revision.snapshot, other.snapshot] : [other.snapshot, revision.snapshot];
    const access = accessOf(story);
    const canRestore = can(user, 'story.edit', access) && (story.article.status !== 'published' || can(user, 'story.publish', access));
    return sendNewsroomPage(
      reply,
      <RevisionDiffPage
        page={newsroomPageContext(request)}
        storyId={id}
        revision={revision}
        against={other}
        titleDiff={compare(from.title, to.title)}
        bodyDiff={compare(bodyText(from), bodyText(to))}
        currentRevision={story.article.revision}
        canRestore={canRestore}
        timeZone={timeZone}
      />,
    );
  });

  app.post<{ Params: { id: string; revision: string } }>('/newsroom/stories/:id/revisions/:revision/restore', async (request, reply) => {
    const user = requireUser(request);
    const id = parseNumber(request.params.id, 'STORY_NOT_FOUND');
    const revision = parseNumber(request.params.revision, 'REVISION_NOT_FOUND');
    // A missing or malformed base revision matches no revision: a conflict (409), never a query error.
    const baseRevision = parseRowId((request.body as Record<string, unknown> | undefined)?.revision) ?? 0;
    const authorizeEdit = authorizeFor(request, 'story.edit');
    const authorizePublish = authorizeFor(request, 'story.publish');
    const change = await restoreRevision(
      writer,
      { id, baseRevision, revision },
      { now: clock.now(), timeZone, actor: { userId: user.id, name: user.name, authorId: user.authorId }, audit: recordAudit },
      // Restoring onto a live story changes what readers see: that takes publish permission.
      (story) => {
        authorizeEdit(story);
        if (story.article.status === 'published') authorizePublish(story);
      },
    );
    return reply.redirect(afterStepPath(change, 'restore'), 303);
  });
};

function bodyText(article: StoredArticle): string {
  return bodyToLines(article.bodyHtml);
}

function compare(before: string, after: string): TextComparison {
  return { before, after, changes: diffStoryText(before, after) };
}
