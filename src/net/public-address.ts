import { BlockList, isIP } from 'node:net';

// Webhook endpoints and wire feeds are URLs people type, fetched by the server: without a check, one
// could point the server at itself, the cloud's metadata service (169.254.169.254) or the private network.
// Only public unicast addresses are allowed; everything special-purpose (IANA's IPv4 and IPv6
// special-purpose registries) is refused, and an IPv6 address carrying an IPv4 one (mapped,
// NAT64) is judged by the IPv4 address it carries.

const REFUSED_V4: Array<[string, number]> = [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local (cloud metadata)
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
];

const REFUSED_V6: Array<[string, number]> = [
  ['::', 96], // unspecified, loopback, IPv4-compatible (deprecated)
  ['100::', 64], // discard
  ['2001::', 23], // IETF protocol assignments (Teredo, ORCHID…)
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4
  ['3fff::', 20], // documentation
  ['5f00::', 16], // segment routing
  ['fc00::', 7], // unique-local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
];

// IPv6 prefixes whose last 32 bits are an IPv4 address: IPv4-mapped, and NAT64's well-known and local prefixes.
const CARRIES_V4: Array<[string, number]> = [
  ['::ffff:0:0', 96],
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
];

const refused = new BlockList();
for (const [network, prefix] of REFUSED_V4) refused.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of REFUSED_V6) refused.addSubnet(network, prefix, 'ipv6');
const carriers = new BlockList();
for (const [network, prefix] of CARRIES_V4) carriers.addSubnet(network, prefix, 'ipv6');

/** Whether an IP address (v4 or v6, as text) is public unicast: neither private, loopback, link-local, unique-local, multicast nor otherwise special. Not an address: false. */
export function isPublicAddress(address: string): boolean {
  // A zone (`fe80::1%eth0`) names a link: only link-scoped addresses carry one.
  if (address.includes('%')) return false;
  const version = isIP(address);
  if (version === 4) return !refused.check(address, 'ipv4');
  if (version !== 6) return false;
  if (carriers.check(address, 'ipv6')) {
    const carried = embeddedIpv4(address);
    return carried !== undefined && isPublicAddress(carried);
  }
  return !refused.check(address, 'ipv6');
}

// The IPv4 address in an IPv6 address's last 32 bits; the URL parser writes IPv6 in its canonical
// form first (hex groups, `::` for the longest run of zeros, no dotted tail).
function embeddedIpv4(address: string): string | undefined {
  const canonical = new URL(`http://[${address}]/`).hostname.slice(1, -1);
  const [head, tail] = canonical.split('::').map((part) => (part ? part.split(':') : []));
  const words = tail === undefined ? head! : [...head!, ...Array<string>(8 - head!.length - tail.length).fill('0'), ...tail];
  if (words.length !== 8) return undefined;
  const high = parseInt(words[6]!, 16);
  const low = parseInt(words[7]!, 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}
