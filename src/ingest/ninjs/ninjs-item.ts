import { z } from 'zod';

// The part of IPTC ninjs 3.x that Fortune Sky reads. Unknown properties are allowed and
// ignored, so real wire items import; what we use is checked with a message per field.

const dateTime = z
  .string()
  .refine((value) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) && !Number.isNaN(Date.parse(value)), {
    message: 'must be an ISO 8601 date-time such as 2023-05-26T03:46:00+08:00',
  });

const text = z.string({ message: 'must be a string' });

const named = z.looseObject({ name: text.optional(), rel: text.optional(), uri: text.optional(), literal: text.optional() });

// ninjs 3.x organisationType.symbols: the organisation's instruments at a market place.
const organisation = named.extend({
  symbols: z.array(z.looseObject({ symbol: text.optional(), exchange: text.optional(), symbolType: text.optional() })).optional(),
});

const roleValue = z.looseObject({ role: text.optional(), contentType: text.optional(), value: text });

/** A ninjs item as far as import needs it. */
export const NinjsItemSchema = z.looseObject({
  uri: text.min(1, 'must not be empty'),
  type: text.optional(),
  version: text.optional(),
  firstCreated: dateTime.optional(),
  versionCreated: dateTime.optional(),
  contentCreated: dateTime.optional(),
  pubStatus: z.enum(['usable', 'withheld', 'canceled'], { message: 'must be usable, withheld or canceled' }).optional(),
  language: text.optional(),
  title: text.optional(),
  slugline: text.optional(),
  by: text.optional(),
  copyrightHolder: text.optional(),
  headlines: z.array(roleValue).optional(),
  descriptions: z.array(roleValue).optional(),
  bodies: z.array(roleValue).optional(),
  subjects: z.array(named).optional(),
  people: z.array(named).optional(),
  organisations: z.array(organisation).optional(),
  places: z.array(named).optional(),
  infoSources: z.array(z.looseObject({ name: text.optional(), role: text.optional(), uri: text.optional() })).optional(),
  altIds: z.array(z.looseObject({ role: text.optional(), value: text })).optional(),
});

/** A validated ninjs item. */
export type NinjsItem = z.infer<typeof NinjsItemSchema>;
