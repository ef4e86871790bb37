import { z } from 'zod';
import { plainTextToHtml, zonedParts } from '../../content/articles/index.js';
import type { StoryFields } from '../../content/stories/index.js';
import { MAX_ROW_ID, parseRowId } from '../../row-id.js';

/** The buttons of the editor form: each submits the whole form with one of these. */
export const EDITOR_ACTIONS = ['save', 'submit', 'schedule', 'unschedule', 'publish', 'update', 'unpublish'] as const;

/** One editor button. */
export type EditorAction = (typeof EDITOR_ACTIONS)[number];

/** A ticker symbol as exchanges and data vendors write them (AAPL, BRK.B, 0700.HK, ^GSPC, EURUSD=X). */
const TICKER_SYMBOL = /^\^?[A-Za-z0-9][A-Za-z0-9.:=-]{0,23}$/;

const text = (max: number) => z.string().max(max, `Keep this under ${max.toLocaleString('en')} characters.`).default('');

/** The editor form as posted (application/x-www-form-urlencoded); names match the form controls. */
export const StoryFormSchema = z.object({
  title: z.string().trim().min(1, 'Give the story a title.').max(300, 'Keep the title under 300 characters.'),
  dek: text(1000),
  excerpt: text(1000),
  body: text(500_000),
  slug: text(200),
  section: text(200),
  bylines: text(1000),
  topics: text(1000),
  /** Absent (an older form, an autosave from an older page) leaves the story's tickers alone. */
  tickers: z
    .string()
    .max(1000, 'Keep the tickers under 1,000 characters.')
    .refine((value) => splitList(value).every((symbol) => TICKER_SYMBOL.test(symbol)), 'Give ticker symbols like AAPL or BRK.B, separated by commas.')
    .optional(),
  canonical_url: z
    .string()
    .trim()
    .default('')
    .refine((value) => value === '' || /^https?:\/\/[^\s]+$/i.test(value), 'Give a full web address starting with https://, or leave it empty.'),
  revision: z.coerce.number().int().min(0).max(MAX_ROW_ID).default(0),
  action: z.enum(EDITOR_ACTIONS).default('save'),
  publish_at: text(40),
  material: z.string().optional(),
  /** Absent (an older form) leaves the hero image alone; "" removes it. */
  hero_media_id: z.string().refine((value) => value === '' || parseRowId(value) !== undefined, 'Pick an image from the list.').optional(),
});

/** The parsed editor form. */
export type StoryForm = z.infer<typeof StoryFormSchema>;

/** A parsed form, or the error of each field (keyed by control name). */
export type ParsedStoryForm = { isValid: true; form: StoryForm } | { isValid: false; errors: Record<string, string> };

/** Checks the editor form; errors are keyed by form control name. */
export function parseStoryForm(values: Record<string, string>): ParsedStoryForm {
  const result = StoryFormSchema.safeParse(values);
  if (result.success) return { isValid: true, form: result.data };
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    errors[field] ??= issue.message;
  }
  return { isValid: false, errors };
}

/** "a, b , c" → ["a", "b", "c"]. */
export function splitList(value: string): string[] {
  return value
    .split(/[,\n]/)
    .map((item) => item.trim())
    .filter(Boolean);
}

/** The story fields the service saves, from the parsed form. */
export function storyFieldsOf(form: StoryForm): StoryFields {
  return {
    title: form.title,
    dek: form.dek.trim(),
    excerpt: form.excerpt.trim() || null,
    bodyHtml: bodyHtmlOf(form.body),
    slug: form.slug.trim(),
    section: form.section,
    bylines: splitList(form.bylines),
    topics: splitList(form.topics),
    tickers: form.tickers === undefined ? undefined : splitList(form.tickers).map((symbol) => symbol.toUpperCase()),
    canonicalUrl: form.canonical_url || null,
    heroMediaId: form.hero_media_id === undefined ? undefined : form.hero_media_id === '' ? null : Number(form.hero_media_id),
  };
}

/** The body box holds HTML; text typed without any tags (no-JS, pasted copy) becomes paragraphs. */
export function bodyHtmlOf(body: string): string {
  return /<[a-z!/]/i.test(body) ? body : plainTextToHtml(body);
}

/** The form values that show stored fields. */
export function formValuesOf(fields: StoryFields, revision: number): Record<string, string> {
  return {
    title: fields.title,
    dek: fields.dek,
    excerpt: fields.excerpt ?? '',
    body: fields.bodyHtml,
    slug: fields.slug,
    section: fields.section,
    bylines: fields.bylines.join(', '),
    topics: fields.topics.join(', '),
    tickers: (fields.tickers ?? []).join(', '),
    canonical_url: fields.canonicalUrl ?? '',
    revision: String(revision),
  };
}

/**
 * A wall-clock time typed in the site's zone ("2026-05-01T09:30", as datetime-local sends it)
 * as an instant; undefined if it is not such a time.
 */
export function parseLocalTime(value: string, timeZone: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})$/.exec(value.trim());
  if (!match) return undefined;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const wallAsUtc = Date.UTC(y, mo - 1, d, h, mi);
  if (Number.isNaN(wallAsUtc)) return undefined;
  // The offset depends on the instant; two rounds settle it (one more near a transition).
  let instant = wallAsUtc;
  for (let round = 0; round < 3; round++) instant = wallAsUtc - zonedParts(new Date(instant), timeZone).offsetMinutes * 60_000;
  return new Date(instant);
}

/** An instant as a datetime-local value in the site's zone. */
export function toLocalTimeValue(iso: string, timeZone: string): string {
  const p = zonedParts(new Date(iso), timeZone);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}
