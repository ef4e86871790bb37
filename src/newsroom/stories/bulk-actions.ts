import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import {
  fieldsOf,
  findStoryRecord,
  saveStory,
  unpublishStory,
  updatePublishedStory,
  type StoryContext,
  type StoryFields,
  type StoryRecord,
} from '../../content/stories/index.js';
import { findSectionBySlug } from '../../content/taxonomy/index.js';
import { AppError } from '../../errors.js';
import type { Schema, Writer } from '../../storage/index.js';
import { parseRowId } from '../../row-id.js';
import { can } from '../accounts/permissions.js';
import { requireUser } from '../accounts/guards.js';
import { accessOf, authorizeFor } from './story-steps.js';

/** Stories one bulk request may act on: each is its own unit of work, so the request's time grows with it. */
export const MAX_BULK_STORIES = 100;

/** What a bulk request can do to each story. */
export type BulkAction = 'unpublish' | 'move' | 'topic';

/** The bulk actions, as the list offers them. */
export const BULK_ACTIONS: { action: BulkAction; label: string }[] = [
  { action: 'unpublish', label: 'Unpublish' },
  { action: 'move', label: 'Move to section' },
  { action: 'topic', label: 'Add topic' },
];

/** A checked bulk request: the stories at the revisions the list showed, and what to do. */
export interface BulkRequest {
  action: BulkAction;
  stories: { id: number; revision: number }[];
  /** Move: the section's slug. */
  section?: string;
  /** Add topic: its name. */
  topic?: string;
}

/** What became of one story. */
export interface BulkOutcome {
  id: number;
  /** Shown only when the person may read the story. */
  title?: string;
  message: string;
}

/** What a bulk request did and what it refused, story by story. */
export interface BulkResult {
  action: BulkAction;
  done: BulkOutcome[];
  refused: BulkOutcome[];
}

const MAX_TOPIC_CHARACTERS = 100;

function invalid(field: string, message: string): AppError {
  return new AppError('BULK_ACTION_INVALID', 'invalid', message, { [field]: message });
}

function valuesOf(raw: unknown): unknown[] {
  return Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
}

/**
 * Reads a bulk form: `action`, the checked `story` boxes (or, with `target=page`, every
 * `page_story` of the page), each `id:revision`; `section` for a move, `topic` to add. Anything
 * malformed, none chosen or more than MAX_BULK_STORIES is `BULK_ACTION_INVALID` (400).
 */
export function parseBulkRequest(body: unknown): BulkRequest {
  const form = (body ?? {}) as Record<string, unknown>;
  const action = BULK_ACTIONS.find((entry) => entry.action === form.action)?.action;
  if (!action) throw invalid('action', 'Choose an action: unpublish, move to section or add topic.');
  const picked = valuesOf(form.target === 'page' ? form.page_story : form.story);
  if (picked.length === 0) throw invalid('story', 'Select at least one story, or use “Apply to all on this page”.');
  if (picked.length > MAX_BULK_STORIES) throw invalid('story', `Select at most ${MAX_BULK_STORIES} stories at once.`);
  const stories = picked.map((value) => {
    const [id, revision] = typeof value === 'string' ? value.split(':').map((part) => parseRowId(part)) : [];
    if (id === undefined || revision === undefined) throw invalid('story', 'A selected story is not one the list offered: reload the list and select again.');
    return { id, revision };
  });
  const request: BulkRequest = { action, stories: stories.filter((story, index) => stories.findIndex((other) => other.id === story.id) === index) };
  if (action === 'move') {
    if (typeof form.section !== 'string' || !/^[a-z0-9-]{1,100}$/.test(form.section)) throw invalid('section', 'Choose the section to move the stories to.');
    request.section = form.section;
  }
  if (action === 'topic') {
    const topic = typeof form.topic === 'string' ? form.topic.replace(/\s+/g, ' ').trim() : '';
    if (!topic || topic.length > MAX_TOPIC_CHARACTERS) throw invalid('topic', `Give the topic to add, at most ${MAX_TOPIC_CHARACTERS} characters.`);
    request.topic = topic;
  }
  return request;
}

/** The fields of a story after the bulk change, or undefined when it already has them. */
function changedFields(story: StoryRecord, request: BulkRequest): StoryFields | undefined {
  const fields = fieldsOf(story.article);
  if (request.action === 'move') return fields.section === request.section ? undefined : { ...fields, section: request.section! };
  const topic = request.topic!;
  return fields.topics.some((name) => name.toLowerCase() === topic.toLowerCase()) ? undefined : { ...fields, topics: [...fields.topics, topic] };
}

/**
 * Applies a bulk request story by story, each through the same workflow step the editor's buttons
 * use (its own unit of work: permission checked against the story as the transaction sees it, the
 * revision the list showed, the workflow's rules). One story's refusal leaves the others alone.
 */
export async function runBulkAction(db: Kysely<Schema>, writer: Writer, request: FastifyRequest, bulk: BulkRequest, context: StoryContext): Promise<BulkResult> {
  const user = requireUser(request);
  if (bulk.section && !(await findSectionBySlug(db, bulk.section))) throw invalid('section', `There is no section “${bulk.section}”.`);
  const result: BulkResult = { action: bulk.action, done: [], refused: [] };
  for (const { id, revision } of bulk.stories) {
    const story = await findStoryRecord(db, id);
    const title = story && can(user, 'story.read', accessOf(story)) ? story.article.title : undefined;
    if (!story || !title) {
      // An unreadable story is refused like a missing one: the list never offered it to this person.
      result.refused.push({ id, message: 'There is no such story you can see.' });
      continue;
    }
    try {
      result.done.push({ id, title, message: await applyTo(writer, request, story, { id, revision }, bulk, context) });
    } catch (error) {
      if (!(error instanceof AppError) || !['forbidden', 'conflict', 'invalid', 'not_found'].includes(error.kind)) throw error;
      result.refused.push({ id, title, message: refusalMessage(error) });
    }
  }
  return result;
}

async function applyTo(writer: Writer, request: FastifyRequest, story: StoryRecord, target: { id: number; revision: number }, bulk: BulkRequest, context: StoryContext): Promise<string> {
  const base = { id: target.id, baseRevision: target.revision };
  if (bulk.action === 'unpublish') {
    await unpublishStory(writer, base, context, authorizeFor(request, 'story.publish'));
    return 'Unpublished.';
  }
  const fields = changedFields(story, bulk);
  const done = bulk.action === 'move' ? `Moved to ${bulk.section}.` : `Topic “${bulk.topic}” added.`;
  if (!fields) return bulk.action === 'move' ? `Already in ${bulk.section}.` : `Already has the topic “${bulk.topic}”.`;
  // A live story changes through "Update" (not material: a move or a topic is no news to readers), others through a save.
  if (story.article.status === 'published') {
    await updatePublishedStory(writer, { ...base, fields, isMaterial: false }, context, authorizeFor(request, 'story.publish'));
  } else {
    await saveStory(writer, { ...base, fields, note: bulk.action === 'move' ? 'Moved (bulk)' : 'Topic added (bulk)' }, context, authorizeFor(request, 'story.edit'));
  }
  return done;
}

function refusalMessage(error: AppError): string {
  if (error.code === 'STORY_CONFLICT') return 'Someone saved it after the list was loaded: reload the list and try again.';
  if (error.kind === 'forbidden') return `Your role does not allow this for this story.`;
  return error.message;
}
