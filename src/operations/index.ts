export { createAppMetrics, type AppMetrics, type MetricsSources } from './app-metrics.js';
export { isLoopbackAddress, mayReadMetrics, type MetricsRequest } from './metrics-access.js';
export { checkReadiness, type ChangeFeedStatus, type Readiness, type ReadinessSources, CHANGE_FEED_STUCK_AFTER_MS } from './readiness.js';
export { operationsRoutes, type OperationsRoutesOptions } from './routes.js';
