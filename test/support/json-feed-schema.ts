import { z } from 'zod';

// JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/) as zod: required members, types and the
// rules the spec states in prose (an item needs content_html or content_text; dates are RFC 3339).

const rfc3339 = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/, 'must be an RFC 3339 date-time');
const url = z.url();

const AuthorSchema = z
  .object({ name: z.string().optional(), url: url.optional(), avatar: url.optional() })
  .strict()
  .refine((author) => author.name || author.url || author.avatar, 'an author needs a name, url or avatar');

const ItemSchema = z
  .object({
    id: z.string().min(1),
    url: url.optional(),
    external_url: url.optional(),
    title: z.string().optional(),
    content_html: z.string().optional(),
    content_text: z.string().optional(),
    summary: z.string().optional(),
    image: url.optional(),
    banner_image: url.optional(),
    date_published: rfc3339.optional(),
    date_modified: rfc3339.optional(),
    authors: z.array(AuthorSchema).optional(),
    tags: z.array(z.string()).optional(),
    language: z.string().optional(),
    attachments: z.array(z.object({ url, mime_type: z.string() }).loose()).optional(),
  })
  .strict()
  .refine((item) => item.content_html !== undefined || item.content_text !== undefined, 'an item needs content_html or content_text');

/** A JSON Feed 1.1 document; unknown members fail (extensions must start with "_", and we write none). */
export const JsonFeed11Schema = z
  .object({
    version: z.literal('https://jsonfeed.org/version/1.1'),
    title: z.string().min(1),
    home_page_url: url.optional(),
    feed_url: url.optional(),
    description: z.string().optional(),
    user_comment: z.string().optional(),
    next_url: url.optional(),
    icon: url.optional(),
    favicon: url.optional(),
    authors: z.array(AuthorSchema).optional(),
    language: z.string().optional(),
    expired: z.boolean().optional(),
    items: z.array(ItemSchema),
  })
  .strict();
