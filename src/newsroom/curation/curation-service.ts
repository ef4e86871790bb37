import { z } from 'zod';
import {
  addTopStory,
  clearBanner,
  loadFrontPageCuration,
  moveTopStory,
  raiseBanner,
  removeFromFrontPage,
  saveFrontPageCuration,
  setLead,
  type CurationChange,
  type FrontPageCuration,
} from '../../content/curation/index.js';
import { AppError } from '../../errors.js';
import type { Writer } from '../../storage/index.js';
import { recordAudit } from '../accounts/audit-log.js';
import { BANNER_DURATIONS } from './front-page-editor.js';
import { MAX_ROW_ID } from '../../row-id.js';

/** The curation steps the front-page editor offers. */
export type CurationAction = 'lead' | 'top' | 'move' | 'remove';

/** A front-page step as posted: which story, and for moves which way. */
export const CurationInputSchema = z.object({
  articleId: z.coerce.number().int().positive().max(MAX_ROW_ID),
  direction: z.enum(['up', 'down']).optional(),
});

const changes: Record<CurationAction, (curation: FrontPageCuration, input: z.infer<typeof CurationInputSchema>) => CurationChange> = {
  lead: (curation, { articleId }) => setLead(curation, articleId),
  top: (curation, { articleId }) => addTopStory(curation, articleId),
  move: (curation, { articleId, direction }) => moveTopStory(curation, articleId, direction ?? 'up'),
  remove: (curation, { articleId }) => removeFromFrontPage(curation, articleId),
};

const AUDIT_ACTIONS: Record<CurationAction, string> = {
  lead: 'frontpage.lead_set',
  top: 'frontpage.top_added',
  move: 'frontpage.top_moved',
  remove: 'frontpage.removed',
};

/** Who curates and when. */
export interface CurationContext {
  now: Date;
  userId: number;
}

/** Applies one curation step in one unit of work: read, change (or refuse with the reason), conditional write, audit; the front page is purged after commit. */
export async function curateFrontPage(writer: Writer, action: CurationAction, body: unknown, { now, userId }: CurationContext): Promise<void> {
  const parsed = CurationInputSchema.safeParse(body);
  if (!parsed.success) throw new AppError('FRONT_PAGE_INVALID', 'invalid', 'Pick a story from the list (the form sent no story id).', { form: 'articleId' });
  await writer.run(now, async (work) => {
    await work.lock('front-page');
    const before = await loadFrontPageCuration(work.trx);
    const change = changes[action](before, parsed.data);
    if (!change.ok) throw new AppError('FRONT_PAGE_CHANGE_REFUSED', 'invalid', change.reason, { form: change.reason });
    await saveFrontPageCuration(work, before, change.curation);
    const { articleId, direction } = parsed.data;
    await recordAudit(work.trx, { actorUserId: userId, action: AUDIT_ACTIONS[action], subject: `story:${articleId}`, detail: direction && action === 'move' ? { direction } : {} }, now);
  });
}

// A site path ("/…", not "//host") or an absolute http(s) URL: nothing a banner link could run script from.
const isSafeLink = (value: string) => value === '' || (/^\/(?!\/)/.test(value) && !/[\s\\]/.test(value)) || /^https?:\/\/[^\s\\]+$/i.test(value);

/** A banner as the form posts it. */
export const BannerInputSchema = z.object({
  text: z.string().trim().min(1, 'Write the banner text.').max(200, 'Keep the banner under 200 characters.'),
  url: z.string().trim().max(2000, 'The link is too long.').refine(isSafeLink, 'Use a path on this site (starting with /) or a full http(s):// address.').default(''),
  expiresInMinutes: z.coerce
    .number()
    .refine((minutes) => BANNER_DURATIONS.some((d) => d.minutes === minutes), 'Choose how long the banner shows from the list.'),
});

/** Raises a banner (clearing any other) that expires after the chosen time; field errors name the form fields. */
export async function raiseBreakingBanner(writer: Writer, body: unknown, context: CurationContext): Promise<void> {
  const parsed = BannerInputSchema.safeParse(body);
  if (!parsed.success) {
    const details: Record<string, string> = {};
    for (const issue of parsed.error.issues) details[String(issue.path[0])] ??= issue.message;
    throw new AppError('BANNER_INVALID', 'invalid', 'The banner was not raised: correct the marked fields.', details);
  }
  const { text, url, expiresInMinutes } = parsed.data;
  const expiresAt = new Date(context.now.getTime() + expiresInMinutes * 60_000);
  await writer.run(context.now, async (work) => {
    await raiseBanner(work, { text, url, expiresAt, createdByUserId: context.userId });
    await recordAudit(work.trx, { actorUserId: context.userId, action: 'banner.raised', subject: 'banner', detail: { text, url, expiresAt: expiresAt.toISOString() } }, context.now);
  });
}

/** Clears the banner, if one shows (and audits that it did). */
export async function clearBreakingBanner(writer: Writer, { now, userId }: CurationContext): Promise<boolean> {
  return writer.run(now, async (work) => {
    const isCleared = await clearBanner(work);
    if (isCleared) await recordAudit(work.trx, { actorUserId: userId, action: 'banner.cleared', subject: 'banner' }, now);
    return isCleared;
  });
}
