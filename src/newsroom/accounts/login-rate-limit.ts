import type { Clock } from '../../clock.js';

/** Sign-in attempts allowed per account from one address, and per address (any accounts), in one LOGIN_WINDOW_MS. */
export const MAX_LOGIN_FAILURES = 10;
/** The window the per-address limits count in. */
export const LOGIN_WINDOW_MS = 60 * 1000;
/**
 * Attempts allowed per account from all addresses together in LOGIN_ACCOUNT_WINDOW_MS: slows a
 * guesser spread over many addresses, while one address (held to 10 a minute) needs half an hour
 * to reach it, so a stranger cannot lock a real user out in passing.
 */
export const MAX_ACCOUNT_ATTEMPTS = 300;
/** The window the per-account ceiling counts in. */
export const LOGIN_ACCOUNT_WINDOW_MS = 60 * 60 * 1000;

/** One sign-in attempt in progress: it counts as a failure unless it succeeds. */
export interface LoginAttempt {
  /** The password matched: this attempt stops counting, and the account's failures from this address are forgotten. */
  succeeded(): void;
}

/**
 * Counts sign-in attempts and decides when to refuse one (the in-memory limiter now; a database
 * port later, so that several processes share the counts).
 */
export interface LoginAttempts {
  /**
   * Reserves an attempt for the account from the address, before the password is checked, so
   * concurrent attempts count at once; undefined when a limit is reached.
   */
  begin(account: string, address: string): LoginAttempt | undefined;
}

interface Limit {
  key: string;
  max: number;
  windowMs: number;
}

/**
 * Sliding-window limits on sign-in attempts, in memory (docs/newsroom.md: one process on
 * SQLite): per account and address, per address, and a slower ceiling per account. An attempt is
 * refused while any of its keys is full, and refused attempts are not counted.
 */
export class LoginRateLimiter implements LoginAttempts {
  private readonly attempts = new Map<string, number[]>();

  constructor(private readonly clock: Clock) {}

  /** Reserves an attempt synchronously (no await between the check and the count). */
  begin(account: string, address: string): LoginAttempt | undefined {
    const limits: Limit[] = [
      { key: `account-address:${account}\u0000${address}`, max: MAX_LOGIN_FAILURES, windowMs: LOGIN_WINDOW_MS },
      { key: `address:${address}`, max: MAX_LOGIN_FAILURES, windowMs: LOGIN_WINDOW_MS },
      { key: `account:${account}`, max: MAX_ACCOUNT_ATTEMPTS, windowMs: LOGIN_ACCOUNT_WINDOW_MS },
    ];
    const now = this.clock.now().getTime();
    if (limits.some((limit) => this.recent(limit, now).length >= limit.max)) return undefined;
    for (const limit of limits) this.attempts.set(limit.key, [...this.recent(limit, now), now]);
    if (this.attempts.size > 10_000) this.sweep(now);
    return {
      succeeded: () => {
        for (const limit of limits.slice(1)) this.forget(limit.key, now);
        this.attempts.delete(limits[0]!.key);
      },
    };
  }

  private recent({ key, windowMs }: Pick<Limit, 'key' | 'windowMs'>, now: number): number[] {
    const times = (this.attempts.get(key) ?? []).filter((time) => time > now - windowMs);
    if (times.length === 0) this.attempts.delete(key);
    else this.attempts.set(key, times);
    return times;
  }

  /** Removes one reserved attempt (by its time) from a key. */
  private forget(key: string, time: number): void {
    const times = this.attempts.get(key);
    const index = times?.indexOf(time) ?? -1;
    if (index >= 0) times!.splice(index, 1);
  }

  // Bounds memory under a spray of addresses or accounts: drop keys with nothing in their window.
  private sweep(now: number): void {
    for (const key of [...this.attempts.keys()]) {
      this.recent({ key, windowMs: key.startsWith('account:') ? LOGIN_ACCOUNT_WINDOW_MS : LOGIN_WINDOW_MS }, now);
    }
  }
}
