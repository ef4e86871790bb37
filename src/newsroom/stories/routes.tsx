import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { findHeroImage, searchMedia } from '../../content/media/index.js';
import {
  addCorrection,
  createStory,
  fieldsOf,
  findAuthorName,
  findStoryRecord,
  listCorrections,
  type StoryContext,
  type StoryRecord,
} from '../../content/stories/index.js';
import { listSections } from '../../content/taxonomy/index.js';
import { AppError } from '../../errors.js';
import { findStoryProvenance } from '../../ingest/pipeline/index.js';
import type { Stylesheet } from '../../site/stylesheet.js';
import type { Schema, Writer } from '../../storage/index.js';
import { recordAudit } from '../accounts/audit-log.js';
import { requirePermission, requireUser } from '../accounts/guards.js';
import type { NewsroomUser } from '../accounts/permissions.js';
import { formValues, type FormState } from '../ui/form-fields.js';
import { RECENT_LIBRARY_IMAGES } from '../ui/library-images.js';
import { newsroomPageContext, sendNewsroomPage } from '../ui/page-context.js';
import { presentMediaJson } from '../media/media-presenter.js';
import { autosaveRoutes } from './autosave-routes.js';
import { describeSaveConflict, isSaveConflict, type SaveConflict } from './save-conflict.js';
import { suggestionRoutes } from './suggestion-routes.js';
import { serveEditorAsset } from './asset-route.js';
import type { EditorAssets } from './editor-assets.js';
import { EditorPage, type EditedStory } from './editor-page.js';
import { renderPreview } from './preview-page.js';
import { revisionRoutes } from './revision-routes.js';
import { storyListRoutes } from './list-routes.js';
import { liveDeskRoutes } from './live-routes.js';
import { formValuesOf, parseStoryForm, storyFieldsOf, toLocalTimeValue } from './story-form.js';
import { accessOf, afterStepPath, authorizeFor, fieldOfError, noticeFor, runEditorStep } from './story-steps.js';
import { parseRowId } from '../../row-id.js';

/** What the story pages need. */
export interface StoryRoutesOptions {
  db: Kysely<Schema>;
  clock: { now(): Date };
  timeZone: string;
  language: string;
  siteUrl: string;
  /** The unit of work: every change goes through it, and it purges the pages a change dirtied before the response. */
  writer: Writer;
  /** The reader stylesheet, for previews. */
  stylesheet: Stylesheet;
  assets: EditorAssets;
}

/** Parses a story id from the URL; anything but a whole number from 1 is "not found". */
export function parseStoryId(value: string): number {
  const id = parseRowId(value);
  if (id === undefined) throw new AppError('STORY_NOT_FOUND', 'not_found', 'There is no story at this address.');
  return id;
}

/** The story list, the editor (new and existing), workflow steps, corrections, preview, revisions and autosave. */
export const storyRoutes: FastifyPluginAsync<StoryRoutesOptions> = async (app, options) => {
  const { db, clock, timeZone, language, siteUrl, writer, stylesheet, assets } = options;

  function contextFor(user: NewsroomUser): StoryContext {
    return { now: clock.now(), timeZone, actor: { userId: user.id, name: user.name, authorId: user.authorId }, audit: recordAudit };
  }

  /** Every page that shows a story loads it through here: it answers 403 unless the user may read it. */
  async function loadReadableStory(request: FastifyRequest, id: number): Promise<StoryRecord> {
    const story = await findStoryRecord(db, id);
    if (!story) throw new AppError('STORY_NOT_FOUND', 'not_found', `There is no story ${id}: it may have been deleted, or the link is wrong.`);
    requirePermission(request, 'story.read', accessOf(story));
    return story;
  }

  async function editedStory(story: StoryRecord): Promise<EditedStory> {
    const { article } = story;
    return {
      id: article.id,
      status: article.status,
      revision: article.revision,
      access: accessOf(story),
      slug: article.slug,
      urlDate: article.urlDate,
      scheduledFor: story.scheduledFor,
      modifiedAt: article.modifiedAt,
      wordCount: article.wordCount,
      corrections: await listCorrections(db, article.id),
    };
  }

  async function sendEditor(
    request: FastifyRequest,
    reply: FastifyReply,
    view: { story?: StoryRecord; form: FormState; notice?: string; status?: number; correction?: { value: string; error?: string }; conflict?: SaveConflict },
  ) {
    const user = requireUser(request);
    // The editor shows the stored story (status, slug, corrections) even when it re-shows a refused form.
    if (view.story) requirePermission(request, 'story.read', accessOf(view.story));
    const page = { ...newsroomPageContext(request), user };
    const [sections, recentImages, hero, provenance] = await Promise.all([
      listSections(db),
      searchMedia(db, { query: '', limit: RECENT_LIBRARY_IMAGES }),
      view.story ? findHeroImage(db, view.story.article.id) : undefined,
      view.story ? findStoryProvenance(db, view.story.article.id) : undefined,
    ]);
    const heroImages = [...(hero && !recentImages.some((image) => image.id === hero.id) ? [hero] : []), ...recentImages];
    return sendNewsroomPage(
      reply,
      <EditorPage
        page={page}
        story={view.story ? await editedStory(view.story) : undefined}
        form={view.form}
        sections={sections}
        timeZone={timeZone}
        siteUrl={siteUrl}
        notice={view.notice}
        assets={assets}
        heroImages={heroImages.map((image) => ({ id: image.id, alt: image.alt, url: presentMediaJson(image).url }))}
        correction={view.correction}
        conflict={view.conflict}
        provenance={provenance}
      />,
      view.status,
    );
  }

  async function storedForm(story: StoryRecord): Promise<FormState> {
    const values = formValuesOf(fieldsOf(story.article), story.article.revision);
    values.hero_media_id = String((await findHeroImage(db, story.article.id))?.id ?? '');
    if (story.scheduledFor) values.publish_at = toLocalTimeValue(story.scheduledFor, timeZone);
    return { values, errors: {} };
  }

  /** A refused step re-renders the form with what the person typed: 400 invalid input, 409 someone else saved or the step is not allowed now. */
  async function sendRefusal(request: FastifyRequest, reply: FastifyReply, error: unknown, values: Record<string, string>, story?: StoryRecord) {
    if (!(error instanceof AppError) || (error.kind !== 'invalid' && error.kind !== 'conflict')) throw error;
    if (story && isSaveConflict(error)) {
      return sendEditor(request, reply, { story, form: { values, errors: {} }, conflict: await describeSaveConflict(db, story.article.id, timeZone), status: 409 });
    }
    return sendEditor(request, reply, { story, form: { values, errors: { [fieldOfError(error)]: error.message } }, status: error.kind === 'invalid' ? 400 : 409 });
  }

  await app.register(storyListRoutes, { db, timeZone, writer, contextFor });

  app.get('/newsroom/stories/new/', async (request, reply) => {
    const user = requirePermission(request, 'story.create');
    const byline = user.authorId !== null ? ((await findAuthorName(db, user.authorId)) ?? user.name) : user.name;
    return sendEditor(request, reply, { form: { values: { bylines: byline }, errors: {} } });
  });

  app.post('/newsroom/stories/', async (request, reply) => {
    const user = requirePermission(request, 'story.create');
    const values = formValues(request.body);
    const parsed = parseStoryForm(values);
    if (!parsed.isValid) return sendEditor(request, reply, { form: { values, errors: parsed.errors }, status: 400 });
    // "Publish" on the new-story form: created and published in one step, by those who may publish
    // a story of their own (the story is theirs: they create it). Any other button saves a draft.
    const isPublishing = parsed.form.action === 'publish';
    if (isPublishing) requirePermission(request, 'story.publish', { createdByUserId: user.id, authorIds: [], status: 'draft' });
    try {
      const change = await createStory(
        writer,
        storyFieldsOf(parsed.form),
        { ...contextFor(user), uri: `urn:fortune-sky:story:${randomUUID()}`, language },
        { publish: isPublishing },
      );
      return reply.redirect(afterStepPath(change, isPublishing ? 'publish' : 'created'), 303);
    } catch (error) {
      return sendRefusal(request, reply, error, values);
    }
  });

  app.get<{ Params: { id: string } }>('/newsroom/stories/:id/', async (request, reply) => {
    requireUser(request);
    return reply.redirect(`/newsroom/stories/${parseStoryId(request.params.id)}/edit`, 303);
  });

  app.get<{ Params: { id: string } }>('/newsroom/stories/:id/edit', async (request, reply) => {
    requireUser(request);
    const story = await loadReadableStory(request, parseStoryId(request.params.id));
    return sendEditor(request, reply, { story, form: await storedForm(story), notice: noticeFor(request.query as Record<string, unknown>, story.article.slug) });
  });

  app.post<{ Params: { id: string } }>('/newsroom/stories/:id/edit', async (request, reply) => {
    const user = requireUser(request);
    const id = parseStoryId(request.params.id);
    const values = formValues(request.body);
    const parsed = parseStoryForm(values);
    if (!parsed.isValid) return sendEditor(request, reply, { story: await loadReadableStory(request, id), form: { values, errors: parsed.errors }, status: 400 });
    const { form } = parsed;
    try {
      const change = await runEditorStep(
        writer,
        request,
        { action: form.action, id, baseRevision: form.revision, fields: storyFieldsOf(form), publishAt: form.publish_at, isMaterial: form.material === 'on' },
        contextFor(user),
      );
      return reply.redirect(afterStepPath(change, form.action), 303);
    } catch (error) {
      return sendRefusal(request, reply, error, values, await loadReadableStory(request, id));
    }
  });

  app.post<{ Params: { id: string } }>('/newsroom/stories/:id/corrections', async (request, reply) => {
    const user = requireUser(request);
    const id = parseStoryId(request.params.id);
    const values = formValues(request.body);
    const text = values.correction ?? '';
    try {
      const change = await addCorrection(
        writer,
        { id, baseRevision: parseRowId(values.revision) ?? 0, text },
        contextFor(user),
        authorizeFor(request, 'story.correct'),
      );
      return reply.redirect(afterStepPath(change, 'correct'), 303);
    } catch (error) {
      if (!(error instanceof AppError) || (error.kind !== 'invalid' && error.kind !== 'conflict')) throw error;
      const story = await loadReadableStory(request, id);
      return sendEditor(request, reply, {
        story,
        form: await storedForm(story),
        correction: { value: text, error: error.message },
        status: error.kind === 'invalid' ? 400 : 409,
      });
    }
  });

  app.get<{ Params: { id: string } }>('/newsroom/stories/:id/preview', async (request, reply) => {
    requireUser(request);
    const story = await loadReadableStory(request, parseStoryId(request.params.id));
    const [sections, corrections] = await Promise.all([listSections(db), listCorrections(db, story.article.id)]);
    const preview = renderPreview({ article: story.article, corrections, sections, stylesheet, siteUrl, timeZone, language, now: clock.now() });
    return reply.code(200).header('content-security-policy', preview.contentSecurityPolicy).header('x-robots-tag', 'noindex').type('text/html; charset=utf-8').send(preview.html);
  });

  await app.register(revisionRoutes, { db, clock, timeZone, writer, loadStory: loadReadableStory });
  await app.register(autosaveRoutes, { db, clock, timeZone, writer });
  await app.register(suggestionRoutes, { db });
  await app.register(liveDeskRoutes, { db, clock, timeZone, writer, loadStory: loadReadableStory });
  serveEditorAsset(app, assets);
};
