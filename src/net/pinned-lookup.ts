import type { LookupFunction } from 'node:net';
import type { ResolvedAddress } from './host-address.js';

/** A socket `lookup` that answers with the address already checked, whatever DNS says now (TLS still verifies the certificate for the host name). */
export function pinnedLookup({ address, family }: ResolvedAddress): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };
}
