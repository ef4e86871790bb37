/** One year, in seconds: how long browsers keep to HTTPS after seeing Strict-Transport-Security. */
export const HSTS_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

/**
 * Headers every response carries, routed or answered from the page cache: `nosniff`, so no
 * JSON or text answer is ever sniffed into HTML or script; and, when the site is served over
 * HTTPS, Strict-Transport-Security (without includeSubDomains: other hosts are the operator's call).
 */
export function securityHeaders({ siteUrl }: { siteUrl: string }): Readonly<Record<string, string>> {
  const headers: Record<string, string> = { 'x-content-type-options': 'nosniff' };
  if (siteUrl.startsWith('https:')) headers['strict-transport-security'] = `max-age=${HSTS_MAX_AGE_SECONDS}`;
  return Object.freeze(headers);
}
