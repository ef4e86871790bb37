import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { getEnvironmentData, setEnvironmentData } from 'node:worker_threads';
import { cleanText } from '../text/index.js';
import { sanitizeBodyToText } from './sanitize-body.js';

// Why a seal rather than a brand type or a flag: a body sanitized early (a feed item, normalized in
// a describing thread) reaches saveArticle through postMessage, the desk's JSON and object spreads.
// A brand type is gone at run time and a cast makes one; a flag field any caller can set, and a
// caller that copies fields between inputs would carry it onto a body it did not sanitize. A seal
// is an HMAC of the exact HTML under a key made once per process run: only the sanitizer here could
// have made it, it fails for any other HTML (an edited or swapped body), and it never outlives the
// process, so a body sanitized by another version of the sanitizer is sanitized again on save.
// Threads started after the key is made inherit it (worker environment data); a thread started
// before makes its own, whose seals then fail here: the body is sanitized again, never trusted.
const KEY_NAME = 'fortune-sky:body-seal-key';

function sealKey(): Uint8Array {
  const shared = getEnvironmentData(KEY_NAME);
  if (shared instanceof Uint8Array) return shared;
  const key = randomBytes(32);
  setEnvironmentData(KEY_NAME, key);
  return key;
}

// Over the HTML and its text: a sealed body holds no NUL (saving's cleaning drops it), so the pair reads one way only.
function hmac(html: string, text: string): Buffer {
  return createHmac('sha256', sealKey()).update(html).update('\u0000').update(text).digest();
}

/** A body cleaned and sanitized as saving would, with its seal when it is exactly what saving would store. */
export interface SanitizedBody {
  html: string;
  /** The body's readable text (`htmlToText(html)`), read while sanitizing. */
  text: string;
  /** Proof for `saveArticle` that `html` needs no second pass and `text` is its text (ArticleInput.bodySeal); absent, saving sanitizes it again. */
  seal?: string;
}

/**
 * Cleans and sanitizes a body (`sanitizeBodyHtml`, links resolved against `baseUrl`) and seals the
 * result, so saving it later in this process skips the sanitizer. A result that saving would still
 * change (a control character decoded from an entity, which saving's cleaning drops) is not sealed.
 */
export function sanitizeAndSealBody(html: string, options: { baseUrl?: string } = {}): SanitizedBody {
  const { html: sanitized, text } = sanitizeBodyToText(cleanText(html), options);
  return cleanText(sanitized) === sanitized ? { html: sanitized, text, seal: hmac(sanitized, text).toString('base64url') } : { html: sanitized, text };
}

/** Whether `seal` was made by `sanitizeAndSealBody` in this process for exactly this HTML and this text of it. */
export function isSealedBody(html: string, text: string | undefined, seal: string | undefined): boolean {
  if (!seal || text === undefined) return false;
  const given = Buffer.from(seal, 'base64url');
  const expected = hmac(html, text);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Makes the seal's key now, so describing threads started afterwards seal bodies this process trusts. */
export function shareBodySealWithThreads(): void {
  sealKey();
}
