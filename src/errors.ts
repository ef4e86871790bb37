/** What went wrong, in terms that decide the HTTP status. */
export type ErrorKind =
  | 'invalid'
  | 'not_found'
  | 'conflict'
  | 'forbidden'
  | 'not_acceptable'
  | 'unauthenticated'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'unavailable';

/** An error a person can act on: a stable code, a kind, a message and optional field details. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly kind: ErrorKind,
    message: string,
    readonly details: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

const statusByKind: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  not_acceptable: 406,
  conflict: 409,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
};

/** The HTTP status for an error kind. */
export function httpStatusFor(kind: ErrorKind): number {
  return statusByKind[kind];
}
