import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import { findStoryRecord, saveStory } from '../../content/stories/index.js';
import { AppError } from '../../errors.js';
import type { Schema, Writer } from '../../storage/index.js';
import { recordAudit } from '../accounts/audit-log.js';
import { requirePermission, requireUser } from '../accounts/guards.js';
import { formValues } from '../ui/form-fields.js';
import { parseStoryForm, storyFieldsOf } from './story-form.js';
import { describeSaveConflict, isSaveConflict, saveConflictError } from './save-conflict.js';
import { accessOf, authorizeFor } from './story-steps.js';
import { parseRowId } from '../../row-id.js';

/** What autosave needs. */
export interface AutosaveRoutesOptions {
  db: Kysely<Schema>;
  clock: { now(): Date };
  timeZone: string;
  writer: Writer;
}

/**
 * POST /api/newsroom/stories/{id}/autosave (JSON, header x-csrf-token): the editor island's
 * debounced save of a story that is not live. Same fields and optimistic locking as the form;
 * answers { revision, savedAt, outcome }; a stale save answers 409 STORY_CONFLICT with who saved
 * meanwhile and when (details savedBy, savedAt, revision, revisionsPath). A live story is never autosaved (409): its edits go out
 * with "Update".
 */
export const autosaveRoutes: FastifyPluginAsync<AutosaveRoutesOptions> = async (app, { db, clock, timeZone, writer }) => {
  app.post<{ Params: { id: string } }>('/api/newsroom/stories/:id/autosave', async (request) => {
    const user = requireUser(request);
    const id = parseRowId(request.params.id);
    if (id === undefined) throw new AppError('STORY_NOT_FOUND', 'not_found', 'There is no story at this address.');
    // Someone who may not read the story learns nothing from it, not even which fields it would refuse.
    const stored = await findStoryRecord(db, id);
    if (!stored) throw new AppError('STORY_NOT_FOUND', 'not_found', 'There is no story at this address.');
    requirePermission(request, 'story.read', accessOf(stored));
    const values = formValues(request.body);
    // JSON numbers arrive as numbers; the form schema reads strings.
    const revision = (request.body as Record<string, unknown> | null)?.revision;
    if (typeof revision === 'number') values.revision = String(revision);
    const parsed = parseStoryForm({ ...values, action: 'save' });
    if (!parsed.isValid) {
      const message = Object.values(parsed.errors)[0] ?? 'The story could not be saved.';
      throw new AppError('STORY_INVALID', 'invalid', message, parsed.errors);
    }
    const now = clock.now();
    // The editor's Ctrl/Cmd+S comes here too ("save": a save that says so in the revisions).
    const note = (request.body as Record<string, unknown> | null)?.reason === 'save' ? 'Saved' : 'Autosaved';
    const change = await saveStory(
      writer,
      { id, baseRevision: parsed.form.revision, fields: storyFieldsOf(parsed.form), note },
      { now, timeZone, actor: { userId: user.id, name: user.name, authorId: user.authorId }, audit: recordAudit },
      authorizeFor(request, 'story.read', 'story.edit'),
    ).catch(async (error: unknown) => {
      // A stale save names who saved meanwhile and when, as the form does.
      throw isSaveConflict(error) ? saveConflictError(await describeSaveConflict(db, id, timeZone)) : error;
    });
    return { revision: change.revision, savedAt: now.toISOString(), outcome: change.outcome, notices: change.notices };
  });
};
