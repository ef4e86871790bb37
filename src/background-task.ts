// Background work a process repeats (following the change log, claiming jobs, pruning): each
// runs at start-up, then on a timer that does not keep the process alive, and one run at a time.

/** A task run now and then on a timer until stopped. */
export interface PeriodicTask {
  /** Runs at once, then every intervalMs. */
  start(intervalMs: number): void;
  stop(): void;
}

/** Repeats `run` on an unref'd timer; a failed run goes to onError and the next tick tries again. */
export function createPeriodicTask(run: () => Promise<unknown>, onError?: (error: unknown) => void): PeriodicTask {
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    run().catch((error: unknown) => onError?.(error));
  };
  return {
    start(intervalMs) {
      tick();
      timer ??= setInterval(tick, intervalMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}

/**
 * Wraps `run` so calls never overlap: a call made while a run is in progress waits for it, then
 * runs again (so it sees everything committed before it was made). Each caller gets its own run's
 * result or failure.
 */
export function oneRunAtATime<T>(run: () => Promise<T>): () => Promise<T> {
  let running: Promise<void> | undefined;
  return () => {
    const next = (running ?? Promise.resolve()).then(run, run);
    // The caller handles next's failure; the chain only waits for it to settle.
    const settled = next.then(
      () => undefined,
      () => undefined,
    );
    running = settled;
    void settled.then(() => {
      if (running === settled) running = undefined;
    });
    return next;
  };
}

/**
 * Wraps `run` for callers that each need a run that starts after their call, but not one of their
 * own: a call made while a run is in progress waits for the one after it, which every caller
 * arriving meanwhile shares. However many call at once, at most one run is in progress and one
 * waiting (a flood of requests asking for the change log to be read costs two reads, not one each).
 */
export function sharedNextRun(run: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  let waiting: Promise<void> | undefined;
  const start = (): Promise<void> => {
    const current = run().finally(() => {
      if (running === current) running = undefined;
    });
    running = current;
    return current;
  };
  return () => {
    if (!running) return start();
    waiting ??= running.then(
      () => {
        waiting = undefined;
        return start();
      },
      () => {
        waiting = undefined;
        return start();
      },
    );
    return waiting;
  };
}
