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
