/** An error the Content API answers with: its code, HTTP status, and what to do about it. */
export interface ApiErrorCode {
  code: string;
  status: number;
  meaning: string;
}

/** Every error code the Content API sends, in the order the reference lists them (each problem's `type` points at its entry). */
export const API_ERROR_CODES: readonly ApiErrorCode[] = [
  { code: 'INVALID_REQUEST', status: 400, meaning: 'A query parameter is malformed or unknown (a filter that is not a slug, a limit outside 1–100, a time without a zone, a misspelt name). `errors` names each one.' },
  { code: 'INVALID_CURSOR', status: 400, meaning: 'The cursor is not one this API gave out. Pass the previous page\'s `nextCursor` unchanged, or leave it out to start again.' },
  { code: 'INVALID_SEARCH', status: 400, meaning: 'The search has nothing to look for (only spaces, punctuation, common words such as "the", or exclusions), its start date comes after its end date, or the page lies past the 1,000 matches a search ranks.' },
  { code: 'INVALID_ARTICLE_ID', status: 400, meaning: 'A story id must be a whole number, as in /api/v1/articles/42.' },
  { code: 'INVALID_ARTICLE_PATH', status: 400, meaning: 'A story path has the form /yyyy/mm/dd/slug/.' },
  { code: 'API_KEY_INVALID', status: 401, meaning: 'The Authorization header is not "Bearer" and a key issued in the newsroom, or the key is not known. Send no Authorization header to read anonymously.' },
  { code: 'API_KEY_REQUIRED', status: 401, meaning: 'The operation (pushing quotes) needs an API key: send "Authorization: Bearer" and a key issued in the newsroom with "Push market quotes" ticked.' },
  { code: 'API_KEY_SCOPE', status: 403, meaning: 'The key may read but not do this: pushing quotes needs a key issued with "Push market quotes" ticked. Ask an admin for one.' },
  { code: 'FST_ERR_CTP_BODY_TOO_LARGE', status: 413, meaning: 'The request body is larger than the operation reads (512 KiB for a batch of quotes): send fewer quotes at once.' },
  { code: 'API_KEY_REVOKED', status: 403, meaning: 'The key was revoked by an admin. Ask for a new one.' },
  { code: 'ARTICLE_NOT_FOUND', status: 404, meaning: 'No published story has that id or path (drafts and unpublished stories are not public).' },
  { code: 'NOT_FOUND', status: 404, meaning: 'There is no such API address; the operations are listed in this reference.' },
  { code: 'NOT_ACCEPTABLE', status: 406, meaning: 'The Accept header rules out every type the operation answers with (application/json; for a story also application/ninjs+json).' },
  { code: 'RATE_LIMITED', status: 429, meaning: 'Too many requests this minute from this key or, without a key, this address. Wait for Retry-After seconds; an API key allows more.' },
  { code: 'INTERNAL', status: 500, meaning: 'Something went wrong on the server; it was logged. Try again later.' },
];
