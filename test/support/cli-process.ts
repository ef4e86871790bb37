import { spawn, type ChildProcess } from 'node:child_process';

/** A `fortune-sky` command running in its own process, as an operator would start it. */
export interface CliProcess {
  child: ChildProcess;
  /** Everything written to standard output and standard error so far. */
  output(): string;
  /** Resolves with the first match of the pattern in the output; rejects if the process ends first. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  exited: Promise<number | string>;
}

/** Starts `fortune-sky ARGS…` from the checkout with the given environment added. */
export function startCli(args: string[], env: Record<string, string>): CliProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  return {
    child,
    output: () => output,
    exited,
    waitFor(pattern, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = output.match(pattern);
          if (!match) return;
          done();
          resolve(match);
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`no ${pattern} within ${timeoutMs} ms; output:\n${output}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        void exited.then((code) => {
          if (!listeners.has(check)) return;
          done();
          reject(new Error(`exited (${code}) before ${pattern}; output:\n${output}`));
        });
        check();
      });
    },
  };
}

/** Starts `fortune-sky serve` on a free port; resolves with the process and its base URL once it listens. */
export async function startServe(env: Record<string, string>): Promise<CliProcess & { baseUrl: string }> {
  const server = startCli(['serve'], { PORT: '0', ...env });
  const match = await server.waitFor(/listening on (http:\/\/[^)\s]+)/);
  return { ...server, baseUrl: match[1]! };
}

/** What a finished command printed, and how it ended. */
export interface CliResult {
  /** The exit code, or the name of the signal that ended it. */
  code: number | string;
  stdout: string;
  stderr: string;
}

/** Runs `fortune-sky ARGS…` to its end without blocking this process (servers it talks to keep being served); resolves with its exit code and output. */
export function runCli(args: string[], env: Record<string, string>): Promise<CliResult> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code: code ?? signal ?? 'unknown', stdout, stderr }));
  });
}
