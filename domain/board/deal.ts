import type { BoardState } from './state';

/**
 * Deals the unplaced cards evenly, in priority order, round-robin to the people given.
 * Cards already on the board keep no hand: they are placed.
 */
export function dealHands(board: BoardState, people: readonly string[]): Record<string, string> {
  const hands: Record<string, string> = {};
  if (people.length === 0) return hands;
  let i = 0;
  for (const card of board.cards) {
    if ((board.placement[card.id] ?? null) !== null) continue;
    hands[card.id] = people[i % people.length] as string;
    i++;
  }
  return hands;
}

/** Who gets cards: the sizers who are online, in join order. Observers never size. */
export function dealees(board: BoardState, online: readonly string[]): string[] {
  const on = new Set(online);
  const sizers = Object.values(board.people).filter((p) => p.role !== 'observer' && on.has(p.id));
  const participants = sizers.filter((p) => p.role === 'participant');
  // a facilitator who sizes alone (or with co-facilitators only) still gets the cards
  return (participants.length > 0 ? participants : sizers).map((p) => p.id);
}
