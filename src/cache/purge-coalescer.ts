// Purges of keys that change far more often than their pages should be rendered (a quote page's
// `quote:SYMBOL`, named by every quote batch; a live story's `live:ID`, named by every update) are
// coalesced: at most one purge of such a key per window (each kind of key has its own), however
// many changes name it. Every other key is purged at once, as before.

/** Passes purges on, holding back those of coalesced keys to one per window. */
export interface PurgeCoalescer {
  /** Purges these keys: the others at once; a coalesced key at once when no window is open for it, else when its window closes. */
  purge(keys: readonly string[]): void;
  /** Forgets the purges held back and stops their timers (the app is closing). */
  stop(): void;
}

/** What a coalescer needs. */
export interface PurgeCoalescerOptions {
  /** The purge itself (the page cache's). */
  purge: (keys: string[]) => void;
  /** The window of a key whose purges are coalesced, in milliseconds; undefined: purged at once. */
  windowFor: (key: string) => number | undefined;
}

/**
 * The first purge of a coalesced key after a quiet spell goes through at once and opens the key's
 * window (windowFor); purges of it during the window are gathered into one when it closes,
 * which opens the next window. So a key is purged at most once per window (a burst costs two
 * purges, its first and one at its window's end), and a change shows at most a window late.
 */
export function createPurgeCoalescer({ purge, windowFor }: PurgeCoalescerOptions): PurgeCoalescer {
  const windows = new Map<string, { hasPending: boolean; timer: NodeJS.Timeout }>();

  function openWindow(key: string, windowMs: number): void {
    const timer = setTimeout(() => closeWindow(key, windowMs), windowMs);
    // A held-back purge never keeps the process alive.
    timer.unref();
    windows.set(key, { hasPending: false, timer });
  }

  function closeWindow(key: string, windowMs: number): void {
    const window = windows.get(key);
    windows.delete(key);
    if (!window?.hasPending) return;
    purge([key]);
    openWindow(key, windowMs);
  }

  return {
    purge(keys) {
      const now: string[] = [];
      // Once each: the changes of one read of the log are all committed, so one purge covers them.
      for (const key of new Set(keys)) {
        const windowMs = windowFor(key);
        const window = windowMs === undefined ? undefined : windows.get(key);
        if (window) {
          window.hasPending = true;
          continue;
        }
        now.push(key);
        if (windowMs !== undefined) openWindow(key, windowMs);
      }
      if (now.length > 0) purge(now);
    },
    stop() {
      for (const window of windows.values()) clearTimeout(window.timer);
      windows.clear();
    },
  };
}
