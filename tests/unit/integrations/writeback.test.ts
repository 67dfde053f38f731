import { describe, expect, it } from 'vitest';
import {
  countResults,
  failedKeys,
  latestResults,
  planWriteBack,
  targetValue,
  type WriteBackInput,
  type WriteBackItem,
  type WriteBackResult,
} from '../../../domain/integrations';

const item = (key: string | null, ap: number | null, bucketLabel: string | null = ap === null ? '?' : String(ap)): WriteBackItem => ({
  itemId: `id-${key ?? 'none'}-${ap}`,
  key,
  title: `Item ${key}`,
  bucketLabel,
  ap,
});

const base: WriteBackInput = {
  locked: true,
  mode: 'sp',
  rounding: 'one-decimal',
  factor: 8,
  fieldId: 'customfield_10016',
  items: [item('A-1', 3), item('A-2', 5), item('A-3', 2)],
  current: { 'A-1': { found: true, value: null }, 'A-2': { found: true, value: 40 }, 'A-3': { found: true, value: 13 } },
};

function plan(over: Partial<WriteBackInput> = {}) {
  const p = planWriteBack({ ...base, ...over });
  if (!p.ok) throw new Error(p.error.message);
  return p;
}

describe('write-back plan', () => {
  it('INT-WB-1 a session that is not locked has no plan', () => {
    expect(planWriteBack({ ...base, locked: false })).toMatchObject({ ok: false, error: { code: 'not_locked' } });
  });

  it('INT-WB-2 calibrated SP = AP x factor; AP mode writes AP', () => {
    expect(plan().rows.map((r) => [r.key, r.current, r.target, r.status])).toEqual([
      ['A-1', null, 24, 'write'],
      ['A-2', 40, 40, 'unchanged'],
      ['A-3', 13, 16, 'write'],
    ]);
    expect(plan({ mode: 'ap' }).rows.map((r) => r.target)).toEqual([3, 5, 2]);
  });

  it('INT-WB-2 rounding: one decimal half away from zero, or whole numbers (at least 1 for a size above 0)', () => {
    expect(targetValue(3, 'sp', 0.35, 'one-decimal')).toBe(1.1); // 1.05 -> 1.1, not the binary 1.0
    expect(targetValue(3, 'sp', 0.35, 'whole')).toBe(1);
    expect(targetValue(5, 'sp', 2.5, 'whole')).toBe(13); // 12.5 -> 13
    expect(targetValue(1, 'sp', 0.2, 'whole')).toBe(1); // 0.2 would be 0: a sized item is never written as 0
    expect(targetValue(0, 'ap', null, 'whole')).toBe(0);
    expect(targetValue(3, 'sp', null, 'one-decimal')).toBeNull();
    expect(targetValue(Number.NaN, 'ap', null, 'one-decimal')).toBeNull();
  });

  it('INT-WB-2 SP mode without a factor, or with a factor that is not positive, is refused as a whole', () => {
    expect(planWriteBack({ ...base, factor: null })).toMatchObject({ ok: false, error: { code: 'no_factor' } });
    expect(planWriteBack({ ...base, factor: 0 })).toMatchObject({ ok: false, error: { code: 'bad_factor' } });
    expect(planWriteBack({ ...base, factor: Number.POSITIVE_INFINITY })).toMatchObject({ ok: false, error: { code: 'bad_factor' } });
    expect(planWriteBack({ ...base, factor: null, mode: 'ap' }).ok).toBe(true);
  });

  it('INT-WB-3 no key, unplaced and "?" are skipped with their reason; nothing is ever cleared', () => {
    const p = plan({
      items: [item(null, 3), item('B-1', null, null), item('B-2', null, '?')],
      current: { 'B-1': { found: true, value: 8 }, 'B-2': { found: true, value: 5 } },
    });
    expect(p.rows.map((r) => [r.key, r.status, r.reason, r.current])).toEqual([
      [null, 'skip', 'no_key', null],
      ['B-1', 'skip', 'unplaced', 8],
      ['B-2', 'skip', 'unknown_size', 5],
    ]);
    expect(p.rows.every((r) => r.status !== 'write' || r.target !== null)).toBe(true);
  });

  it('INT-WB-4 not found in Jira, not read, and a key held twice are skipped', () => {
    const p = plan({
      items: [item('C-1', 3), item('C-2', 3), item('C-3', 5), item('C-3', 8)],
      current: { 'C-1': { found: false }, 'C-3': { found: true, value: 1 } },
    });
    expect(p.rows.map((r) => [r.key, r.reason])).toEqual([
      ['C-1', 'not_in_jira'],
      ['C-2', 'not_read'],
      ['C-3', 'duplicate_key'],
      ['C-3', 'duplicate_key'],
    ]);
    expect(p.counts).toEqual({ write: 0, unchanged: 0, skip: 4 });
  });

  it('INT-WB-5 once written, a second plan has nothing to write (float noise counts as equal)', () => {
    const first = plan();
    const after = Object.fromEntries(
      first.rows.map((r) => [r.key!, { found: true as const, value: r.target === null ? null : r.target + 1e-12 }]),
    );
    const second = plan({ current: after });
    expect(second.counts).toEqual({ write: 0, unchanged: 3, skip: 0 });
  });

  it('INT-WB-6 the digest changes with what would be written, and only with that', () => {
    const d = plan().digest;
    expect(d).toMatch(/^[0-9a-f]{16}$/);
    expect(plan().digest).toBe(d);
    expect(plan({ factor: 9 }).digest).not.toBe(d);
    expect(plan({ current: { ...base.current, 'A-1': { found: true, value: 1 } } }).digest).not.toBe(d);
    expect(plan({ fieldId: 'customfield_1' }).digest).not.toBe(d);
    expect(plan({ items: [...base.items, item(null, 3)] }).digest).toBe(d); // a skipped row writes nothing
  });

  it('INT-WB-7 onlyKeys restricts the plan to those items', () => {
    expect(plan({ onlyKeys: ['A-3'] }).rows.map((r) => r.key)).toEqual(['A-3']);
  });

  it('INT-WB-8 rows keep the items’ order and the counts add up', () => {
    const p = plan({ items: [item('A-3', 2), item(null, 1), item('A-1', 3), item('A-2', 5)] });
    expect(p.rows.map((r) => r.key)).toEqual(['A-3', null, 'A-1', 'A-2']);
    expect(p.counts.write + p.counts.unchanged + p.counts.skip).toBe(p.rows.length);
    expect(p.counts).toEqual({ write: 2, unchanged: 1, skip: 1 });
  });
});

describe('write-back log', () => {
  const r = (key: string, status: WriteBackResult['status'], at = 1): WriteBackResult => ({
    itemId: key,
    key,
    status,
    before: null,
    after: 1,
    attempts: 1,
    at,
  });

  it('INT-LOG-1 INT-LOG-2 counts, and the keys a retry writes', () => {
    const results = [r('A', 'written'), r('B', 'failed'), r('C', 'unchanged'), r('D', 'failed')];
    expect(countResults(results)).toEqual({ written: 1, unchanged: 1, failed: 2 });
    expect(failedKeys({ results })).toEqual(['B', 'D']);
  });

  it('INT-LOG-3 a later run’s result replaces the earlier one', () => {
    const latest = latestResults([{ results: [r('A', 'written'), r('B', 'failed')] }, { results: [r('B', 'written', 2)] }]);
    expect(latest.map((x) => [x.key, x.status])).toEqual([
      ['A', 'written'],
      ['B', 'written'],
    ]);
  });
});
