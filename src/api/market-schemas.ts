import { z } from 'zod';
import { MAX_QUOTES_PER_BATCH } from '../markets/quotes/index.js';

// The push API's shapes. The schema checks the shape of a batch (a malformed batch is a 400 naming
// each bad field, and nothing is stored); whether each quote makes sense (a known symbol, a sane
// price and time) is decided quote by quote, and the answer lists the ones refused.

/** The largest body the push API reads: 1,000 quotes of generous size. */
export const QUOTE_BATCH_BODY_LIMIT = 512 * 1024;

/** One quote as a provider pushes it. */
export const PushedQuoteSchema = z
  .strictObject({
    symbol: z.string().min(1).max(30).describe('The instrument\'s symbol on this site (upper case; "hald" is read as HALD).'),
    time: z.string().max(40).describe('When the price was current: ISO 8601 with a zone (2024-03-01T14:30:00Z, or with an offset). Not in the future (a minute of clock skew is allowed), at most 7 days old.'),
    price: z.number().describe('The price, above zero (a yield may be zero or negative). A move of 90 % or more from the last stored price is refused as a likely error.'),
    volume: z.number().nullable().optional().describe('Volume traded in the trading day up to this quote, zero or more.'),
    delayMinutes: z.number().nullable().optional().describe('How late the price is, as readers are told: 0 real time (the default), 15 for "Delayed 15 min", null for "End of day".'),
  })
  .describe('One price of one instrument at one time.');

/** The body of POST /api/v1/markets/quotes. */
export const QuoteBatchSchema = z
  .strictObject({ quotes: z.array(PushedQuoteSchema).min(1).max(MAX_QUOTES_PER_BATCH).describe(`1 to ${MAX_QUOTES_PER_BATCH} quotes.`) })
  .describe('A batch of quotes.');

/** A quote the batch carried that was not stored, and why. */
export const RefusedQuoteSchema = z
  .object({
    index: z.int().min(0).describe('Its place in the batch, from 0.'),
    symbol: z.string(),
    field: z.string().describe('The field at fault: symbol, time, price, volume or delayMinutes.'),
    reason: z.string().describe('What is wrong with it, in words.'),
  })
  .describe('A refused quote.');

/** What a batch did. */
export const QuoteBatchReportSchema = z
  .object({
    stored: z.int().min(0).describe('Quotes stored now.'),
    alreadyStored: z.int().min(0).describe('Quotes already stored (same symbol and time), by an earlier push of them: sending a batch again is safe.'),
    refused: z.array(RefusedQuoteSchema).describe('Quotes not stored, each with its index and the reason; the others were stored.'),
  })
  .describe('The outcome of a batch: every quote is counted once, as stored, already stored or refused.');
