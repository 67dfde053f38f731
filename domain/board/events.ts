import type { Scale } from './scale';
import type { SessionSettings } from './settings';
import type { Card, FlagReason, NextSession, Person, Phase, Placement, Role } from './state';

/** Facts the server accepted, in its order. Replaying them from the log rebuilds any board. */
export type BoardEvent =
  | { type: 'session.created'; name: string; scale: Scale; settings: SessionSettings; phase: Phase }
  | { type: 'card.added'; card: Card }
  | { type: 'card.edited'; cardId: string; title: string }
  | { type: 'card.removed'; cardId: string }
  | { type: 'card.moved'; cardId: string; from: Placement; to: Placement }
  | { type: 'card.flagged'; cardId: string; reason: FlagReason }
  | { type: 'card.unflagged'; cardId: string }
  | { type: 'cards.dealt'; hands: Record<string, string> }
  | { type: 'scale.changed'; scale: Scale }
  | { type: 'settings.changed'; settings: SessionSettings }
  | { type: 'phase.changed'; from: Phase; to: Phase }
  | { type: 'person.joined'; person: Person }
  | { type: 'person.renamed'; personId: string; name: string }
  | { type: 'person.roleChanged'; personId: string; role: Role }
  | { type: 'person.removed'; personId: string }
  | { type: 'timer.started'; phase: Phase; seconds: number; endsAt: number }
  | { type: 'timer.stopped' }
  | { type: 'card.spotlighted'; cardId: string | null }
  | { type: 'deadline.set'; at: number | null }
  | { type: 'session.next'; next: NextSession };

export type BoardEventType = BoardEvent['type'];
export type CardMoved = Extract<BoardEvent, { type: 'card.moved' }>;

/** An event as stored and broadcast: stamped with the session version it produced, who and when. */
export interface VersionedEvent {
  version: number;
  by: string | null;
  at: number;
  event: BoardEvent;
}
