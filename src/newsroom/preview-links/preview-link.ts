import { z } from 'zod';
import { AppError } from '../../errors.js';

/** The lifetimes a preview link may be given, shortest first. */
export const PREVIEW_LINK_LIFETIMES = [
  { value: '1h', label: '1 hour', ms: 60 * 60 * 1000 },
  { value: '24h', label: '24 hours', ms: 24 * 60 * 60 * 1000 },
  { value: '7d', label: '7 days', ms: 7 * 24 * 60 * 60 * 1000 },
] as const;

/** A lifetime's name, as the form sends it. */
export type PreviewLinkLifetime = (typeof PREVIEW_LINK_LIFETIMES)[number]['value'];

/** The lifetime a new link gets unless another is chosen. */
export const DEFAULT_PREVIEW_LINK_LIFETIME: PreviewLinkLifetime = '24h';

/** The longest note a link may carry. */
export const MAX_PREVIEW_LINK_NOTE = 200;

/**
 * Links live at once on one story, at most: a story is shown to a handful of people, and the
 * bound keeps the story's list (and what a script in a signed-in browser could make) small.
 */
export const MAX_LIVE_PREVIEW_LINKS = 20;

/** The address of the public page a preview link opens. */
export const PREVIEW_PATH_PREFIX = '/preview/';

/** The public path of a preview link's page. */
export function previewLinkPath(token: string): string {
  return `${PREVIEW_PATH_PREFIX}${token}/`;
}

/** A token as generateToken makes it: 256 bits in URL-safe base64 (43 characters). */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** Whether a string can be a preview link's token at all (anything else is not looked up). */
export function isPreviewTokenShape(token: string): boolean {
  return TOKEN_SHAPE.test(token);
}

/** What making a link takes from the form: its lifetime and a note saying who it is for. */
export const PreviewLinkInputSchema = z.object({
  lifetime: z.enum(['1h', '24h', '7d'], {
    message: `Choose how long the link works: ${PREVIEW_LINK_LIFETIMES.map(({ label }) => label).join(', ')}.`,
  }),
  note: z.string().trim().max(MAX_PREVIEW_LINK_NOTE, `Keep the note to ${MAX_PREVIEW_LINK_NOTE} characters.`),
});

/** A checked request for a link. */
export interface PreviewLinkInput {
  lifetimeMs: number;
  note: string;
}

/** Checks the form's fields (a missing lifetime is the default, a missing note empty); throws PREVIEW_LINK_INVALID naming the field. */
export function parsePreviewLinkInput(values: Record<string, unknown>): PreviewLinkInput {
  const parsed = PreviewLinkInputSchema.safeParse({ lifetime: values.lifetime ?? DEFAULT_PREVIEW_LINK_LIFETIME, note: values.note ?? '' });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = String(issue.path[0] ?? 'lifetime');
    throw new AppError('PREVIEW_LINK_INVALID', 'invalid', issue.message, { [field]: issue.message });
  }
  const lifetime = PREVIEW_LINK_LIFETIMES.find(({ value }) => value === parsed.data.lifetime)!;
  return { lifetimeMs: lifetime.ms, note: parsed.data.note };
}
