/**
 * A probe that asks /healthz every ~20 ms on a listening server and reports the longest stall
 * it saw: how long a probe waited for its answer, or how late the next probe could be sent.
 * The server runs in this process, so a handler that blocks the event loop delays both; the
 * stall is read from the probe, not from the wall time of the request under test.
 */
import { request } from 'node:http';

/** What a probe saw while it ran. */
export interface ProbeReport {
  /** The longest stall in milliseconds. */
  worstMs: number;
  probes: number;
  failures: number;
}

/** A running probe. */
export interface HealthProbe {
  stop(): Promise<ProbeReport>;
  /** The longest stall since the last call (or the start), then starts afresh. */
  takeWorst(): number;
}

const PROBE_INTERVAL_MS = 20;

function getHealth(port: number): Promise<number> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/healthz', agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
    req.end();
  });
}

/** Starts probing /healthz on 127.0.0.1:port. */
export function startHealthProbe(port: number): HealthProbe {
  let running = true;
  const report: ProbeReport = { worstMs: 0, probes: 0, failures: 0 };
  let worstSinceTaken = 0;
  const see = (ms: number) => {
    report.worstMs = Math.max(report.worstMs, ms);
    worstSinceTaken = Math.max(worstSinceTaken, ms);
  };
  const loop = (async () => {
    while (running) {
      const sentAt = performance.now();
      const status = await getHealth(port);
      const answeredAt = performance.now();
      report.probes += 1;
      if (status !== 200) report.failures += 1;
      see(answeredAt - sentAt);
      await new Promise((resolve) => setTimeout(resolve, PROBE_INTERVAL_MS));
      // A timer that fires late means the loop was busy while no probe was in flight.
      see(performance.now() - answeredAt - PROBE_INTERVAL_MS);
    }
  })();
  return {
    takeWorst() {
      const worst = worstSinceTaken;
      worstSinceTaken = 0;
      return worst;
    },
    async stop() {
      running = false;
      await loop;
      return report;
    },
  };
}

/** Runs work while probing /healthz; returns the work's result and what the probe saw. */
export async function whileProbing<T>(port: number, work: () => Promise<T>): Promise<{ result: T; probe: ProbeReport }> {
  const probe = startHealthProbe(port);
  // Let a few probes through first, so a stall at the very start is seen.
  await new Promise((resolve) => setTimeout(resolve, 3 * PROBE_INTERVAL_MS));
  try {
    const result = await work();
    await new Promise((resolve) => setTimeout(resolve, 2 * PROBE_INTERVAL_MS));
    return { result, probe: await probe.stop() };
  } catch (error) {
    await probe.stop();
    throw error;
  }
}

/** The longest a /healthz probe may wait: generous against a noisy shared machine (the design's budget is 100 ms). */
export const PROBE_LIMIT_MS = 250;
