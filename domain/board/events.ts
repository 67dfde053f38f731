import type { Placement } from './state';

/** Commands are what a client asks for; the server decides and turns them into events. */
export type BoardCommand = { type: 'card.move'; cardId: string; to: Placement };

export type CardMoved = {
  type: 'card.moved';
  cardId: string;
  from: Placement;
  to: Placement;
  by: string | null;
  at: number;
};

export type BoardEvent = CardMoved;

/** What the server broadcasts: an event stamped with the session version it produced. */
export interface VersionedEvent {
  version: number;
  event: BoardEvent;
}
