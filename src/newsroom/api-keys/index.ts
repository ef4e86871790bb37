// Content API keys in the newsroom: admins issue and revoke them (/newsroom/api-keys/).
export { apiKeyRoutes, type ApiKeyRoutesOptions } from './api-key-routes.js';
export { issueApiKey, revokeApiKeyById, type IssuedApiKey } from './api-key-service.js';
