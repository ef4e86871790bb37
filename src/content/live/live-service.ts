import { AppError } from '../../errors.js';
import type { Work, Writer } from '../../storage/index.js';
import { plainTextToHtml, touchPublishedStory } from '../articles/index.js';
import { findMedia } from '../media/index.js';
import { findStoryRecord, type AuthorizeStory, type StoryAuditWriter, type StoryRecord } from '../stories/index.js';
import { checkCoverageStep, checkUpdateText, type CoverageStep } from './live-rules.js';
import { changeUpdate, endCoverageRow, findCoverage, insertUpdate, startCoverageRow, takeNextSeq } from './live-store.js';

/** The cache key of a story's live coverage: its article page and API item carry it; every coverage change dirties it. */
export function liveCacheKey(articleId: number): string {
  return `live:${articleId}`;
}

/** The story id a live cache key names, or undefined for any other key. */
export function storyIdOfLiveKey(key: string): number | undefined {
  const match = /^live:(\d+)$/.exec(key);
  return match ? Number(match[1]) : undefined;
}

/** Who posts, when, and where their steps are audited (the newsroom's audit log). */
export interface LiveContext {
  now: Date;
  actor: { userId: number | null; name: string };
  audit: StoryAuditWriter;
}

/** What an update says: its text (plain text; blank lines make paragraphs), an optional image and an optional instrument to quote. */
export interface UpdateFields {
  text: string;
  /** A media library image; null for none. */
  mediaId: number | null;
  /** An instrument's symbol, checked by the caller against the instruments (markets); null for none. */
  quoteSymbol: string | null;
}

/** Turns a story live (again, after an end). */
export function startCoverage(writer: Writer, storyId: number, context: LiveContext, authorize: AuthorizeStory): Promise<void> {
  return runCoverageStep(writer, storyId, 'start', context, authorize, async (work) => {
    await startCoverageRow(work.trx, storyId, context.now);
    await audit(work, context, 'live.started', storyId, {});
  });
}

/** Ends a story's live coverage: open pages show "Coverage ended" and their streams close. */
export function endCoverage(writer: Writer, storyId: number, context: LiveContext, authorize: AuthorizeStory): Promise<void> {
  return runCoverageStep(writer, storyId, 'end', context, authorize, async (work) => {
    await endCoverageRow(work.trx, storyId, context.now);
    // Seq moves, so streams (which read by seq) hear of the end.
    await takeNextSeq(work.trx, storyId);
    await audit(work, context, 'live.ended', storyId, {});
  });
}

/** Posts an update to a live story; returns its id. */
export function postUpdate(writer: Writer, storyId: number, fields: UpdateFields, context: LiveContext, authorize: AuthorizeStory): Promise<number> {
  const bodyHtml = bodyOf(fields.text);
  return runCoverageStep(writer, storyId, 'post', context, authorize, async (work) => {
    await checkMedia(work, fields.mediaId);
    const seq = await takeNextSeq(work.trx, storyId);
    const id = await insertUpdate(work.trx, {
      articleId: storyId,
      seq,
      at: context.now,
      authorUserId: context.actor.userId,
      authorName: context.actor.name,
      bodyHtml,
      mediaId: fields.mediaId,
      quoteSymbol: fields.quoteSymbol,
      isPinned: false,
    });
    await touchPublishedStory(work.trx, storyId, context.now);
    await audit(work, context, 'live.update_posted', storyId, { update: id });
    return id;
  });
}

/** Changes an update's text, image and quote (its posting time stays). */
export function editUpdate(writer: Writer, target: { storyId: number; updateId: number }, fields: UpdateFields, context: LiveContext, authorize: AuthorizeStory): Promise<void> {
  const bodyHtml = bodyOf(fields.text);
  return changeOne(writer, target, context, authorize, 'live.update_edited', { bodyHtml, mediaId: fields.mediaId, quoteSymbol: fields.quoteSymbol });
}

/** Pins an update as a key point (shown first) or unpins it. */
export function setUpdatePinned(writer: Writer, target: { storyId: number; updateId: number }, isPinned: boolean, context: LiveContext, authorize: AuthorizeStory): Promise<void> {
  return changeOne(writer, target, context, authorize, isPinned ? 'live.update_pinned' : 'live.update_unpinned', { isPinned });
}

/** Deletes an update: readers no longer see it, open pages drop it; the row stays for the stream and the audit trail. */
export function deleteUpdate(writer: Writer, target: { storyId: number; updateId: number }, context: LiveContext, authorize: AuthorizeStory): Promise<void> {
  return changeOne(writer, target, context, authorize, 'live.update_deleted', { isDeleted: true });
}

function changeOne(
  writer: Writer,
  target: { storyId: number; updateId: number },
  context: LiveContext,
  authorize: AuthorizeStory,
  action: string,
  change: Parameters<typeof changeUpdate>[2],
): Promise<void> {
  return runCoverageStep(writer, target.storyId, 'edit', context, authorize, async (work) => {
    if (change.mediaId !== undefined) await checkMedia(work, change.mediaId);
    const seq = await takeNextSeq(work.trx, target.storyId);
    const isChanged = await changeUpdate(work.trx, { articleId: target.storyId, updateId: target.updateId, seq, at: context.now }, change);
    if (!isChanged) throw new AppError('LIVE_UPDATE_NOT_FOUND', 'not_found', 'This update does not exist or was deleted.', { update: String(target.updateId) });
    await audit(work, context, action, target.storyId, { update: target.updateId });
  });
}

// One pipeline for every coverage step, in one unit of work: lock the story (its seqs follow commit
// order) → load → authorize → the coverage rule → the step's writes → audit; the story's live key
// (and its feeds, whose updated time moves) are dirtied when readers can see the story.
async function runCoverageStep<T>(
  writer: Writer,
  storyId: number,
  step: CoverageStep,
  context: LiveContext,
  authorize: AuthorizeStory,
  write: (work: Work) => Promise<T>,
): Promise<T> {
  return writer.run(context.now, async (work) => {
    await work.lock(`story:${storyId}`);
    const story = await findStoryRecord(work.trx, storyId);
    if (!story) throw new AppError('STORY_NOT_FOUND', 'not_found', `There is no story ${storyId}: it may have been deleted, or the link is wrong.`, { id: String(storyId) });
    authorize(story);
    const coverage = await findCoverage(work.trx, storyId);
    const verdict = checkCoverageStep(coverage?.state, step);
    if (!verdict.isAllowed) throw new AppError('LIVE_STEP_REFUSED', 'conflict', verdict.reason, { step });
    const result = await write(work);
    if (isPublic(story)) work.dirty([liveCacheKey(storyId), 'feeds']);
    return result;
  });
}

function isPublic(story: StoryRecord): boolean {
  return story.article.status === 'published';
}

function bodyOf(rawText: string): string {
  const checked = checkUpdateText(rawText);
  if ('reason' in checked) throw new AppError('LIVE_UPDATE_INVALID', 'invalid', checked.reason, { text: checked.reason });
  return plainTextToHtml(checked.text);
}

async function checkMedia(work: Work, mediaId: number | null): Promise<void> {
  if (mediaId !== null && !(await findMedia(work.trx, mediaId))) {
    throw new AppError('LIVE_UPDATE_INVALID', 'invalid', 'That image is not in the media library.', { image: 'unknown' });
  }
}

function audit(work: Work, context: LiveContext, action: string, storyId: number, detail: Record<string, unknown>): Promise<void> {
  return context.audit(work.trx, { actorUserId: context.actor.userId, action, subject: `story:${storyId}`, detail }, context.now);
}
