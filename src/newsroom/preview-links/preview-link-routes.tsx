import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { findStoryRecord, type StoryRecord } from '../../content/stories/index.js';
import type { Clock } from '../../clock.js';
import { AppError } from '../../errors.js';
import { parseRowId } from '../../row-id.js';
import type { Schema, Writer } from '../../storage/index.js';
import { requirePermission, requireUser } from '../accounts/index.js';
import { accessOf, parseStoryId } from '../stories/index.js';
import { doneNotice, emptyForm, formValues, newsroomPageContext, sendNewsroomPage, type FormState } from '../ui/index.js';
import { DEFAULT_PREVIEW_LINK_LIFETIME, previewLinkPath } from './preview-link.js';
import { createPreviewLink, revokePreviewLink, type IssuedPreviewLink } from './preview-link-service.js';
import { listLivePreviewLinks } from './preview-link-store.js';
import { PreviewLinksPage } from './preview-links-page.js';

/** What the preview links pages need. */
export interface PreviewLinkRoutesOptions {
  db: Kysely<Schema>;
  writer: Writer;
  clock: Clock;
  timeZone: string;
  siteUrl: string;
}

const NOTICES: Record<string, string> = { revoked: 'The link was revoked: it opens nothing from now on.' };

/**
 * /newsroom/stories/{id}/preview-links/ for anyone who may read the story: its live links, making
 * one (the link shown once, in the answer to the form), revoking one.
 */
export const previewLinkRoutes: FastifyPluginAsync<PreviewLinkRoutesOptions> = async (app, { db, writer, clock, timeZone, siteUrl }) => {
  /** The story, if the signed-in user may read it: 404 when there is none, 403 when it is not theirs to read. */
  async function loadReadableStory(request: FastifyRequest, id: number): Promise<StoryRecord> {
    const story = await findStoryRecord(db, id);
    if (!story) throw new AppError('STORY_NOT_FOUND', 'not_found', `There is no story ${id}: it may have been deleted, or the link is wrong.`);
    requirePermission(request, 'story.read', accessOf(story));
    return story;
  }

  async function renderLinks(
    request: FastifyRequest,
    reply: FastifyReply,
    story: StoryRecord,
    options: { form?: FormState; issued?: IssuedPreviewLink; notice?: string; status?: number } = {},
  ) {
    const { article } = story;
    const links = await listLivePreviewLinks(db, article.id, clock.now());
    const { issued } = options;
    return sendNewsroomPage(
      reply,
      <PreviewLinksPage
        page={newsroomPageContext(request)}
        story={{ id: article.id, title: article.title, isPublished: article.status === 'published' }}
        links={links}
        form={options.form ?? emptyForm({ lifetime: DEFAULT_PREVIEW_LINK_LIFETIME })}
        issued={issued && { url: siteUrl + previewLinkPath(issued.token), note: issued.note, expiresAt: issued.expiresAt }}
        notice={options.notice}
        timeZone={timeZone}
      />,
      options.status,
    );
  }

  app.get<{ Params: { id: string } }>('/newsroom/stories/:id/preview-links/', async (request, reply) => {
    const story = await loadReadableStory(request, parseStoryId(request.params.id));
    return renderLinks(request, reply, story, { notice: doneNotice(request.query, NOTICES) });
  });

  // Answered with the page itself, not a redirect: the link must not travel in a Location header,
  // and is shown only in this answer (newsroom answers are never stored: no-store).
  app.post<{ Params: { id: string } }>('/newsroom/stories/:id/preview-links/', async (request, reply) => {
    const user = requireUser(request);
    const story = await loadReadableStory(request, parseStoryId(request.params.id));
    const values = formValues(request.body);
    try {
      const issued = await createPreviewLink(writer, story.article.id, values, { userId: user.id, now: clock.now() });
      return renderLinks(request, reply, story, { issued, notice: issued.note ? `A preview link for ${issued.note} was made.` : 'A preview link was made.', status: 201 });
    } catch (error) {
      if (!(error instanceof AppError) || (error.kind !== 'invalid' && error.kind !== 'conflict')) throw error;
      const form = { values: { lifetime: values.lifetime ?? '', note: values.note ?? '' }, errors: error.kind === 'invalid' ? error.details : { form: error.message } };
      return renderLinks(request, reply, story, { form, status: error.kind === 'invalid' ? 400 : 409 });
    }
  });

  app.post<{ Params: { id: string; linkId: string } }>('/newsroom/stories/:id/preview-links/:linkId/revoke/', async (request, reply) => {
    const user = requireUser(request);
    const story = await loadReadableStory(request, parseStoryId(request.params.id));
    const linkId = parseRowId(request.params.linkId);
    if (linkId === undefined) throw new AppError('PREVIEW_LINK_NOT_FOUND', 'not_found', 'There is no such preview link.');
    await revokePreviewLink(writer, story.article.id, linkId, { userId: user.id, now: clock.now() });
    return reply.redirect(`/newsroom/stories/${story.article.id}/preview-links/?done=revoked`, 303);
  });
};
