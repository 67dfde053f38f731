// The write-back log: one result per item and run (rules INT-LOG-1..3).

export type ResultStatus = 'written' | 'unchanged' | 'failed';

export interface WriteBackResult {
  itemId: string;
  key: string;
  status: ResultStatus;
  /** Jira's value before (as read just before writing) */
  before: number | null;
  /** the value written (or the value that was already there) */
  after: number | null;
  /**
   * failed only: the cause's code (JiraErrorCode), the message naming the item and the cause (for
   * the API and logs), and Jira's own words when it gave any (the UI shows its text for the code
   * and these)
   */
  error?: { code: string; message: string; jira?: string[] };
  /** requests made for this item, retries included */
  attempts: number;
  /** epoch ms */
  at: number;
}

export interface WriteBackRun {
  id: string;
  sessionId: string;
  fieldId: string;
  fieldName: string;
  /** through the board's estimation API, or the issue edit */
  via: 'board' | 'issue';
  mode: 'sp' | 'ap';
  startedAt: number;
  finishedAt: number | null;
  /** the run whose failed items this one retried; null for a first run */
  retryOf: string | null;
  /** true: the server stopped (or crashed) before every item was written; a new preview writes the rest */
  interrupted?: boolean;
  results: WriteBackResult[];
}

export interface RunCounts {
  written: number;
  unchanged: number;
  failed: number;
}

/** INT-LOG-1: counts add up to the results. */
export function countResults(results: readonly WriteBackResult[]): RunCounts {
  const n = (s: ResultStatus) => results.filter((r) => r.status === s).length;
  return { written: n('written'), unchanged: n('unchanged'), failed: n('failed') };
}

/** INT-LOG-2: the keys a retry of this run writes: exactly the failed ones, in the run's order. */
export function failedKeys(run: Pick<WriteBackRun, 'results'>): string[] {
  return run.results.filter((r) => r.status === 'failed').map((r) => r.key);
}

/**
 * INT-LOG-3: each item's latest outcome over a session's runs (oldest first): a later run's result
 * replaces an earlier one for the same key, so a failure fixed by a retry no longer shows as failed.
 */
export function latestResults(runs: readonly Pick<WriteBackRun, 'results'>[]): WriteBackResult[] {
  const latest = new Map<string, WriteBackResult>();
  for (const run of runs) {
    for (const r of run.results) {
      latest.delete(r.key);
      latest.set(r.key, r);
    }
  }
  return [...latest.values()];
}

/**
 * INT-LOG-4: the value each issue holds because this workshop wrote it (latest result written or
 * unchanged over the runs, oldest first); a later failure of the same key drops it, since the
 * issue may then hold anything.
 */
export function ownWrittenValues(runs: readonly Pick<WriteBackRun, 'results'>[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const run of runs) {
    for (const r of run.results) {
      if ((r.status === 'written' || r.status === 'unchanged') && r.after !== null) out.set(r.key, r.after);
      else out.delete(r.key);
    }
  }
  return out;
}
