import type { FastifyRequest } from 'fastify';
import { doneNotice } from '../ui/page-context.js';
import {
  publishStory,
  saveStory,
  scheduleStory,
  submitForReview,
  unpublishStory,
  unscheduleStory,
  updatePublishedStory,
  type AuthorizeStory,
  type StoryChange,
  type StoryContext,
  type StoryFields,
  type StoryRecord,
} from '../../content/stories/index.js';
import { AppError } from '../../errors.js';
import type { Writer } from '../../storage/index.js';
import { requirePermission } from '../accounts/guards.js';
import type { Action, StoryAccess } from '../accounts/permissions.js';
import { parseLocalTime, type EditorAction } from './story-form.js';

/** What permissions see of a story. */
export function accessOf(story: StoryRecord): StoryAccess {
  return { createdByUserId: story.createdByUserId, authorIds: story.authorIds, status: story.article.status };
}

/** A permission check run inside the step's transaction, against the story as it stands. */
export function authorizeFor(request: FastifyRequest, ...actions: Action[]): AuthorizeStory {
  return (story) => {
    for (const action of actions) requirePermission(request, action, accessOf(story));
  };
}

/** Confirmations shown after each step (?done=…). */
export const DONE_NOTICES: Record<string, string> = {
  created: 'Story created as a draft.',
  save: 'Draft saved.',
  submit: 'Submitted for review.',
  schedule: 'Scheduled: it will be published at the time shown.',
  unschedule: 'Schedule cancelled: the story is a draft again.',
  publish: 'Published: the story is live.',
  update: 'Updated: readers see the change now.',
  unpublish: 'Unpublished: the story is off the site.',
  correct: 'Correction added: readers see it under the story.',
  restore: 'Revision restored: it is saved as a new revision.',
};

/** Runs one editor button's step; the permission each needs is docs/newsroom.md's. */
export function runEditorStep(
  writer: Writer,
  request: FastifyRequest,
  step: { action: EditorAction; id: number; baseRevision: number; fields: StoryFields; publishAt: string; isMaterial: boolean },
  context: StoryContext,
): Promise<StoryChange> {
  const target = { id: step.id, baseRevision: step.baseRevision, fields: step.fields };
  switch (step.action) {
    case 'save':
      return saveStory(writer, target, context, authorizeFor(request, 'story.edit'));
    case 'submit':
      return submitForReview(writer, target, context, authorizeFor(request, 'story.submit', 'story.edit'));
    case 'schedule': {
      const publishAt = parseLocalTime(step.publishAt, context.timeZone);
      if (!publishAt) {
        throw new AppError('PUBLISH_TIME_INVALID', 'invalid', 'Give the publish time as a date and time, like 2026-05-01 09:30.', { publishAt: 'invalid' });
      }
      return scheduleStory(writer, { ...target, publishAt }, context, authorizeFor(request, 'story.publish'));
    }
    case 'unschedule':
      return unscheduleStory(writer, target, context, authorizeFor(request, 'story.publish'));
    case 'publish':
      return publishStory(writer, target, context, authorizeFor(request, 'story.publish'));
    case 'update':
      return updatePublishedStory(writer, { ...target, isMaterial: step.isMaterial }, context, authorizeFor(request, 'story.publish'));
    case 'unpublish':
      return unpublishStory(writer, target, context, authorizeFor(request, 'story.publish'));
  }
}

/** Which form control an invalid-input error belongs to. */
export function fieldOfError(error: AppError): string {
  switch (error.code) {
    case 'TITLE_REQUIRED':
      return 'title';
    case 'SECTION_NOT_FOUND':
      return 'section';
    case 'BODY_TOO_COMPLEX':
      return 'body';
    case 'PUBLISH_TIME_INVALID':
      return 'publish_at';
    case 'CORRECTION_REQUIRED':
      return 'correction';
    case 'MEDIA_NOT_FOUND':
      return 'hero_media_id';
    default:
      return 'form';
  }
}

/** The editor URL after a step, naming what was done (and whether the slug had to change). */
export function afterStepPath(change: StoryChange, done: string): string {
  const flags = [`done=${done}`];
  if (change.notices.some((n) => n.startsWith('The slug'))) flags.push('slug=taken');
  if (change.outcome === 'unchanged') flags.push('same=1');
  return `/newsroom/stories/${change.id}/edit?${flags.join('&')}`;
}

/** The notice for ?done=…&slug=taken&same=1 on the editor page. */
export function noticeFor(query: Record<string, unknown>, slug: string | undefined): string | undefined {
  const parts: string[] = [];
  const done = doneNotice(query, DONE_NOTICES);
  if (done) parts.push(done);
  if (query.same === '1') parts.push('Nothing had changed, so no new revision was saved.');
  if (query.slug === 'taken' && slug) parts.push(`The slug you asked for is taken by another story, so this one uses “${slug}”.`);
  return parts.length > 0 ? parts.join(' ') : undefined;
}
