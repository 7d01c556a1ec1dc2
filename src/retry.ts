// RetryPolicy: how often a failed call is tried again and how long to wait first; the one back-off formula.

/**
 * How the wait is spread so that clients failing together do not retry in lock-step.
 * none: exactly the doubled delay; equal: half of it fixed, half at random ("equal jitter", AWS's name);
 * spread: the delay times a random factor from 0.75 to 1.25.
 */
export type Jitter = 'none' | 'equal' | 'spread';

export interface RetryPolicy {
  /** Retries after the first failure; Infinity when something else (a time budget, a schedule) ends them. */
  retries: number;
  /** Wait before the first retry; it doubles for each retry after. */
  baseMs: number;
  /** The longest wait before jitter; Infinity for none. */
  maxMs: number;
  jitter: Jitter;
}

/** Whether a call that has failed `failures` times (1 after the first failure) may be tried again. */
export function mayRetry(policy: Pick<RetryPolicy, 'retries'>, failures: number): boolean {
  return failures <= policy.retries;
}

/**
 * The wait before retry number `retry` (0 for the first retry): baseMs × 2^retry, capped at maxMs, then
 * jittered with `random` (0 ≤ x < 1). `equal` rounds to whole milliseconds; the others keep what they compute.
 */
export function backoffDelay(
  policy: Omit<RetryPolicy, 'retries'>,
  retry: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** retry);
  switch (policy.jitter) {
    case 'none':
      return ceiling;
    case 'equal':
      return Math.round(ceiling / 2 + random() * (ceiling / 2));
    case 'spread':
      return ceiling * (0.75 + random() * 0.5);
  }
}
