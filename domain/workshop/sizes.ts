// An item's size in the workshop, from the boards of its estimation sessions (rules WS-SIZE-1..4).
import type { BoardState } from '../board';

/** Where a card lies on a board: the bucket's label and value (null for "?"). */
export type Placed = { label: string; value: number | null };

/** A session as the workshop views see it: whether it counts, and where its cards lie. */
export interface SessionSizes {
  id: string;
  /** WS-SIZE-3: only locked sessions count (their result is final) */
  counted: boolean;
  /** item id -> bucket, for the cards that lie in a bucket (the unsorted pile is left out) */
  placements: Readonly<Record<string, Placed>>;
}

/** The placed cards of a board (WS-SIZE-4: unplaced cards are left out). */
export function placementsOf(board: Pick<BoardState, 'cards' | 'placement' | 'scale'>): Record<string, Placed> {
  const buckets = new Map(board.scale.buckets.map((b) => [b.id, b]));
  const out: Record<string, Placed> = {};
  for (const card of board.cards) {
    const at = board.placement[card.id] ?? null;
    const bucket = at === null ? undefined : buckets.get(at);
    if (bucket) out[card.id] = { label: bucket.label, value: bucket.value };
  }
  return out;
}

export type ItemSize = {
  /** AP, or null: never placed in a counted session, or last placed in "?" */
  sizeAp: number | null;
  /** the session whose placement gives the size (also for "?"), null when never placed */
  sessionId: string | null;
  label: string | null;
  /** WS-SIZE-5: the size was typed when the item was added during a sprint (no session sized it yet) */
  typed?: true;
};

/** An item as far as its typed size goes (PlanningItem). */
export type TypedSize = { id: string; typedSizeAp?: number | null };

const UNSIZED: ItemSize = { sizeAp: null, sessionId: null, label: null };

/**
 * WS-SIZE-1: an item's size is its bucket value in the most recent counted session that placed it.
 * WS-SIZE-2: a later session overrides an earlier one; "?" there makes the item unsized again,
 * while a later session that leaves the card unplaced (or does not hold it) keeps the earlier size.
 * Sessions are given oldest first.
 */
export function deriveSizes(sessions: readonly SessionSizes[], items: readonly TypedSize[] = []): Map<string, ItemSize> {
  const sizes = new Map<string, ItemSize>();
  // WS-SIZE-5: a size typed with a new item stands until a counted session places the item
  for (const i of items)
    if (i.typedSizeAp !== undefined && i.typedSizeAp !== null)
      sizes.set(i.id, { sizeAp: i.typedSizeAp, sessionId: null, label: null, typed: true });
  for (const s of sessions) {
    if (!s.counted) continue;
    for (const [itemId, placed] of Object.entries(s.placements)) {
      sizes.set(itemId, { sizeAp: placed.value, sessionId: s.id, label: placed.label });
    }
  }
  return sizes;
}

export const sizeOf = (sizes: ReadonlyMap<string, ItemSize>, itemId: string): ItemSize => sizes.get(itemId) ?? UNSIZED;

/** Sum of the sized items (AP). */
export function totalAp(sizes: ReadonlyMap<string, ItemSize>, itemIds?: Iterable<string>): number {
  let sum = 0;
  if (itemIds === undefined) {
    for (const s of sizes.values()) sum += s.sizeAp ?? 0;
    return sum;
  }
  for (const id of itemIds) sum += sizes.get(id)?.sizeAp ?? 0;
  return sum;
}
