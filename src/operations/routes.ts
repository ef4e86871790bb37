import type { FastifyPluginAsync } from 'fastify';
import { AppError } from '../errors.js';
import type { AppMetrics } from './app-metrics.js';
import { mayReadMetrics } from './metrics-access.js';
import type { Readiness } from './readiness.js';

/** What the operations routes need. */
export interface OperationsRoutesOptions {
  metrics: Pick<AppMetrics, 'scrape'>;
  /** METRICS_TOKEN, or undefined: /metrics only for direct loopback requests. */
  metricsToken: string | undefined;
  checkReadiness: () => Promise<Readiness>;
}

/**
 * /readyz for load balancers (public: it says only whether to send traffic here, and why not) and
 * /metrics for Prometheus (loopback or METRICS_TOKEN only). Neither is ever cached: each answer is
 * `no-store`, and neither goes through the page cache.
 */
export const operationsRoutes: FastifyPluginAsync<OperationsRoutesOptions> = async (app, { metrics, metricsToken, checkReadiness }) => {
  app.get('/readyz', async (request, reply) => {
    const readiness = await checkReadiness();
    if (!readiness.isReady) request.log.warn({ err: readiness.error, readiness: readiness.body }, 'not ready');
    return reply.code(readiness.isReady ? 200 : 503).header('cache-control', 'no-store').send(readiness.body);
  });

  app.get('/metrics', async (request, reply) => {
    if (!mayReadMetrics({ remoteAddress: request.socket.remoteAddress, headers: request.headers }, metricsToken)) {
      throw new AppError(
        'METRICS_FORBIDDEN',
        'forbidden',
        'Metrics are served only to requests from this machine that no proxy forwarded, or with the METRICS_TOKEN bearer token.',
      );
    }
    const { contentType, body, error } = await metrics.scrape();
    if (error) request.log.warn({ err: error }, 'metrics from the database could not be read');
    return reply.header('content-type', contentType).header('cache-control', 'no-store').send(body);
  });
};
