import type { Clock } from '../../clock.js';

/** Failed sign-ins allowed per account and per client address in one window. */
export const MAX_LOGIN_FAILURES = 10;
/** The window failures are counted in. */
export const LOGIN_WINDOW_MS = 60 * 1000;

/**
 * Counts failed sign-ins per account and per address in a sliding window (docs/newsroom.md:
 * in memory, one process on SQLite). A key with MAX_LOGIN_FAILURES failures in the window is
 * refused until the oldest of them leaves it.
 */
export class LoginRateLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly clock: Clock) {}

  /** Whether a sign-in for this account from this address must be refused now. */
  isLimited(email: string, address: string): boolean {
    return this.recent(`account:${email}`).length >= MAX_LOGIN_FAILURES || this.recent(`address:${address}`).length >= MAX_LOGIN_FAILURES;
  }

  /** Counts one failure against the account and the address. */
  recordFailure(email: string, address: string): void {
    const now = this.clock.now().getTime();
    for (const key of [`account:${email}`, `address:${address}`]) this.failures.set(key, [...this.recent(key), now]);
    if (this.failures.size > 10_000) this.sweep();
  }

  /** Forgets an account's failures after it signs in. */
  recordSuccess(email: string): void {
    this.failures.delete(`account:${email}`);
  }

  private recent(key: string): number[] {
    const since = this.clock.now().getTime() - LOGIN_WINDOW_MS;
    const times = (this.failures.get(key) ?? []).filter((time) => time > since);
    if (times.length === 0) this.failures.delete(key);
    else this.failures.set(key, times);
    return times;
  }

  // Bounds memory under a spray of addresses or accounts: drop keys with nothing in the window.
  private sweep(): void {
    for (const key of [...this.failures.keys()]) this.recent(key);
  }
}
