import { own } from './ids';
import { findBucket } from './scale';
import { withDefaults } from './settings';
import type { BoardEvent } from './events';
import type { BoardState, Person, Placement } from './state';

/**
 * How a handler changes one of the board's per-card or per-person records. Clients copy (React
 * needs a new object for every change); the server's own board (applyOwned) changes its
 * records in place, so a move costs the same on a board of 20 cards and of 500.
 */
interface Records {
  set<V>(record: Record<string, V>, key: string, value: V): Record<string, V>;
  remove<V>(record: Record<string, V>, key: string): Record<string, V>;
  /** a record taken from an event: the board may only change its own records in place */
  adopt<V>(record: Record<string, V>): Record<string, V>;
  /** the trail with one more placement */
  extend(trail: Placement[] | undefined, from: Placement, to: Placement): Placement[];
}

/**
 * Trails the server's own board holds alone, so a move may push onto them. A trail a reader's
 * copy or a client could see is copied on its next move instead (ownedCopy gives them up).
 */
const ownTrails = new WeakSet<Placement[]>();

const copying: Records = {
  set: (record, key, value) => ({ ...record, [key]: value }),
  remove(record, key) {
    if (!Object.hasOwn(record, key)) return record;
    const copy = { ...record };
    delete copy[key];
    return copy;
  },
  adopt: (record) => record,
  extend: (trail, from, to) => [...(trail ?? [from]), to],
};

const inPlace: Records = {
  set(record, key, value) {
    // as the object literal above: an own property, even for a key like __proto__
    if (key === '__proto__') Object.defineProperty(record, key, { value, writable: true, enumerable: true, configurable: true });
    else record[key] = value;
    return record;
  },
  remove(record, key) {
    if (Object.hasOwn(record, key)) delete record[key];
    return record;
  },
  adopt: (record) => ({ ...record }),
  extend(trail, from, to) {
    if (trail && ownTrails.has(trail)) {
      trail.push(to);
      return trail;
    }
    const own = [...(trail ?? [from]), to];
    ownTrails.add(own);
    return own;
  },
};

type Handler<T extends BoardEvent['type']> = (b: BoardState, e: Extract<BoardEvent, { type: T }>, r: Records) => BoardState;
type Handlers = { [T in BoardEvent['type']]: Handler<T> };

function withPerson(b: BoardState, id: string, change: Partial<Person>, r: Records): BoardState {
  const p = own(b.people, id);
  return p ? { ...b, people: r.set(b.people, id, { ...p, ...change }) } : b;
}

const handlers: Handlers = {
  'session.created': (b, e) => ({ ...b, scale: e.scale, settings: withDefaults(e.settings), phase: e.phase }),
  'card.added': (b, e, r) => ({
    ...b,
    // a backlog arrives in order: sort only when a card goes before the last one
    cards:
      (b.cards.at(-1)?.position ?? -Infinity) <= e.card.position
        ? [...b.cards, e.card]
        : [...b.cards, e.card].sort((x, y) => x.position - y.position),
    placement: r.set(b.placement, e.card.id, null),
    moveCount: r.set(b.moveCount, e.card.id, 0),
  }),
  'card.edited': (b, e) => ({ ...b, cards: b.cards.map((c) => (c.id === e.cardId ? { ...c, title: e.title } : c)) }),
  'card.removed': (b, e, r) => ({
    ...b,
    cards: b.cards.filter((c) => c.id !== e.cardId),
    placement: r.remove(b.placement, e.cardId),
    moveCount: r.remove(b.moveCount, e.cardId),
    flags: r.remove(b.flags, e.cardId),
    trail: r.remove(b.trail, e.cardId),
    reviewMoves: r.remove(b.reviewMoves, e.cardId),
    hands: r.remove(b.hands, e.cardId),
    spotlight: b.spotlight === e.cardId ? null : b.spotlight,
  }),
  'card.moved': (b, e, r) => {
    const moved = {
      ...b,
      placement: r.set(b.placement, e.cardId, e.to),
      moveCount: r.set(b.moveCount, e.cardId, (own(b.moveCount, e.cardId) ?? 0) + 1),
    };
    if (b.phase !== 'review') return moved;
    moved.trail = r.set(b.trail, e.cardId, r.extend(own(b.trail, e.cardId), e.from, e.to));
    moved.reviewMoves = r.set(b.reviewMoves, e.cardId, (own(b.reviewMoves, e.cardId) ?? 0) + 1);
    return moved;
  },
  'card.flagged': (b, e, r) => ({ ...b, flags: r.set(b.flags, e.cardId, e.reason) }),
  'card.unflagged': (b, e, r) => ({ ...b, flags: r.remove(b.flags, e.cardId) }),
  'cards.dealt': (b, e, r) => ({ ...b, hands: r.adopt(e.hands) }),
  'scale.changed': (b, e) => {
    // cards in buckets the new scale lacks go back to the pile
    const placement = Object.fromEntries(
      Object.entries(b.placement).map(([id, at]) => [id, at !== null && findBucket(e.scale, at) ? at : null]),
    );
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
  'person.joined': (b, e, r) => ({ ...b, people: r.set(b.people, e.person.id, e.person) }),
  'person.renamed': (b, e, r) => withPerson(b, e.personId, { name: e.name }, r),
  'person.roleChanged': (b, e, r) => withPerson(b, e.personId, { role: e.role }, r),
  'person.removed': (b, e, r) => ({
    ...b,
    people: r.remove(b.people, e.personId),
    hands: Object.fromEntries(Object.entries(b.hands).filter(([, p]) => p !== e.personId)),
  }),
  'timer.started': (b, e) => ({ ...b, timer: { phase: e.phase, seconds: e.seconds, endsAt: e.endsAt } }),
  'timer.stopped': (b) => ({ ...b, timer: null }),
  'card.spotlighted': (b, e) => ({ ...b, spotlight: e.cardId }),
  'deadline.set': (b, e) => ({ ...b, deadline: e.at }),
  'session.next': (b, e) => ({ ...b, next: e.next }),
};

function step(board: BoardState, event: BoardEvent, r: Records): BoardState {
  const handler = handlers[event.type] as Handler<typeof event.type>;
  const next = handler(board, event as never, r);
  // a handler that changes nothing returns `board` itself, which is never changed
  return next === board ? { ...board, version: board.version + 1 } : Object.assign(next, { version: board.version + 1 });
}

/** Applies one accepted event; the same code runs on the server, in replays and in every client. */
export function apply(board: BoardState, event: BoardEvent): BoardState {
  return step(board, event, copying);
}

export function replay(board: BoardState, events: readonly BoardEvent[]): BoardState {
  return events.reduce(apply, board);
}

/**
 * The same rules for a board only its holder sees (the server's board cache): the per-card and
 * per-person records of `board` are changed in place, so `board` must not be used afterwards,
 * and must itself be owned (from ownedCopy, or replayed with applyOwned from an empty board).
 * The result equals apply's (PERF-2).
 */
export function applyOwned(board: BoardState, event: BoardEvent): BoardState {
  return step(board, event, inPlace);
}

export function replayOwned(board: BoardState, events: readonly BoardEvent[]): BoardState {
  return events.reduce(applyOwned, board);
}

/**
 * A board whose records nobody else holds: applyOwned may change it. Cards and people are never
 * changed in place, so both boards share them; trails are shared too, and from now on copied
 * before they grow.
 */
export function ownedCopy(b: BoardState): BoardState {
  for (const trail of Object.values(b.trail)) ownTrails.delete(trail);
  return {
    ...b,
    placement: { ...b.placement },
    moveCount: { ...b.moveCount },
    flags: { ...b.flags },
    trail: { ...b.trail },
    reviewMoves: { ...b.reviewMoves },
    hands: { ...b.hands },
    people: { ...b.people },
  };
}
