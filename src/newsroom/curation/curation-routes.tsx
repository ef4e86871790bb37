import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Clock } from '../../clock.js';
import { listPublishedArticles } from '../../content/articles/index.js';
import { findActiveBanner, loadFrontPageForEditing } from '../../content/curation/index.js';
import { AppError } from '../../errors.js';
import type { Schema, Writer } from '../../storage/index.js';
import { requirePermission } from '../accounts/guards.js';
import { doneNotice, emptyForm, formValues, newsroomPageContext, sendNewsroomPage, type FormState } from '../ui/index.js';
import { clearBreakingBanner, curateFrontPage, raiseBreakingBanner, type CurationAction } from './curation-service.js';
import { FrontPageEditor } from './front-page-editor.js';

/** What the curation routes need. */
export interface CurationRoutesOptions {
  db: Kysely<Schema>;
  clock: Clock;
  /** The unit of work: each change purges the reader pages it dirtied before the response returns. */
  writer: Writer;
  timeZone: string;
}

const RECENT_STORIES = 30;
const NOTICES: Record<string, string> = {
  lead: 'Lead story set.',
  top: 'Added to the top stories.',
  move: 'Top stories reordered.',
  remove: 'Taken off the curated front page.',
  raised: 'Banner raised: it shows on every reader page now.',
  cleared: 'Banner cleared.',
};

/** /newsroom/front-page/: lead and top stories, and the breaking-news banner (permission frontpage.curate). */
export const curationRoutes: FastifyPluginAsync<CurationRoutesOptions> = async (app, { db, clock, writer, timeZone }) => {
  async function editorPage(request: FastifyRequest, reply: FastifyReply, options: { errors?: Record<string, string>; bannerForm?: FormState; status?: number } = {}) {
    const [{ lead, top }, recent, banner] = await Promise.all([
      loadFrontPageForEditing(db),
      listPublishedArticles(db, {}, { limit: RECENT_STORIES, offset: 0 }),
      findActiveBanner(db, clock.now()),
    ]);
    return sendNewsroomPage(
      reply,
      <FrontPageEditor
        page={newsroomPageContext(request)}
        lead={lead}
        top={top}
        recent={recent}
        banner={banner}
        bannerForm={options.bannerForm ?? emptyForm()}
        errors={options.errors ?? {}}
        notice={options.status === undefined ? doneNotice(request.query, NOTICES) : undefined}
        timeZone={timeZone}
      />,
      options.status,
    );
  }

  app.get('/newsroom/front-page/', async (request, reply) => {
    requirePermission(request, 'frontpage.curate');
    return editorPage(request, reply);
  });

  for (const action of ['lead', 'top', 'move', 'remove'] as const satisfies readonly CurationAction[]) {
    app.post(`/newsroom/front-page/${action}`, async (request, reply) => {
      const user = requirePermission(request, 'frontpage.curate');
      try {
        await curateFrontPage(writer, action, request.body, { now: clock.now(), userId: user.id });
      } catch (error) {
        // Refused (400), or another curator changed the page at the same moment (409): the editor shows why.
        if (error instanceof AppError && (error.kind === 'invalid' || error.kind === 'conflict')) {
          return editorPage(request, reply, { errors: { form: error.message }, status: error.kind === 'conflict' ? 409 : 400 });
        }
        throw error;
      }
      return reply.redirect(`/newsroom/front-page/?done=${action}`, 303);
    });
  }

  app.post('/newsroom/front-page/banner', async (request, reply) => {
    const user = requirePermission(request, 'frontpage.curate');
    try {
      await raiseBreakingBanner(writer, request.body, { now: clock.now(), userId: user.id });
    } catch (error) {
      if (error instanceof AppError && error.code === 'BANNER_INVALID') {
        return editorPage(request, reply, { bannerForm: { values: formValues(request.body), errors: error.details }, status: 400 });
      }
      throw error;
    }
    return reply.redirect('/newsroom/front-page/?done=raised', 303);
  });

  app.post('/newsroom/front-page/banner/clear', async (request, reply) => {
    const user = requirePermission(request, 'frontpage.curate');
    await clearBreakingBanner(writer, { now: clock.now(), userId: user.id });
    return reply.redirect('/newsroom/front-page/?done=cleared', 303);
  });
};
