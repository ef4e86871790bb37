import { findMedia } from '../../content/media/index.js';
import { findAuthorProfile, updateAuthorProfile, type AuthorProfile } from '../../content/taxonomy/index.js';
import { AppError } from '../../errors.js';
import { parseRowId } from '../../row-id.js';
import type { Writer } from '../../storage/index.js';
import { recordAudit } from './audit-log.js';
import type { NewsroomUser } from './permissions.js';

/** The profile form's fields: the byline name, the bio, and the photo's media id ('' for none). */
export interface ProfileForm {
  name: string;
  bio: string;
  photo: string;
}

function noByline(): AppError {
  return new AppError('AUTHOR_NOT_FOUND', 'not_found', 'Your account has no byline to edit; ask an admin.');
}

/** The signed-in user's byline profile. */
export async function findOwnProfile(writer: Writer, user: NewsroomUser): Promise<AuthorProfile> {
  const profile = user.authorId === null ? undefined : await findAuthorProfile(writer.db, user.authorId);
  if (!profile) throw noByline();
  return profile;
}

/**
 * Saves the signed-in user's byline name, bio and photo (an image of the media library) on their
 * author row, in one unit of work with its audit row; the author page and whatever else shows the
 * byline are purged after the commit. Refuses with PROFILE_INVALID (a message per field).
 */
export async function updateOwnProfile(writer: Writer, user: NewsroomUser, form: ProfileForm, now: Date): Promise<void> {
  const authorId = user.authorId;
  if (authorId === null) throw noByline();
  const photoMediaId = form.photo === '' ? null : parseRowId(form.photo);
  await writer.run(now, async (work) => {
    if (photoMediaId === undefined || (photoMediaId !== null && !(await findMedia(work.trx, photoMediaId)))) {
      throw new AppError('PROFILE_INVALID', 'invalid', 'That photo is not in the media library (any more); choose another.', { photo: 'Choose a photo from the media library, or none.' });
    }
    const isChanged = await updateAuthorProfile(work, authorId, { name: form.name, bio: form.bio, photoMediaId });
    if (isChanged) await recordAudit(work.trx, { actorUserId: user.id, action: 'user.profile_updated', subject: `user:${user.id}`, detail: { authorId, photoMediaId } }, now);
  });
}
