import { AppError } from '../../errors.js';
import type { Writer } from '../../storage/index.js';
import { recordAudit } from '../accounts/audit-log.js';
import { generateToken, hashToken } from '../accounts/tokens.js';
import { isPreviewTokenShape, MAX_LIVE_PREVIEW_LINKS, parsePreviewLinkInput } from './preview-link.js';
import { countLivePreviewLinks, findLivePreviewLink, insertPreviewLink, markPreviewLinkOpened, revokePreviewLinkRow, type LivePreviewLink } from './preview-link-store.js';

/** Who acts, and when. The caller has checked that they may read the story. */
export interface PreviewLinkActor {
  userId: number;
  now: Date;
}

/** A link just made: the only moment its token exists outside the caller's hands. */
export interface IssuedPreviewLink {
  id: number;
  token: string;
  note: string;
  expiresAt: string;
}

/**
 * Makes a link to a story's draft (stored as its token's hash) with its audit row, in one unit of
 * work that dirties no public page. Refused (PREVIEW_LINK_INVALID) with a bad lifetime or note, and
 * (PREVIEW_LINKS_FULL) when the story has MAX_LIVE_PREVIEW_LINKS live links already: counted under
 * the story's preview-link lock, so two requests at once cannot both take the last place.
 */
export async function createPreviewLink(writer: Writer, storyId: number, values: Record<string, unknown>, actor: PreviewLinkActor): Promise<IssuedPreviewLink> {
  const input = parsePreviewLinkInput(values);
  const token = generateToken();
  const expiresAt = new Date(actor.now.getTime() + input.lifetimeMs).toISOString();
  const id = await writer.run(actor.now, async (work) => {
    await work.lock(`preview-links:${storyId}`);
    if ((await countLivePreviewLinks(work.trx, storyId, actor.now)) >= MAX_LIVE_PREVIEW_LINKS) {
      throw new AppError('PREVIEW_LINKS_FULL', 'conflict', `This story has ${MAX_LIVE_PREVIEW_LINKS} live preview links already: revoke one that is no longer needed first.`);
    }
    const linkId = await insertPreviewLink(work.trx, {
      articleId: storyId,
      tokenHash: hashToken(token),
      note: input.note,
      createdByUserId: actor.userId,
      createdAt: actor.now.toISOString(),
      expiresAt,
    });
    await recordAudit(work.trx, { actorUserId: actor.userId, action: 'preview_link.created', subject: `story:${storyId}`, detail: { linkId, note: input.note, expiresAt } }, actor.now);
    return linkId;
  });
  return { id, token, note: input.note, expiresAt };
}

/** Revokes one of a story's links with its audit row; the next request with it, on any instance, is a 404. Revoking a revoked link changes nothing. */
export async function revokePreviewLink(writer: Writer, storyId: number, linkId: number, actor: PreviewLinkActor): Promise<void> {
  await writer.run(actor.now, async (work) => {
    const note = await revokePreviewLinkRow(work.trx, { id: linkId, articleId: storyId }, actor.userId, actor.now.toISOString());
    if (note === undefined) return;
    await recordAudit(work.trx, { actorUserId: actor.userId, action: 'preview_link.revoked', subject: `story:${storyId}`, detail: { linkId, note } }, actor.now);
  });
}

/**
 * The live link a token opens, or undefined (unknown, revoked, expired, or not a token at all: one
 * answer for all). A found link is noted as opened, at most once a minute, in a unit of work that
 * dirties nothing.
 */
export async function openPreviewLink(writer: Writer, token: string, now: Date): Promise<LivePreviewLink | undefined> {
  if (!isPreviewTokenShape(token)) return undefined;
  const link = await findLivePreviewLink(writer.db, hashToken(token), now);
  if (link) await writer.run(now, (work) => markPreviewLinkOpened(work.trx, link.id, now));
  return link;
}
