import type { Kysely } from 'kysely';
import { AppError } from '../../errors.js';
import type { ArticleEventType, Schema, Transaction, Work, Writer } from '../../storage/index.js';
import {
  cacheKeysOfStory,
  formatDisplayTime,
  saveArticle,
  setHeroImage,
  storyConflict,
  type ArticleInput,
  type ArticleStatus,
  type StoredArticle,
} from '../articles/index.js';
import { findAuthorsByIds, type Author } from '../taxonomy/index.js';
import { cleanText, slugify } from '../text/index.js';
import { checkPublishTime, checkStep, statusAfter, type StoryStep } from './story-rules.js';
import { findRevisionSnapshot, findStoryRecord, insertCorrection, listDueStoryIds, setStoryWorkflow, type StoryRecord } from './story-store.js';

/** Who is acting: a newsroom user, or the scheduler (userId null). */
export interface StoryActor {
  userId: number | null;
  name: string;
  /** The user's own author: their name in a byline means them, not another person of that name. */
  authorId?: number | null;
}

/** One audit row, as the newsroom's audit log takes it (`recordAudit` in newsroom/accounts fits). */
export type StoryAuditWriter = (
  trx: Transaction,
  entry: { actorUserId: number | null; action: string; subject: string; detail?: Record<string, unknown> },
  now: Date,
) => Promise<void>;

/** When and by whom a workflow step happens; the clock is read once by the caller. */
export interface StoryContext {
  now: Date;
  timeZone: string;
  actor: StoryActor;
  /** Writes the audit row of each editorial step, inside the step's transaction. */
  audit: StoryAuditWriter;
}

// Editorial steps that change what readers see or who decides next go to the audit log; plain
// saves (and autosaves) are in the revisions already.
const AUDITED_STEPS: Partial<Record<StoryStep, string>> = {
  submit: 'story.submitted',
  schedule: 'story.scheduled',
  unschedule: 'story.unscheduled',
  publish: 'story.published',
  update: 'story.updated',
  unpublish: 'story.unpublished',
  correct: 'story.corrected',
  restore: 'story.restored',
};

/** What the story editor's form edits. */
export interface StoryFields {
  title: string;
  dek: string;
  /** Teaser override; null derives the teaser from the body. */
  excerpt: string | null;
  bodyHtml: string;
  /** Wanted slug; empty derives it from the title until the story is first published. */
  slug: string;
  /** Section name or slug. */
  section: string;
  bylines: string[];
  topics: string[];
  /** Ticker symbols the story is about; undefined leaves the story's tickers as they are (imports, older forms). */
  tickers?: string[];
  canonicalUrl: string | null;
  /** The hero image from the media library; null removes it, undefined leaves it as it is. */
  heroMediaId?: number | null;
}

/** Checks permission against the story as the transaction sees it; throws AppError forbidden. */
export type AuthorizeStory = (story: StoryRecord) => void;

/** What a step did: the story's new state, and notices for the person (e.g. a changed slug). */
export interface StoryChange {
  id: number;
  revision: number;
  status: ArticleStatus;
  slug: string;
  urlDate: string | null;
  outcome: 'created' | 'updated' | 'unchanged';
  notices: string[];
}

/** The revision a save was based on; a mismatch means someone else saved in between. */
export interface StoryTarget {
  id: number;
  /** Undefined only for the scheduler, which acts on the story as it stands. */
  baseRevision: number | undefined;
}

const SOURCE = 'newsroom';

/**
 * Creates a story from the editor's fields; the creator owns it. A draft, or, with `publish` (the
 * new-story form's "Publish", for those the caller has allowed to publish), live at once: created
 * and published in the one transaction, with both audit rows and the `article.published` event.
 */
export async function createStory(
  writer: Writer,
  fields: StoryFields,
  context: StoryContext & { uri: string; language: string },
  options: { publish?: boolean } = {},
): Promise<StoryChange> {
  return writer.run(context.now, async (work) => {
    const { trx } = work;
    const status = options.publish ? 'published' : 'draft';
    const input = toInput(undefined, fields, { status, publishedAt: null, updatedAt: null, language: context.language, uri: context.uri });
    const knownAuthors = await findAuthorsByIds(trx, actorAuthorIds(context.actor));
    const note = options.publish ? 'Created and published' : 'Created';
    const saved = await saveArticle(work, input, { now: context.now, timeZone: context.timeZone, actor: context.actor.name, note, knownAuthors });
    await setStoryWorkflow(trx, saved.id, { createdByUserId: context.actor.userId }, context.now);
    if (fields.heroMediaId !== undefined) await setHeroImage(work, saved.id, fields.heroMediaId);
    const audit = (action: string, detail: Record<string, unknown>) =>
      context.audit(trx, { actorUserId: context.actor.userId, action, subject: `story:${saved.id}`, detail }, context.now);
    await audit('story.created', { title: input.title });
    if (options.publish) {
      await audit(AUDITED_STEPS.publish!, { title: input.title, from: 'draft', to: status });
      work.emit({ type: 'article.published', articleId: saved.id });
    }
    return describeChange(trx, saved.id, saved.outcome, input.slug);
  });
}

/** Saves edits to a story that is not live, keeping its status. */
export function saveStory(writer: Writer, target: StoryTarget & { fields: StoryFields; note?: string }, context: StoryContext, authorize: AuthorizeStory) {
  return applyStep(writer, target, 'save', context, authorize, { fields: target.fields, note: target.note ?? 'Saved' });
}

/** Draft → in review, with any edits sent along. */
export function submitForReview(writer: Writer, target: StoryTarget & { fields?: StoryFields }, context: StoryContext, authorize: AuthorizeStory) {
  return applyStep(writer, target, 'submit', context, authorize, { fields: target.fields, note: 'Submitted for review' });
}

/** Schedules a story to go live at a time (to the minute); the job runner publishes it then. */
export async function scheduleStory(
  writer: Writer,
  target: StoryTarget & { fields?: StoryFields; publishAt: Date },
  context: StoryContext,
  authorize: AuthorizeStory,
) {
  const verdict = checkPublishTime(target.publishAt, context.now);
  if (!verdict.isAllowed) throw new AppError('PUBLISH_TIME_INVALID', 'invalid', verdict.reason, { publishAt: verdict.reason });
  const publishAt = new Date(Math.floor(target.publishAt.getTime() / 60_000) * 60_000);
  return applyStep(writer, target, 'schedule', context, authorize, {
    fields: target.fields,
    note: `Scheduled for ${formatDisplayTime(publishAt.toISOString(), context.timeZone)}`,
    scheduledFor: publishAt.toISOString(),
    auditDetail: { publishAt: publishAt.toISOString() },
  });
}

/** Takes a scheduled story back to draft. */
export function unscheduleStory(writer: Writer, target: StoryTarget, context: StoryContext, authorize: AuthorizeStory) {
  return applyStep(writer, target, 'unschedule', context, authorize, { note: 'Schedule cancelled', scheduledFor: null });
}

/** Publishes a story now, with any edits sent along. */
export function publishStory(writer: Writer, target: StoryTarget & { fields?: StoryFields }, context: StoryContext, authorize: AuthorizeStory) {
  return applyStep(writer, target, 'publish', context, authorize, { fields: target.fields, note: 'Published', scheduledFor: null });
}

/** Saves edits to a live story; a material update sets the "Updated" time readers see. */
export function updatePublishedStory(
  writer: Writer,
  target: StoryTarget & { fields: StoryFields; isMaterial: boolean },
  context: StoryContext,
  authorize: AuthorizeStory,
) {
  return applyStep(writer, target, 'update', context, authorize, {
    fields: target.fields,
    note: target.isMaterial ? 'Updated (material)' : 'Updated',
    auditDetail: { isMaterial: target.isMaterial },
    updatedAt: target.isMaterial ? context.now.toISOString() : undefined,
  });
}

/** Takes a live story off the site; its address answers 404 until it is published again. */
export function unpublishStory(writer: Writer, target: StoryTarget, context: StoryContext, authorize: AuthorizeStory) {
  return applyStep(writer, target, 'unpublish', context, authorize, { note: 'Unpublished' });
}

/** Appends a dated public correction to a live story and moves its modified time (JSON-LD dateModified). */
export async function addCorrection(writer: Writer, target: StoryTarget & { text: string }, context: StoryContext, authorize: AuthorizeStory) {
  const text = cleanText(target.text).replace(/\s+/g, ' ').trim();
  if (!text) throw new AppError('CORRECTION_REQUIRED', 'invalid', 'Write the correction readers will see.', { correction: 'required' });
  return applyStep(writer, target, 'correct', context, authorize, {
    note: `Correction: ${text}`,
    auditDetail: { correction: text },
    updatedAt: context.now.toISOString(),
    afterSave: async (work, story) => {
      await insertCorrection(work.trx, story.article.id, text, context.now);
      // The note shows on the story's pages even when the save itself changed nothing (same instant).
      work.dirty(await cacheKeysOfStory(work.trx, story.article.id));
    },
  });
}

/** Saves an earlier revision's content as a new revision (status and workflow stay as they are). */
export async function restoreRevision(
  writer: Writer,
  target: StoryTarget & { revision: number },
  context: StoryContext,
  authorize: AuthorizeStory,
): Promise<StoryChange> {
  const found = await findRevisionSnapshot(writer.db, target.id, target.revision);
  if (!found) throw new AppError('REVISION_NOT_FOUND', 'not_found', `This story has no revision ${target.revision}.`, { revision: String(target.revision) });
  const { snapshot } = found;
  return applyStep(writer, target, 'restore', context, authorize, {
    fields: fieldsOf(snapshot),
    keepTags: snapshot.tags,
    note: `Restored revision ${target.revision}`,
    auditDetail: { revision: target.revision },
  });
}

/**
 * Publishes every scheduled story whose time has come, each through `publishScheduledStory`;
 * returns their ids. The job queue's `story.publish` jobs are how the app publishes on schedule;
 * this sweep is for callers without a worker (tools and tests).
 */
export async function publishDueStories(writer: Writer, context: StoryContext): Promise<number[]> {
  const published: number[] = [];
  for (const id of await listDueStoryIds(writer.db, context.now)) {
    if (await publishScheduledStory(writer, id, context)) published.push(id);
  }
  return published;
}

/**
 * Publishes one scheduled story if it is still scheduled and due, through the same publish step as
 * the newsroom's button in its own unit of work (revision, audit row with via: schedule, purge after
 * commit); whether it did. The check runs on the row as the publish transaction reads it, so a
 * story unscheduled, rescheduled or already published meanwhile is left alone, and calling it
 * twice (a job taken over after a crash, two processes at once) publishes once.
 */
export async function publishScheduledStory(writer: Writer, id: number, context: StoryContext): Promise<boolean> {
  const isStillDue = (story: StoryRecord) => story.article.status === 'scheduled' && story.scheduledFor !== null && story.scheduledFor <= context.now.toISOString();
  try {
    await applyStep(
      writer,
      { id, baseRevision: undefined },
      'publish',
      context,
      (story) => {
        if (!isStillDue(story)) throw new AppError('STORY_NOT_DUE', 'conflict', 'The story is no longer scheduled for now.');
      },
      { note: 'Published on schedule', scheduledFor: null, auditDetail: { via: 'schedule' } },
    );
    return true;
  } catch (error) {
    // Not due any more, deleted, or another process published it first (its conditional write won).
    if (error instanceof AppError && ['STORY_NOT_DUE', 'STORY_NOT_FOUND', 'STORY_CONFLICT', 'STORY_STEP_REFUSED'].includes(error.code)) return false;
    throw error;
  }
}

interface StepOptions {
  fields?: StoryFields;
  note: string;
  /** Facts for the step's audit row (the publish time, the correction's text, the restored revision). */
  auditDetail?: Record<string, unknown>;
  scheduledFor?: string | null;
  /** undefined keeps the story's updated time. */
  updatedAt?: string;
  /** Restores: the exact tags of the revision, not just its topics. */
  keepTags?: StoredArticle['tags'];
  afterSave?: (work: Work, story: StoryRecord) => Promise<void>;
}

// One pipeline for every step, whoever asks (newsroom, autosave, scheduler), in one unit of work:
// load → authorize → workflow rule → conditional write at the base revision (STORY_CONFLICT when
// another save got there first) → revision → workflow columns → audit. The unit of work appends
// the change event with the keys the save named and purges after commit.
async function applyStep(
  writer: Writer,
  target: StoryTarget,
  step: StoryStep,
  context: StoryContext,
  authorize: AuthorizeStory,
  options: StepOptions,
): Promise<StoryChange> {
  return writer.run(context.now, async (work) => {
    const { trx } = work;
    await work.lock(`story:${target.id}`);
    const story = await findStoryRecord(trx, target.id);
    if (!story) throw storyNotFound(target.id);
    authorize(story);
    // A step taken from a revision someone else has since moved on from is that conflict, said as
    // such, before any work on the story's content.
    if (target.baseRevision !== undefined && target.baseRevision !== story.article.revision) throw storyConflict(story.article, context.timeZone);
    const verdict = checkStep(story.article.status, step);
    if (!verdict.isAllowed) throw new AppError('STORY_STEP_REFUSED', 'conflict', verdict.reason, { step });
    const { article } = story;
    const status = statusAfter(article.status, step);
    const input = toInput(article, options.fields, {
      status,
      publishedAt: article.publishedAt,
      updatedAt: options.updatedAt ?? article.updatedAt,
      keepTags: options.keepTags,
    });
    // The story's own authors first, so an edit keeps its people; then the actor's.
    const knownAuthors = sortByIds(await findAuthorsByIds(trx, [...story.authorIds, ...actorAuthorIds(context.actor)]), [...story.authorIds, ...actorAuthorIds(context.actor)]);
    const saved = await saveArticle(work, input, {
      now: context.now,
      timeZone: context.timeZone,
      actor: context.actor.name,
      note: options.note,
      knownAuthors,
      expectedRevision: target.baseRevision,
    });
    if (options.afterSave) await options.afterSave(work, story);
    const event = articleEventOf(step, status, saved.outcome);
    if (event) work.emit({ type: event, articleId: saved.id });
    const scheduledFor = options.scheduledFor !== undefined ? options.scheduledFor : status === 'scheduled' ? story.scheduledFor : null;
    await setStoryWorkflow(trx, saved.id, { scheduledFor }, context.now);
    if (options.fields?.heroMediaId !== undefined) await setHeroImage(work, saved.id, options.fields.heroMediaId);
    const auditAction = AUDITED_STEPS[step];
    if (auditAction) {
      const detail = { title: input.title, from: article.status, to: status, ...options.auditDetail };
      await context.audit(trx, { actorUserId: context.actor.userId, action: auditAction, subject: `story:${saved.id}`, detail }, context.now);
    }
    return describeChange(trx, saved.id, saved.outcome, input.slug);
  });
}

/**
 * The event a step is for those outside (webhooks): publishing (by hand or on schedule),
 * unpublishing, a correction, and `article.updated` when a live story's public content changed
 * (an update or a restore that saved a new revision). Saves of stories not live, and an update
 * that changed nothing, are nobody's news.
 */
function articleEventOf(step: StoryStep, status: ArticleStatus, outcome: StoryChange['outcome']): ArticleEventType | undefined {
  if (step === 'publish') return 'article.published';
  if (step === 'unpublish') return 'article.unpublished';
  if (step === 'correct') return 'article.corrected';
  if ((step === 'update' || step === 'restore') && status === 'published' && outcome === 'updated') return 'article.updated';
  return undefined;
}

function actorAuthorIds(actor: StoryActor): number[] {
  return actor.authorId === undefined || actor.authorId === null ? [] : [actor.authorId];
}

function sortByIds(authors: Author[], ids: number[]): Author[] {
  return [...authors].sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id));
}

function storyNotFound(id: number): AppError {
  return new AppError('STORY_NOT_FOUND', 'not_found', `There is no story ${id}: it may have been deleted, or the link is wrong.`, { id: String(id) });
}

async function describeChange(trx: Kysely<Schema>, id: number, outcome: StoryChange['outcome'], wantedSlug: string | undefined): Promise<StoryChange> {
  const story = await findStoryRecord(trx, id);
  if (!story) throw storyNotFound(id);
  const { article } = story;
  const notices: string[] = [];
  if (wantedSlug && article.slug !== wantedSlug) {
    notices.push(`The slug “${wantedSlug}” is taken by another story, so this one uses “${article.slug}”.`);
  }
  if (outcome === 'unchanged') notices.push('Nothing had changed, so no new revision was saved.');
  return { id, revision: article.revision, status: article.status, slug: article.slug, urlDate: article.urlDate, outcome, notices };
}

/** The editor's fields of a stored story (what the form shows, what a restore brings back). */
export function fieldsOf(article: StoredArticle): StoryFields {
  return {
    title: article.title,
    dek: article.dek,
    excerpt: article.excerpt,
    bodyHtml: article.bodyHtml,
    slug: article.slug,
    section: article.sectionSlug,
    bylines: article.bylines,
    topics: article.tags.filter((tag) => tag.kind === 'topic').map((tag) => tag.name),
    tickers: article.tags.filter((tag) => tag.kind === 'ticker').map((tag) => tag.name),
    canonicalUrl: article.canonicalUrl,
  };
}

function toInput(
  article: StoredArticle | undefined,
  fields: StoryFields | undefined,
  state: { status: ArticleStatus; publishedAt: string | null; updatedAt: string | null; language?: string; uri?: string; keepTags?: StoredArticle['tags'] },
): ArticleInput & { slug?: string } {
  const base = fields ?? fieldsOf(article!);
  // Topics (and tickers, when the fields carry them) are what the editor shows; other tags (people,
  // places from imports) stay as they are.
  const edited = base.tickers === undefined ? ['topic'] : ['topic', 'ticker'];
  const otherTags = (article?.tags ?? []).filter((tag) => !edited.includes(tag.kind));
  const tickers = (base.tickers ?? []).map((name) => ({ kind: 'ticker' as const, name }));
  const tags = state.keepTags ?? [...base.topics.map((name) => ({ kind: 'topic' as const, name })), ...tickers, ...otherTags];
  const wantedSlug = slugify(base.slug);
  // Until the story has a public address, an empty slug follows the title.
  const slug = wantedSlug || (!article?.urlDate ? slugify(base.title) || undefined : undefined);
  return {
    uri: article?.uri ?? state.uri!,
    slug,
    status: state.status,
    title: base.title,
    dek: base.dek,
    excerpt: base.excerpt,
    bodyHtml: base.bodyHtml,
    section: base.section || null,
    bylines: base.bylines,
    tags,
    canonicalUrl: base.canonicalUrl,
    source: article?.source ?? SOURCE,
    language: article?.language ?? state.language ?? 'en',
    publishedAt: state.publishedAt,
    updatedAt: state.updatedAt,
  };
}
