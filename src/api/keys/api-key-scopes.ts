// What a key may do. Every key reads the Content API; pushing market quotes is a scope an admin
// ticks when issuing the key (migration 020 gave keys issued before `read` only).

/** A permission an API key carries. */
export type ApiKeyScope = 'read' | 'markets:write';

/** Every scope, in the order lists show them, with the words the newsroom uses for it. */
export const API_KEY_SCOPES: readonly { scope: ApiKeyScope; label: string }[] = [
  { scope: 'read', label: 'Read the Content API' },
  { scope: 'markets:write', label: 'Push market quotes' },
];

/** The scopes a stored value names (space-separated); unknown words are ignored, `read` is always there. */
export function parseApiKeyScopes(stored: string): ApiKeyScope[] {
  const words = new Set(stored.split(' '));
  return API_KEY_SCOPES.filter(({ scope }) => scope === 'read' || words.has(scope)).map(({ scope }) => scope);
}

/** The stored form of a set of scopes (`read` included). */
export function formatApiKeyScopes(scopes: Iterable<ApiKeyScope>): string {
  const given = new Set<ApiKeyScope>(scopes);
  return API_KEY_SCOPES.filter(({ scope }) => scope === 'read' || given.has(scope))
    .map(({ scope }) => scope)
    .join(' ');
}
