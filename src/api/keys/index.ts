// Content API keys: their secrets (made, hashed, recognised) and their rows. The newsroom issues
// and revokes them (src/newsroom/api-keys/); the API looks them up on each request.
export { generateApiKeySecret, hashApiKeySecret, isApiKeySecretShape, type NewApiKeySecret } from './api-key-secret.js';
export { insertApiKey, listApiKeys, lookUpApiKey, revokeApiKey, type ActiveApiKey, type ApiKey, type ApiKeyLookup } from './api-key-store.js';
export { API_KEY_SCOPES, formatApiKeyScopes, parseApiKeyScopes, type ApiKeyScope } from './api-key-scopes.js';
