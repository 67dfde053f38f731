import type { Scale } from './scale';

export type Phase = 'setup' | 'sorting' | 'review' | 'discussion' | 'locked';

export interface Card {
  id: string;
  title: string;
  key: string | null;
  /** priority order in the backlog, 0 = most important */
  position: number;
}

/** null = the unsorted pile */
export type Placement = string | null;

export interface BoardState {
  sessionId: string;
  /** bumped by one for every accepted event; clients use it to detect gaps */
  version: number;
  phase: Phase;
  scale: Scale;
  /** in priority order */
  cards: Card[];
  placement: Record<string, Placement>;
  moveCount: Record<string, number>;
}

export function emptyBoard(sessionId: string, scale: Scale, cards: Card[], phase: Phase = 'sorting'): BoardState {
  const placement: Record<string, Placement> = {};
  const moveCount: Record<string, number> = {};
  for (const c of cards) {
    placement[c.id] = null;
    moveCount[c.id] = 0;
  }
  return { sessionId, version: 0, phase, scale, cards, placement, moveCount };
}
