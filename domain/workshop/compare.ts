// Comparing two estimation sessions: which items moved and by how much (rules WS-CMP-1..2).
import type { Placed, SessionSizes } from './sizes';

export type CompareKind = 'up' | 'down' | 'same' | 'sized' | 'unsized' | 'onlyA' | 'onlyB';

export type CompareRow = {
  itemId: string;
  a: Placed | null;
  b: Placed | null;
  /** b - a in AP when both are sized */
  delta: number | null;
  kind: CompareKind;
};

export type Comparison = {
  rows: CompareRow[];
  moved: number;
  same: number;
  /** WS-CMP-2: the items both sessions sized (a bucket other than "?") and their sums in each: a like-for-like total */
  both: { count: number; sumA: number; sumB: number };
};

const RANK: Record<CompareKind, number> = { up: 0, down: 0, sized: 1, unsized: 1, onlyB: 2, onlyA: 3, same: 4 };

/**
 * WS-CMP-1: items placed in either session. Moved items first, the biggest change (in AP) first;
 * then items that became sized or unsized ("?"), items placed only in one session, and unchanged ones.
 * `order` gives the backlog order for ties.
 */
export function compareSessions(
  a: Pick<SessionSizes, 'placements'>,
  b: Pick<SessionSizes, 'placements'>,
  order: readonly string[],
): Comparison {
  const ids = order.filter((id) => id in a.placements || id in b.placements);
  const rows = ids.map((itemId): CompareRow => {
    const pa = a.placements[itemId] ?? null;
    const pb = b.placements[itemId] ?? null;
    if (pa === null) return { itemId, a: pa, b: pb, delta: null, kind: 'onlyB' };
    if (pb === null) return { itemId, a: pa, b: pb, delta: null, kind: 'onlyA' };
    if (pa.value === null && pb.value === null) return { itemId, a: pa, b: pb, delta: null, kind: 'same' };
    if (pa.value === null) return { itemId, a: pa, b: pb, delta: null, kind: 'sized' };
    if (pb.value === null) return { itemId, a: pa, b: pb, delta: null, kind: 'unsized' };
    const delta = pb.value - pa.value;
    return { itemId, a: pa, b: pb, delta, kind: delta > 0 ? 'up' : delta < 0 ? 'down' : 'same' };
  });
  const pos = new Map(ids.map((id, i) => [id, i]));
  rows.sort(
    (x, y) => RANK[x.kind] - RANK[y.kind] || Math.abs(y.delta ?? 0) - Math.abs(x.delta ?? 0) || pos.get(x.itemId)! - pos.get(y.itemId)!,
  );
  const both = { count: 0, sumA: 0, sumB: 0 };
  for (const r of rows) {
    if (r.a?.value == null || r.b?.value == null) continue;
    both.count += 1;
    both.sumA += r.a.value;
    both.sumB += r.b.value;
  }
  return {
    rows,
    moved: rows.filter((r) => r.kind === 'up' || r.kind === 'down').length,
    same: rows.filter((r) => r.kind === 'same').length,
    both,
  };
}
