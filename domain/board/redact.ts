import type { VersionedEvent } from './events';
import type { BoardState } from './state';

/** Who is looking: a person in the room, or nobody (the projector, a broadcast to everyone). */
export interface Viewer {
  personId: string | null;
}

/** Anonymous sessions hide who moved what until the session is locked (BOARD-ANON-1). */
export const hidesMovers = (b: BoardState): boolean => b.settings.anonymous && b.phase !== 'locked';

const CARD_ACTS = new Set<VersionedEvent['event']['type']>(['card.moved', 'card.flagged', 'card.unflagged', 'card.spotlighted']);

/**
 * What a viewer may see of an event on this board: in an anonymous session, before lock,
 * card events lose their author, except for the viewer's own (BOARD-ANON-2). Everything
 * else (joins, phases, settings) is public. The server applies this to broadcasts
 * (viewer: nobody), to move logs and to the timeline.
 */
export function redactEvent(b: BoardState, ve: VersionedEvent, viewer: Viewer): VersionedEvent {
  if (!hidesMovers(b) || ve.by === null || ve.by === viewer.personId || !CARD_ACTS.has(ve.event.type)) return ve;
  return { ...ve, by: null };
}

export const redactEvents = (b: BoardState, list: readonly VersionedEvent[], viewer: Viewer): VersionedEvent[] =>
  list.map((ve) => redactEvent(b, ve, viewer));

/** Who is dragging a card, as others may see it: an opaque key (not a person) while movers are hidden. */
export const visibleDragger = (b: BoardState, personId: string, opaqueKey: string): string => (hidesMovers(b) ? opaqueKey : personId);
