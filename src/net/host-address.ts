import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { isPublicAddress } from './public-address.js';

/** An address to connect to, as DNS gave it. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to all its addresses (the system resolver by default; tests may pass their own). */
export type HostResolver = (hostname: string) => Promise<ResolvedAddress[]>;

/** Why a URL's host may not be connected to; the message is for a person (an admin's form, a delivery or fetch log). */
export class HostAddressError extends Error {
  override name = 'HostAddressError';
  constructor(
    message: string,
    /** `not-public`: a refusal (the address is private or this machine); `not-found`: DNS has no address, which may pass. */
    readonly reason: 'not-public' | 'not-found',
  ) {
    super(message);
  }
}

/** How the address check is made: `refusal` ends each refusal's message, saying what is allowed ("webhooks are sent only to public addresses"). */
export interface HostAddressPolicy {
  allowPrivate: boolean;
  resolve?: HostResolver;
  refusal?: string;
  /** Which addresses count as public (`isPublicAddress`); a test may widen it to reach its loopback server as if it were a public host. */
  isPublic?: (address: string) => boolean;
}

/**
 * Names reserved for documentation and testing (RFC 2606, RFC 6761: `example.com`, `.example`,
 * `.test`, `.invalid`…): no real source or receiver lives there, so DNS is never asked about them
 * (the tests' made-up hosts stay on this machine, and nothing leaves it for them).
 */
export function isReservedName(name: string): boolean {
  return /(?:^|\.)(?:example|test|invalid)$/.test(name) || /(?:^|\.)example\.(?:com|net|org)$/.test(name);
}

const systemResolver: HostResolver = async (hostname) =>
  isReservedName(hostname) ? [] : (await dnsLookup(hostname, { all: true, verbatim: true })).map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));

/**
 * The address to connect to for a URL's host (as `new URL` parsed it, which already turned
 * `0x7f.1`, `2130706433` and other IPv4 spellings into dotted quads): an address literal is taken
 * as it is, a name is resolved. Unless private addresses are allowed, every address must be public
 * (a name with one private answer is refused: DNS could hand that one out next), and `localhost`
 * names are refused without asking DNS. Callers connect to the address returned (`pinnedLookup`), so
 * a name that resolves differently a moment later (DNS rebinding) cannot slip past the check.
 */
export async function resolveHostAddress(
  hostname: string,
  { allowPrivate, resolve = systemResolver, refusal = 'only public addresses are allowed', isPublic = isPublicAddress }: HostAddressPolicy,
): Promise<ResolvedAddress> {
  const host = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
  const version = isIP(host);
  if (version !== 0) {
    if (!allowPrivate && !isPublic(host)) throw new HostAddressError(`${host} is not a public address: ${refusal}.`, 'not-public');
    return { address: host, family: version === 6 ? 6 : 4 };
  }
  const name = host.toLowerCase().replace(/\.$/, '');
  if (!allowPrivate && (name === 'localhost' || name.endsWith('.localhost'))) throw new HostAddressError(`${hostname} is this machine: ${refusal}.`, 'not-public');
  let addresses: ResolvedAddress[];
  try {
    addresses = await resolve(name);
  } catch {
    addresses = [];
  }
  if (addresses.length === 0) throw new HostAddressError(`${hostname} could not be found (DNS has no address for it).`, 'not-found');
  const refused = allowPrivate ? undefined : addresses.find(({ address }) => !isPublic(address));
  if (refused) throw new HostAddressError(`${hostname} resolves to ${refused.address}, which is not a public address: ${refusal}.`, 'not-public');
  return addresses[0]!;
}
