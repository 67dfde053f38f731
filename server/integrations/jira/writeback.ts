// Writing a confirmed plan to Jira, item by item, with a result per item (rules JIRA-WB-1..5).
import { sameValue, type WriteBackRow } from '../../../domain/integrations/writeback';
import type { WriteBackResult } from '../../../domain/integrations/results';
import type { JiraApi } from './client';
import { JiraError, toJiraError } from './errors';

export interface WriteTarget {
  fieldId: string;
  /** write through this board's estimation API (the board estimates with fieldId), else the issue edit */
  boardId: number | null;
}

export interface ExecuteOptions {
  now?: () => number;
  /** called after each item, so the log grows as the run goes (a crash keeps what was done) */
  onResult?: (r: WriteBackResult) => void | Promise<void>;
  /** asked before each item: true ends the run early (the server stops, the workshop was deleted) */
  shouldStop?: () => boolean;
}

const shown = (v: number | null) => (v === null ? 'empty' : String(v));

/**
 * JIRA-WB-1: only rows with status 'write' are sent, one after the other, in plan order.
 * JIRA-WB-2: each item's value is read again just before writing: equal to the target ->
 * 'unchanged' (nothing sent); different from the value the preview showed -> 'failed' with
 * `changed_in_jira` (someone changed it since; preview again), so nobody's edit is overwritten.
 * JIRA-WB-3: with a board, the value is read and written through the board's estimation API, so
 * the board's own estimate changes; otherwise through the issue (GET fields=, PUT fields).
 * JIRA-WB-4: a failure names the item and the cause with Jira's message (deleted issue, no
 * permission, field not on the screen, rate limit after retries, ...); the other items go on.
 * JIRA-WB-5: `attempts` counts every request for the item, retries included.
 */
export async function executeWriteBack(
  api: JiraApi,
  rows: readonly WriteBackRow[],
  target: WriteTarget,
  opts: ExecuteOptions = {},
): Promise<WriteBackResult[]> {
  const now = opts.now ?? Date.now;
  const results: WriteBackResult[] = [];
  for (const row of rows) {
    if (row.status !== 'write' || row.key === null || row.target === null) continue;
    if (opts.shouldStop?.()) break;
    const key = row.key;
    const want = row.target;
    let attempts = 0;
    let before: number | null = row.current;
    let result: WriteBackResult;
    try {
      const read = target.boardId !== null ? await api.boardEstimate(key, target.boardId) : await api.fieldValue(key, target.fieldId);
      attempts += read.attempts;
      before = read.value;
      if (sameValue(before, want)) {
        result = { itemId: row.itemId, key, status: 'unchanged', before, after: want, attempts, at: now() };
      } else if (!sameValue(before, row.current)) {
        throw new JiraError(
          'changed_in_jira',
          `${key}: changed in Jira since the preview (was ${shown(row.current)}, now ${shown(before)}); preview again`,
        );
      } else {
        const wrote =
          target.boardId !== null
            ? await api.setBoardEstimate(key, target.boardId, want)
            : await api.setFieldValue(key, target.fieldId, want);
        attempts += wrote.attempts;
        result = { itemId: row.itemId, key, status: 'written', before, after: want, attempts, at: now() };
      }
    } catch (e) {
      const err = toJiraError(e, { subject: key, kind: api.kind, missing: 'the issue' }, now());
      // changed_in_jira is decided here, after the read that was already counted
      if (err.code !== 'changed_in_jira') attempts += err.attempts;
      result = {
        itemId: row.itemId,
        key,
        status: 'failed',
        before,
        after: null,
        error: { code: err.code, message: err.message, ...(err.jira.length > 0 ? { jira: err.jira } : {}) },
        attempts,
        at: now(),
      };
    }
    results.push(result);
    await opts.onResult?.(result);
  }
  return results;
}
