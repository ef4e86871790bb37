// Outbound connections to addresses people type (webhook endpoints, wire feeds): the check that
// keeps them off private networks, and the lookup that connects to the address checked.
export { HostAddressError, resolveHostAddress, type HostAddressPolicy, type HostResolver, type ResolvedAddress } from './host-address.js';
export { isPublicAddress } from './public-address.js';
export { pinnedLookup } from './pinned-lookup.js';
