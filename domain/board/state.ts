import type { Scale } from './scale';
import type { SessionSettings } from './settings';
import { own } from './ids';

export const PHASES = ['setup', 'sorting', 'review', 'discussion', 'locked'] as const;
export type Phase = (typeof PHASES)[number];

export type Role = 'facilitator' | 'participant' | 'observer';

export interface Card {
  id: string;
  title: string;
  key: string | null;
  /** priority order in the backlog, 0 = most important */
  position: number;
}

/** null = the unsorted pile */
export type Placement = string | null;

export type FlagReason = 'returned' | 'tooManyMoves' | 'unsure' | 'manual';

export interface Person {
  id: string;
  name: string;
  role: Role;
}

export interface Timer {
  phase: Phase;
  seconds: number;
  endsAt: number;
}

export interface BoardState {
  sessionId: string;
  /** bumped by one for every accepted event; clients use it to detect gaps */
  version: number;
  phase: Phase;
  scale: Scale;
  settings: SessionSettings;
  /** in priority order */
  cards: Card[];
  placement: Record<string, Placement>;
  moveCount: Record<string, number>;
  /** flagged cards: the discussion queue */
  flags: Record<string, FlagReason>;
  /** placements a card has had since review began, for back-and-forth detection */
  trail: Record<string, Placement[]>;
  reviewMoves: Record<string, number>;
  /** whose hand a card was dealt to for silent sorting */
  hands: Record<string, string>;
  people: Record<string, Person>;
  timer: Timer | null;
  /** the card being discussed, shown large on every screen (discussion only) */
  spotlight: string | null;
  /** asynchronous silent sorting: when it is meant to end (ms since epoch); null = live */
  deadline: number | null;
  /** a later session of the same workshop that has started; people here are offered the way in */
  next: NextSession | null;
}

export interface NextSession {
  sessionId: string;
  name: string;
}

export function emptyBoard(sessionId: string, scale: Scale, settings: SessionSettings, phase: Phase = 'setup'): BoardState {
  return {
    sessionId,
    version: 0,
    phase,
    scale,
    settings,
    cards: [],
    placement: {},
    moveCount: {},
    flags: {},
    trail: {},
    reviewMoves: {},
    hands: {},
    people: {},
    timer: null,
    spotlight: null,
    deadline: null,
    next: null,
  };
}

export const hasCard = (b: BoardState, cardId: string) => Object.hasOwn(b.placement, cardId);
export const placementOf = (b: BoardState, cardId: string): Placement => own(b.placement, cardId) ?? null;
export const personOf = (b: BoardState, personId: string): Person | undefined => own(b.people, personId);
export const flagOf = (b: BoardState, cardId: string): FlagReason | undefined => own(b.flags, cardId);
export const handOf = (b: BoardState, cardId: string): string | undefined => own(b.hands, cardId);
