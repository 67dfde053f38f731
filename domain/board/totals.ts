import { flagOf, placementOf, type BoardState } from './state';

export interface BucketTotal {
  count: number;
  sum: number;
}

export interface BoardTotals {
  byBucket: Record<string, BucketTotal>;
  unplaced: number;
  placed: number;
  flagged: number;
  /** sum of effort points over sized buckets ("?" excluded) */
  total: number;
}

export function totals(board: BoardState): BoardTotals {
  const byBucket: Record<string, BucketTotal> = {};
  const valueOf = new Map<string, number | null>();
  for (const b of board.scale.buckets) {
    byBucket[b.id] = { count: 0, sum: 0 };
    valueOf.set(b.id, b.value);
  }
  let unplaced = 0;
  let total = 0;
  for (const card of board.cards) {
    const at = placementOf(board, card.id);
    const t = at === null || !Object.hasOwn(byBucket, at) ? undefined : byBucket[at];
    if (at === null || !t) {
      unplaced++;
      continue;
    }
    t.count++;
    const v = valueOf.get(at) ?? null;
    if (v !== null) {
      t.sum += v;
      total += v;
    }
  }
  const flagged = board.cards.filter((c) => flagOf(board, c.id)).length;
  return { byBucket, unplaced, placed: board.cards.length - unplaced, flagged, total };
}

export const cardsIn = (board: BoardState, bucketId: string | null) => board.cards.filter((c) => placementOf(board, c.id) === bucketId);
