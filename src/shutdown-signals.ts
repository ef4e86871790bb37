// How `fortune-sky serve` ends: SIGTERM (an orchestrator, systemd, `kill`) or SIGINT (Ctrl-C)
// closes the server gracefully and exits 0; a second signal while that runs exits at once, for an
// operator who will not wait for a slow request.

/** The signals that end a server. */
export const SHUTDOWN_SIGNALS = ['SIGTERM', 'SIGINT'] as const;
/** One of SHUTDOWN_SIGNALS. */
export type ShutdownSignal = (typeof SHUTDOWN_SIGNALS)[number];

// A process ended by a signal exits 128 + its number, as shells report it.
const SIGNAL_NUMBERS: Record<ShutdownSignal, number> = { SIGINT: 2, SIGTERM: 15 };

/** What exitGracefullyOnSignals needs: the process (or anything that emits its signals), the graceful close, exit and a log line writer. */
export interface GracefulExitOptions {
  signals: { on(signal: ShutdownSignal, listener: () => void): unknown };
  /** Stops accepting, finishes in-flight work, closes the database. */
  close: () => Promise<void>;
  exit: (code: number) => void;
  log: (line: string) => void;
}

/** On the first SIGTERM/SIGINT runs close() then exits 0 (1 if closing failed); a second signal exits at once with 128 + its number. */
export function exitGracefullyOnSignals({ signals, close, exit, log }: GracefulExitOptions): void {
  let isClosing = false;
  const onSignal = (signal: ShutdownSignal) => {
    if (isClosing) {
      log(`${signal} again: exiting at once, without waiting for the requests and the job in progress.`);
      exit(128 + SIGNAL_NUMBERS[signal]);
      return;
    }
    isClosing = true;
    log(`${signal}: shutting down. No new connections; finishing the requests and the job in progress, then closing the database (send ${signal} again to exit at once).`);
    close().then(
      () => {
        log('Shut down cleanly.');
        exit(0);
      },
      (error: unknown) => {
        log(`Shutting down failed: ${error instanceof Error ? error.message : String(error)}`);
        exit(1);
      },
    );
  };
  for (const signal of SHUTDOWN_SIGNALS) signals.on(signal, () => onSignal(signal));
}
