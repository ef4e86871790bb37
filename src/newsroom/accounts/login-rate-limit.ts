import { createHash } from 'node:crypto';
import type { Clock } from '../../clock.js';
import type { AttemptLimits } from '../../storage/index.js';

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
  succeeded(): Promise<void>;
}

/** Counts sign-in attempts and decides when to refuse one. */
export interface LoginAttempts {
  /**
   * Reserves an attempt for the account from the address, before the password is checked, so
   * concurrent attempts count at once; undefined when a limit is reached.
   */
  begin(account: string, address: string): Promise<LoginAttempt | undefined>;
}

/**
 * Sliding-window limits on sign-in attempts, counted in the database (the AttemptLimits port), so
 * every process sees the same counts: per account and address, per address, and a slower ceiling
 * per account. An attempt is refused while any of its keys is full, and refused attempts are not
 * counted.
 */
export function createLoginAttempts(limits: AttemptLimits, clock: Clock): LoginAttempts {
  return {
    async begin(rawAccount, address) {
      // Stored keys stay short whatever was typed into the email field (the body may be a megabyte).
      const account = createHash('sha256').update(rawAccount).digest('base64url');
      const accountAddress = `login-account-address:${account}:${address}`;
      const byAddress = `login-address:${address}`;
      const byAccount = `login-account:${account}`;
      const reservation = await limits.reserve(
        [
          { key: accountAddress, max: MAX_LOGIN_FAILURES, windowMs: LOGIN_WINDOW_MS },
          { key: byAddress, max: MAX_LOGIN_FAILURES, windowMs: LOGIN_WINDOW_MS },
          { key: byAccount, max: MAX_ACCOUNT_ATTEMPTS, windowMs: LOGIN_ACCOUNT_WINDOW_MS },
        ],
        clock.now(),
      );
      if (!reservation) return undefined;
      return { succeeded: () => reservation.cancel({ forget: [byAddress, byAccount], clear: [accountAddress] }) };
    },
  };
}
