import { z } from 'zod';
import { AppError } from '../../errors.js';
import type { SourceSettings } from './source-store.js';

/** Feed formats a source may be set to; none means detect from the response. */
export const SOURCE_FORMATS = ['rss', 'atom', 'json', 'ninjs'] as const;

/** Shortest and longest poll interval: a feed polled more often than a minute gains nothing and costs its publisher. */
export const MIN_POLL_SECONDS = 60;
export const MAX_POLL_SECONDS = 7 * 24 * 3600;
/** The poll interval when none is given. */
export const DEFAULT_POLL_SECONDS = 300;

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** A poll interval written as `90`, `90s`, `5m`, `2h` or `1d` → seconds, or undefined when unreadable. */
export function parseInterval(text: string): number | undefined {
  const match = /^\s*(\d{1,7})\s*([smhd]?)\s*$/i.exec(text);
  if (!match) return undefined;
  return Number(match[1]) * UNIT_SECONDS[(match[2] || 's').toLowerCase()]!;
}

/** An interval in seconds as a person writes it (`5m`, `2h`, `90s`). */
export function formatInterval(seconds: number): string {
  for (const [unit, size] of [['d', 86400], ['h', 3600], ['m', 60]] as const) if (seconds % size === 0) return `${seconds / size}${unit}`;
  return `${seconds}s`;
}

const SettingsSchema = z.object({
  name: z.string().trim().min(1, 'Give the source a name.').max(200, 'Use a name of at most 200 characters.'),
  url: z
    .string()
    .trim()
    .min(1, 'Give the feed’s address.')
    .max(2000, 'Use an address of at most 2,000 characters.')
    .refine((value) => URL.canParse(value) && ['http:', 'https:'].includes(new URL(value).protocol), 'Give an http:// or https:// address, such as https://example.com/feed.xml.')
    .refine((value) => !URL.canParse(value) || (!new URL(value).username && !new URL(value).password), 'Leave the user name and password out of the address.')
    .transform((value) => new URL(value).href),
  format: z.enum(['', ...SOURCE_FORMATS], { message: `Choose a format (${SOURCE_FORMATS.join(', ')}) or leave it to be detected.` }).transform((value) => value || null),
  every: z
    .string()
    .trim()
    .transform((value, ctx) => {
      const seconds = value === '' ? DEFAULT_POLL_SECONDS : parseInterval(value);
      if (seconds === undefined || seconds < MIN_POLL_SECONDS || seconds > MAX_POLL_SECONDS) {
        ctx.addIssue({ code: 'custom', message: 'Poll every 1 minute to 7 days, written like 5m, 2h or 1d.' });
        return z.NEVER;
      }
      return seconds;
    }),
  section: z.string().trim().max(200, 'Use a section name of at most 200 characters.').transform((value) => value || null),
  policy: z.enum(['draft', 'publish'], { message: 'Choose what happens to new items: wait on the desk, or publish at once.' }),
  credit: z.string().trim().max(200, 'Use a credit line of at most 200 characters.'),
  enabled: z.string().optional(),
});

/**
 * Reads a source's settings from form or command-line values (every field a string), reporting
 * every bad field at once; `knownSections` are the site's section names and slugs (lower case).
 */
export function parseSourceSettings(values: Record<string, string | undefined>, knownSections: ReadonlySet<string>): SourceSettings {
  const parsed = SettingsSchema.safeParse({
    name: values.name ?? '',
    url: values.url ?? '',
    format: values.format ?? '',
    every: values.every ?? '',
    section: values.section ?? '',
    policy: values.policy || 'draft',
    credit: values.credit ?? '',
    enabled: values.enabled,
  });
  const errors: Record<string, string> = {};
  if (!parsed.success) for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
  const section = (values.section ?? '').trim();
  if (section && !knownSections.has(section.toLowerCase())) errors.section = `There is no section "${section}": leave it empty or use one of ${[...knownSections].join(', ')}.`;
  if (!parsed.success || Object.keys(errors).length > 0) throw new AppError('INGEST_SOURCE_INVALID', 'invalid', Object.values(errors)[0]!, errors);
  const data = parsed.data;
  return {
    name: data.name,
    url: data.url,
    format: data.format,
    pollSeconds: data.every,
    defaultSection: data.section,
    policy: data.policy,
    credit: data.credit || data.name,
    isEnabled: data.enabled === 'on',
  };
}
