// Retries with backoff for Jira and webhook calls. Time is passed in, so tests never really wait.

export interface RetryPolicy {
  /** requests per call, the first included */
  maxAttempts: number;
  /** wait before the 2nd attempt; doubles each time */
  baseDelayMs: number;
  /** longest wait between two attempts */
  maxDelayMs: number;
  /** a Retry-After longer than this is not waited for: the call fails and says how long Jira asked for */
  maxRetryAfterMs: number;
}

export const JIRA_RETRY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 8_000, maxRetryAfterMs: 30_000 };

export type Sleep = (ms: number) => Promise<void>;
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Wait after the n-th failed attempt (1-based): base x 2^(n-1), at most maxDelayMs. */
export function backoffDelay(failures: number, policy: RetryPolicy): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, failures - 1));
}

/**
 * Retry-After as milliseconds: delta seconds ("120") or an HTTP date; null when missing or
 * unreadable. A date in the past is 0.
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | null {
  if (value === null || value === undefined) return null;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  return Number.isFinite(at) ? Math.max(0, at - now) : null;
}
