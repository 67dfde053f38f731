import { own } from './ids';
import { findBucket } from './scale';
import { flagOf, placementOf, type BoardState, type Card, type FlagReason, type Placement } from './state';

export interface Spotlight {
  card: Card;
  /** where it is now: a bucket label, or null for the unsorted pile */
  at: string | null;
  flag: FlagReason | undefined;
  /** where it has been since review began, oldest first, ending where it is now (labels; null = pile) */
  path: (string | null)[];
}

const labelOf = (b: BoardState, p: Placement): string | null => (p === null ? null : (findBucket(b.scale, p)?.label ?? null));

/** The card being discussed, with where it moved (BOARD-SPOT-3); null when none is spotlighted. */
export function spotlightOf(b: BoardState): Spotlight | null {
  if (b.spotlight === null) return null;
  const card = b.cards.find((c) => c.id === b.spotlight);
  if (!card) return null;
  const now = placementOf(b, card.id);
  const trail = own(b.trail, card.id) ?? [];
  const path = trail.at(-1) === now ? trail : [...trail, now];
  return { card, at: labelOf(b, now), flag: flagOf(b, card.id), path: path.map((p) => labelOf(b, p)) };
}
