// Webhooks: story events sent, signed, to the endpoints admins register (Standard Webhooks).
export { resolveEndpointAddress } from './endpoint-address.js';
export { deliveryJobKey, enqueueWebhookDeliveries, WEBHOOK_DELIVERY_JOB } from './webhook-events.js';
export { generateWebhookSecret, signWebhook } from './webhook-signature.js';
export {
  countEndpoints,
  deleteEndpoint,
  findEndpoint,
  findMessage,
  insertEndpoint,
  listDeliveryAttempts,
  listEndpoints,
  replaceEndpointSecret,
  updateEndpoint,
  wasAttempted,
  WEBHOOK_EVENT_TYPES,
  type EndpointSettings,
  type WebhookDeliveryAttempt,
  type WebhookEndpoint,
} from './webhook-store.js';
export { createWebhookLogPruner, WEBHOOK_LOG_RETENTION_MS } from './webhook-log-pruner.js';
export { createWebhookWorker, WEBHOOK_MAX_RESPONSE_BYTES, WEBHOOK_RETRY, WEBHOOK_TIMEOUT_MS, type WebhookAttemptReport, type WebhookWorkerOptions } from './webhook-worker.js';
