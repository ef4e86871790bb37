import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** A server running in its own process. */
export interface ServerProcess {
  child: ChildProcess;
  baseUrl: string;
  pid: number;
  stop(): Promise<void>;
}

/** Starts a Node script that prints "listening on http://…" and resolves once it does. */
export function startProcess(args: string[], env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/listening on (http:\/\/[\d.:]+)/);
      if (match) {
        child.stdout!.off('data', onData);
        resolve({
          child,
          baseUrl: match[1]!,
          pid: child.pid!,
          stop: () =>
            new Promise((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
    child.once('exit', (code, signal) => {
      reject(new Error(`process exited with ${code} before listening:\n${output}`));
      // After listening: a server that dies mid-run says why before the harness trips over it.
      if (signal !== 'SIGTERM') console.error(`server process exited (code ${code}, signal ${signal}); its last output:\n${output}`);
    });
  });
}

const CLOCK_TICKS_PER_SECOND = 100;

/** CPU time a process has used so far, in microseconds (user + system, from /proc). */
export function readCpuMicros(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields after the command name: utime is the 12th, stime the 13th (proc(5), counting from state).
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1_000_000) / CLOCK_TICKS_PER_SECOND;
}

/** Resident memory of a process, in megabytes. */
export function readRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(status.match(/VmRSS:\s+(\d+)/)?.[1] ?? 0);
  return kb / 1024;
}

/** Polls a URL until it answers 200; returns the milliseconds that took. */
export async function waitFor200(url: string, startedAt: number, timeoutMs = 60_000): Promise<number> {
  for (;;) {
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.status === 200) return performance.now() - startedAt;
    } catch {
      // Not listening yet.
    }
    if (performance.now() - startedAt > timeoutMs) throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
