import { own } from './ids';
import { findBucket } from './scale';
import { withDefaults } from './settings';
import type { BoardEvent } from './events';
import type { BoardState, Person } from './state';

type Handler<T extends BoardEvent['type']> = (b: BoardState, e: Extract<BoardEvent, { type: T }>) => BoardState;
type Handlers = { [T in BoardEvent['type']]: Handler<T> };

const without = <V>(record: Record<string, V>, key: string): Record<string, V> => {
  if (!Object.hasOwn(record, key)) return record;
  const copy = { ...record };
  delete copy[key];
  return copy;
};

function withPerson(b: BoardState, id: string, change: Partial<Person>): BoardState {
  const p = own(b.people, id);
  return p ? { ...b, people: { ...b.people, [id]: { ...p, ...change } } } : b;
}

const handlers: Handlers = {
  'session.created': (b, e) => ({ ...b, scale: e.scale, settings: withDefaults(e.settings), phase: e.phase }),
  'card.added': (b, e) => ({
    ...b,
    cards: [...b.cards, e.card].sort((x, y) => x.position - y.position),
    placement: { ...b.placement, [e.card.id]: null },
    moveCount: { ...b.moveCount, [e.card.id]: 0 },
  }),
  'card.edited': (b, e) => ({ ...b, cards: b.cards.map((c) => (c.id === e.cardId ? { ...c, title: e.title } : c)) }),
  'card.removed': (b, e) => ({
    ...b,
    cards: b.cards.filter((c) => c.id !== e.cardId),
    placement: without(b.placement, e.cardId),
    moveCount: without(b.moveCount, e.cardId),
    flags: without(b.flags, e.cardId),
    trail: without(b.trail, e.cardId),
    reviewMoves: without(b.reviewMoves, e.cardId),
    hands: without(b.hands, e.cardId),
    spotlight: b.spotlight === e.cardId ? null : b.spotlight,
  }),
  'card.moved': (b, e) => ({
    ...b,
    placement: { ...b.placement, [e.cardId]: e.to },
    moveCount: { ...b.moveCount, [e.cardId]: (own(b.moveCount, e.cardId) ?? 0) + 1 },
    ...(b.phase === 'review'
      ? {
          trail: { ...b.trail, [e.cardId]: [...(own(b.trail, e.cardId) ?? [e.from]), e.to] },
          reviewMoves: { ...b.reviewMoves, [e.cardId]: (own(b.reviewMoves, e.cardId) ?? 0) + 1 },
        }
      : {}),
  }),
  'card.flagged': (b, e) => ({ ...b, flags: { ...b.flags, [e.cardId]: e.reason } }),
  'card.unflagged': (b, e) => ({ ...b, flags: without(b.flags, e.cardId) }),
  'cards.dealt': (b, e) => ({ ...b, hands: e.hands }),
  'scale.changed': (b, e) => {
    // cards in buckets the new scale lacks go back to the pile
    const placement = Object.fromEntries(Object.entries(b.placement).map(([id, at]) => [id, at !== null && findBucket(e.scale, at) ? at : null]));
    return { ...b, scale: e.scale, placement };
  },
  'settings.changed': (b, e) => ({ ...b, settings: withDefaults(e.settings) }),
  'phase.changed': (b, e) => ({
    ...b,
    phase: e.to,
    timer: null,
    // the spotlight belongs to the discussion; the deadline to (asynchronous) sorting
    spotlight: e.to === 'discussion' ? b.spotlight : null,
    deadline: e.to === 'setup' || e.to === 'sorting' ? b.deadline : null,
    // review starts a fresh ping-pong record from where every card is now
    ...(e.to === 'review' && e.from !== 'review' ? { trail: {}, reviewMoves: {} } : {}),
  }),
  'person.joined': (b, e) => ({ ...b, people: { ...b.people, [e.person.id]: e.person } }),
  'person.renamed': (b, e) => withPerson(b, e.personId, { name: e.name }),
  'person.roleChanged': (b, e) => withPerson(b, e.personId, { role: e.role }),
  'person.removed': (b, e) => ({
    ...b,
    people: without(b.people, e.personId),
    hands: Object.fromEntries(Object.entries(b.hands).filter(([, p]) => p !== e.personId)),
  }),
  'timer.started': (b, e) => ({ ...b, timer: { phase: e.phase, seconds: e.seconds, endsAt: e.endsAt } }),
  'timer.stopped': (b) => ({ ...b, timer: null }),
  'card.spotlighted': (b, e) => ({ ...b, spotlight: e.cardId }),
  'deadline.set': (b, e) => ({ ...b, deadline: e.at }),
  'session.next': (b, e) => ({ ...b, next: e.next }),
};

/** Applies one accepted event; the same code runs on the server, in replays and in every client. */
export function apply(board: BoardState, event: BoardEvent): BoardState {
  const handler = handlers[event.type] as Handler<typeof event.type>;
  return { ...handler(board, event as never), version: board.version + 1 };
}

export function replay(board: BoardState, events: readonly BoardEvent[]): BoardState {
  return events.reduce(apply, board);
}
