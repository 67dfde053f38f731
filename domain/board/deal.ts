import type { BoardEvent } from './events';
import { handOf, personOf, placementOf, type BoardState } from './state';

/**
 * Deals the unplaced cards evenly, in priority order, round-robin to the people given.
 * Cards already on the board keep no hand: they are placed.
 */
export function dealHands(board: BoardState, people: readonly string[]): Record<string, string> {
  const hands: Record<string, string> = {};
  if (people.length === 0) return hands;
  let i = 0;
  for (const card of board.cards) {
    if (placementOf(board, card.id) !== null) continue;
    hands[card.id] = people[i % people.length] as string;
    i++;
  }
  return hands;
}

/** Asynchronous sorting: a deadline is set, people come and go over days (BOARD-ASYNC-*). */
export const isAsync = (board: BoardState) => board.deadline !== null;

/**
 * Who gets cards: the sizers who are online, in join order; observers never size (PHASE-2).
 * Asynchronous sorting deals to every participant who has joined, online or not, and never
 * falls back to the facilitator: whoever arrives later gets a share (BOARD-ASYNC-2).
 */
export function dealees(board: BoardState, online: readonly string[]): string[] {
  const people = Object.values(board.people);
  if (isAsync(board)) return people.filter((p) => p.role === 'participant').map((p) => p.id);
  const on = new Set(online);
  const sizers = people.filter((p) => p.role !== 'observer' && on.has(p.id));
  const participants = sizers.filter((p) => p.role === 'participant');
  // a facilitator who sizes alone (or with co-facilitators only) still gets the cards
  return (participants.length > 0 ? participants : sizers).map((p) => p.id);
}

/**
 * Asynchronous sorting: a participant who arrives and was never dealt a card gets a fair
 * share of what is still unplaced: undealt cards first, then the last (least important)
 * cards of whoever holds the most, until everyone holds about the same (BOARD-ASYNC-2).
 * Returns the events to append after the person joined (none when nothing changes).
 */
export function dealOnArrival(board: BoardState, personId: string): BoardEvent[] {
  const person = personOf(board, personId);
  if (board.phase !== 'sorting' || !isAsync(board) || person?.role !== 'participant') return [];
  if (Object.values(board.hands).includes(personId)) return [];
  const free: string[] = [];
  const held = new Map<string, string[]>();
  let unplaced = 0;
  for (const card of board.cards) {
    if (placementOf(board, card.id) !== null) continue;
    unplaced++;
    const holder = handOf(board, card.id);
    if (holder === undefined || !personOf(board, holder)) free.push(card.id);
    else held.set(holder, [...(held.get(holder) ?? []), card.id]);
  }
  const share = Math.max(Math.floor(unplaced / (held.size + 1)), Math.min(free.length, 1));
  const take = free.slice(0, share);
  while (take.length < share) {
    let richest: string[] | undefined;
    for (const cards of held.values()) if (!richest || cards.length > richest.length) richest = cards;
    // never take someone's last cards below the newcomer's share
    if (!richest || richest.length <= share - take.length || richest.length <= 1) break;
    take.push(richest.pop() as string);
  }
  if (take.length === 0) return [];
  const hands = { ...board.hands };
  for (const id of take) hands[id] = personId;
  return [{ type: 'cards.dealt', hands }];
}
