import { collectDefaultMetrics, Registry } from 'prom-client';

// The one deliberate module-level value here. prom-client's default collectors describe the
// process, not an app (memory, CPU, event-loop delay, garbage collection), and install a GC
// observer and an event-loop monitor that cannot be removed: made once per app, a test process
// that builds hundreds of apps would run hundreds of them. So they are made once per process and
// shared by every app's /metrics.
let processRegistry: Registry | undefined;

/** Node's and the process's own metrics (prom-client's defaults: `process_*`, `nodejs_*`), collected once per process. */
export function processMetricsRegistry(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}
