// Webhook endpoints in the newsroom: admins register, change, rotate and delete them and see their deliveries (/newsroom/webhooks/).
export { changeEndpoint, MAX_WEBHOOK_ENDPOINTS, registerEndpoint, removeEndpoint, rotateEndpointSecret, sendAgain } from './webhook-endpoint-service.js';
export { DELIVERIES_SHOWN, webhookRoutes, type WebhookRoutesOptions } from './webhook-routes.js';
