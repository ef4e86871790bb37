import autocannon from 'autocannon';
import { readCpuMicros } from './processes.js';

/** A desktop browser's user agent (a reader, not a crawler). */
const BROWSER_USER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';

/** One load-test scenario: the paths requested, in turn, against one server. */
export interface Scenario {
  name: string;
  paths: string[];
  /** Cached scenarios are compared with the reference server. */
  isCached: boolean;
}

/** What one timed run measured. */
export interface LoadResult {
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  cpuMicrosPerRequest: number;
  non2xx: number;
  errors: number;
}

/** Loads a server with autocannon for a while, measuring throughput, latency and the server's CPU per request. */
export async function runLoad(baseUrl: string, serverPid: number, paths: string[], seconds: number, connections = 10): Promise<LoadResult> {
  let next = 0;
  const cpuBefore = readCpuMicros(serverPid);
  const result = await autocannon({
    url: baseUrl,
    connections,
    duration: seconds,
    // As browsers ask: with a user agent, so a cached article page's answer includes counting the view (most read).
    headers: { 'user-agent': BROWSER_USER_AGENT },
    requests: [
      {
        method: 'GET',
        setupRequest: (request) => {
          const path = paths[next]!;
          next = (next + 1) % paths.length;
          return { ...request, path };
        },
      },
    ],
  });
  const cpuUsed = readCpuMicros(serverPid) - cpuBefore;
  const completed = result.requests.total;
  return {
    requestsPerSecond: completed / seconds,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    cpuMicrosPerRequest: completed ? cpuUsed / completed : NaN,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}
