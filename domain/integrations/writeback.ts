// The write-back plan: per item, Jira's current value and the value to write (rules INT-WB-1..8).
import { roundTo1 } from '../backlog/export';
import { digestOf } from './digest';

/** Calibrated story points (AP x factor) or the effort points themselves. */
export type WriteMode = 'sp' | 'ap';
/** 'one-decimal': half away from zero to 0.1 (as the export); 'whole': to a whole number, at least 1 for a size above 0. */
export type Rounding = 'one-decimal' | 'whole';

export interface WriteBackItem {
  itemId: string;
  key: string | null;
  title: string;
  /** the item's bucket in this session: null when unplaced */
  bucketLabel: string | null;
  /** the bucket's value (AP); null when unplaced or in "?" */
  ap: number | null;
}

/** Jira's current value of the chosen field, per key: found with its value, or not found (deleted / no permission). */
export type CurrentValue = { found: true; value: number | null } | { found: false };

export interface WriteBackInput {
  /** INT-WB-1: only a locked session's result is written */
  locked: boolean;
  mode: WriteMode;
  rounding: Rounding;
  /** SP per AP as of this session (domain/workshop calibration); null when not calibrated */
  factor: number | null;
  fieldId: string;
  /** in backlog order; the plan keeps it */
  items: readonly WriteBackItem[];
  current: Readonly<Record<string, CurrentValue>>;
  /** INT-WB-7: only these keys (retrying the failed items of a run) */
  onlyKeys?: readonly string[];
}

export type SkipReason = 'no_key' | 'unplaced' | 'unknown_size' | 'not_in_jira' | 'duplicate_key' | 'not_read';

export interface WriteBackRow {
  itemId: string;
  key: string | null;
  title: string;
  bucketLabel: string | null;
  ap: number | null;
  /** Jira's value now; null when empty or not known */
  current: number | null;
  /** the value to write; null for skipped rows */
  target: number | null;
  status: 'write' | 'unchanged' | 'skip';
  reason?: SkipReason;
}

export type WriteBackPlan =
  | {
      ok: true;
      rows: WriteBackRow[];
      counts: { write: number; unchanged: number; skip: number };
      /** INT-WB-6: fingerprint of what would be written; the confirmation must carry it */
      digest: string;
    }
  | { ok: false; error: { code: 'not_locked' | 'no_factor' | 'bad_factor'; message: string } };

/** INT-WB-2: the value to write for a size in AP. */
export function targetValue(ap: number, mode: WriteMode, factor: number | null, rounding: Rounding): number | null {
  if (!Number.isFinite(ap)) return null;
  const raw = mode === 'ap' ? ap : factor === null || !Number.isFinite(factor) ? null : ap * factor;
  if (raw === null || !Number.isFinite(raw)) return null;
  if (rounding === 'one-decimal') return roundTo1(raw);
  const whole = Math.sign(raw) * Math.round(Number(Math.abs(raw).toPrecision(12))) || 0;
  return raw > 0 && whole === 0 ? 1 : whole;
}

/** Equal as Jira stores them (a float field may answer 5.0000000001 for 5). */
export const sameValue = (a: number | null, b: number | null) => (a === null || b === null ? a === b : Math.abs(a - b) < 1e-9);

/**
 * INT-WB-1: a session that is not locked has no plan (`not_locked`): sizes are final only then.
 * INT-WB-2: the target is AP x factor (mode 'sp'), or AP (mode 'ap'), rounded as chosen; 'sp'
 * without a factor is `no_factor` for the whole plan (calibrate first), a factor that is not a
 * positive number is `bad_factor`.
 * INT-WB-3: an item without a key, unplaced, or in "?" is skipped with its reason. No row ever
 * writes an empty value: the write-back never clears an estimate in Jira.
 * INT-WB-4: a key that Jira did not find is skipped (`not_in_jira`), a key whose value was not read
 * is skipped (`not_read`), and a key held by two items is skipped for both (`duplicate_key`).
 * INT-WB-5: a row whose current value equals the target is `unchanged` and is not written, so a
 * second write-back writes nothing.
 * INT-WB-6: the digest covers the field, the mode, and every row to write (key, current, target).
 * INT-WB-7: with `onlyKeys`, the other items are left out of the plan.
 * INT-WB-8: rows are in the items' order; counts add up to the rows.
 */
export function planWriteBack(input: WriteBackInput): WriteBackPlan {
  if (!input.locked) {
    return {
      ok: false,
      error: { code: 'not_locked', message: 'the session is not locked: write back after locking, when the sizes are final' },
    };
  }
  if (input.mode === 'sp') {
    if (input.factor === null) {
      return {
        ok: false,
        error: {
          code: 'no_factor',
          message: 'the session has no calibration factor: mark reference items with story points, or write effort points',
        },
      };
    }
    if (!Number.isFinite(input.factor) || input.factor <= 0) {
      return { ok: false, error: { code: 'bad_factor', message: `the calibration factor ${input.factor} is not a positive number` } };
    }
  }

  const only = input.onlyKeys ? new Set(input.onlyKeys) : null;
  const items = input.items.filter((i) => only === null || (i.key !== null && only.has(i.key)));
  const keyCount = new Map<string, number>();
  for (const i of items) if (i.key !== null) keyCount.set(i.key, (keyCount.get(i.key) ?? 0) + 1);

  const rows = items.map((item): WriteBackRow => {
    const base = { itemId: item.itemId, key: item.key, title: item.title, bucketLabel: item.bucketLabel, ap: item.ap };
    const skip = (reason: SkipReason, current: number | null = null): WriteBackRow => ({
      ...base,
      current,
      target: null,
      status: 'skip',
      reason,
    });
    if (item.key === null || item.key.trim() === '') return skip('no_key');
    if ((keyCount.get(item.key) ?? 0) > 1) return skip('duplicate_key');
    const now = Object.hasOwn(input.current, item.key) ? input.current[item.key] : undefined;
    const current = now?.found ? now.value : null;
    if (item.bucketLabel === null) return skip('unplaced', current);
    if (item.ap === null) return skip('unknown_size', current);
    if (!now) return skip('not_read');
    if (!now.found) return skip('not_in_jira');
    const target = targetValue(item.ap, input.mode, input.factor, input.rounding);
    if (target === null) return skip('unknown_size', current);
    return { ...base, current, target, status: sameValue(current, target) ? 'unchanged' : 'write' };
  });

  const count = (s: WriteBackRow['status']) => rows.filter((r) => r.status === s).length;
  const toWrite = rows.filter((r) => r.status === 'write').map((r) => [r.key, r.current, r.target]);
  return {
    ok: true,
    rows,
    counts: { write: count('write'), unchanged: count('unchanged'), skip: count('skip') },
    digest: digestOf({ field: input.fieldId, mode: input.mode, rounding: input.rounding, rows: toWrite }),
  };
}
