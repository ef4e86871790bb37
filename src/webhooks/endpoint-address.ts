import { resolveHostAddress, type HostResolver, type ResolvedAddress } from '../net/index.js';

/** The address a delivery connects to for an endpoint's host: public only unless allowed (`src/net/`), refusals saying why webhooks care. */
export function resolveEndpointAddress(hostname: string, policy: { allowPrivate: boolean; resolve?: HostResolver }): Promise<ResolvedAddress> {
  return resolveHostAddress(hostname, { ...policy, refusal: 'webhooks are sent only to public addresses' });
}
