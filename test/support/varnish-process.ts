/**
 * Varnish for tests: the project's shipped VCL (deploy/varnish/fortune-sky.vcl) run by a real
 * `varnishd` (Debian's varnish and varnish-modules, installed by .ci/run) on a loopback port, in
 * its own working directory, with its purge log read back through `varnishncsa`.
 *
 *   const vcl = shippedVclWithPorts([portA, portB]);      // only the two backend ports change
 *   const edge = await startVarnish({ vcl, port: await freePort() });
 *   const page = await edgeGet(edge.url, '/');             // X-Edge-Cache: MISS, then HIT
 *   const purges = await edge.purges();                    // every PURGE it received
 *   await edge.stop();
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

/** The VCL file the project ships for operators. */
export const SHIPPED_VCL_PATH = fileURLToPath(new URL('../../deploy/varnish/fortune-sky.vcl', import.meta.url));

// Debian puts varnishd in /usr/sbin, which a non-login PATH may lack.
const VARNISHD = existsSync('/usr/sbin/varnishd') ? '/usr/sbin/varnishd' : 'varnishd';

/**
 * The shipped VCL with its two backends moved from ports 3000 and 3001 to the given ones, and
 * nothing else changed: the test runs the operators' file, not a copy of its rules.
 */
export function shippedVclWithPorts([first, second]: [number, number]): string {
  let vcl = readFileSync(SHIPPED_VCL_PATH, 'utf8');
  for (const [from, to] of [
    [3000, first],
    [3001, second],
  ] as const) {
    const line = `.port = "${from}";`;
    if (vcl.split(line).length !== 2) throw new Error(`${SHIPPED_VCL_PATH} should name ${line} exactly once.`);
    vcl = vcl.replace(line, `.port = "${to}";`);
  }
  return vcl;
}

/** A loopback port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A PURGE request as the edge logged it. */
export interface PurgeRecord {
  xkey: string;
  status: number;
  /** Objects purged, as the VCL's X-Purged header said ('' when it did not purge). */
  purged: string;
}

/** A running varnishd. */
export interface VarnishProcess {
  /** http://127.0.0.1:PORT/ */
  url: string;
  /** Every PURGE request received since it started, oldest first. */
  purges(): Promise<PurgeRecord[]>;
  /** Everything varnishd printed. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts `varnishd` in the foreground with the given VCL on 127.0.0.1:port, in a fresh working
 * directory (`-n`), without a management port (`-T none`) or privilege separation (`-j none`: it
 * runs as whoever runs the tests, root in CI), with 32 MB of memory storage. Resolves once a
 * request through it reaches an instance (the backends' health probes have passed).
 */
export async function startVarnish({ vcl, port }: { vcl: string; port: number }): Promise<VarnishProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'fortune-sky-varnish-'));
  const vclPath = join(dir, 'fortune-sky.vcl');
  writeFileSync(vclPath, vcl);
  const child = spawn(VARNISHD, ['-F', '-n', dir, '-a', `127.0.0.1:${port}`, '-f', vclPath, '-s', 'malloc,32m', '-T', 'none', '-j', 'none'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  let hasExited = false;
  void exited.then(() => (hasExited = true));
  child.on('error', (error) => (output += `\n${error.message}`));

  const url = `http://127.0.0.1:${port}/`;
  const stop = async () => {
    if (!hasExited) child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 30_000;
  for (;;) {
    if (hasExited) {
      await stop();
      throw new Error(`varnishd exited before it served (is varnish installed? .ci/run installs it):\n${output}`);
    }
    const answer = await edgeGet(url, '/healthz').catch(() => undefined);
    if (answer?.status === 200) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`varnishd did not reach an instance within 30 s (last status ${answer?.status}):\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  return {
    url,
    output: () => output,
    stop,
    async purges() {
      const { stdout } = await promisify(execFile)('varnishncsa', ['-n', dir, '-d', '-q', 'ReqMethod eq "PURGE"', '-F', '%{xkey}i\t%s\t%{X-Purged}o']);
      return stdout
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => {
          const [xkey = '', status = '', purged = ''] = line.split('\t');
          return { xkey, status: Number(status), purged: purged === '-' ? '' : purged };
        });
    },
  };
}

/** A response through the edge, its body decoded. */
export interface EdgeResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request to the edge with exact headers (fetch would add its own Accept-Encoding); from `localAddress` if given (another loopback address). */
export function edgeGet(
  baseUrl: string,
  path: string,
  { method = 'GET', headers = {}, localAddress }: { method?: string; headers?: Record<string, string>; localAddress?: string } = {},
): Promise<EdgeResponse> {
  return new Promise((resolve, reject) => {
    const sent = request(new URL(path, baseUrl), { method, headers, localAddress, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const raw = Buffer.concat(chunks);
        const encoding = response.headers['content-encoding'];
        const body = encoding === 'br' ? brotliDecompressSync(raw) : encoding === 'gzip' ? gunzipSync(raw) : raw;
        resolve({ status: response.statusCode!, headers: response.headers, body: body.toString() });
      });
    });
    sent.setTimeout(10_000, () => sent.destroy(new Error(`${method} ${path} timed out`)));
    sent.on('error', reject);
    sent.end();
  });
}
