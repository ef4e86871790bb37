// A Location header is resolved by the browser against the page's address. "/path" stays on this
// site, but "//evil.example/" (and "/\evil.example/", since browsers read "\" as "/") names
// another host, and browsers drop tabs and newlines before parsing, so "/\t/evil.example/" is the
// same attack. Percent-encoded slashes are collapsed too, for proxies that decode them.
const LEADING_SLASHES = /^(?:[/\\]|%2f|%5c)+/i;
// Only printable ASCII: no whitespace or control characters (which browsers strip or reject), and
// nothing a header cannot carry.
const PRINTABLE_ASCII = /^[\x21-\x7e]*$/;

/**
 * The same-site path a redirect may send a browser to: the target with any run of leading slashes
 * and backslashes collapsed into one "/"; undefined when it is not a path or holds whitespace,
 * control or non-ASCII characters (answer 404 or use a default then).
 */
export function toSameSitePath(target: string): string | undefined {
  if (!PRINTABLE_ASCII.test(target)) return undefined;
  const leading = LEADING_SLASHES.exec(target);
  if (!leading) return undefined;
  return `/${target.slice(leading[0].length)}`;
}
