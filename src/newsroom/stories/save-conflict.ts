import type { Kysely } from 'kysely';
import { formatDisplayTime } from '../../content/articles/index.js';
import { findLatestRevision } from '../../content/stories/index.js';
import { AppError } from '../../errors.js';
import type { Schema } from '../../storage/index.js';

/** What the editor says when a save was refused because someone else saved meanwhile. */
export interface SaveConflict {
  message: string;
  savedBy: string;
  savedAt: string;
  revision: number;
  revisionsPath: string;
}

/** Whether an error is the stale-save refusal (the revision check in the write path). */
export function isSaveConflict(error: unknown): error is AppError {
  return error instanceof AppError && error.code === 'STORY_CONFLICT';
}

/**
 * Who saved the story last and when, for a refused stale save: the person keeps their text and is
 * sent to the revisions to see what changed. Read after the refusal, so it names the newest save.
 */
export async function describeSaveConflict(db: Kysely<Schema>, storyId: number, timeZone: string): Promise<SaveConflict> {
  const latest = await findLatestRevision(db, storyId);
  const savedBy = latest?.createdBy || 'Someone else';
  const savedAt = latest?.createdAt ?? '';
  const time = savedAt ? formatDisplayTime(savedAt, timeZone) : 'a moment ago';
  return {
    message: `${savedBy} saved this story at ${time} (revision ${latest?.revision ?? '?'}) while you were editing, so your changes were not saved. Your text is still here: see what changed in the revisions; saving again replaces their version with yours.`,
    savedBy,
    savedAt,
    revision: latest?.revision ?? 0,
    revisionsPath: `/newsroom/stories/${storyId}/revisions/`,
  };
}

/** The stale-save refusal for JSON clients (autosave): the same message, with who, when and where to look in its details. */
export function saveConflictError(conflict: SaveConflict): AppError {
  const { message, savedBy, savedAt, revision, revisionsPath } = conflict;
  return new AppError('STORY_CONFLICT', 'conflict', message, { savedBy, savedAt, revision: String(revision), revisionsPath });
}
