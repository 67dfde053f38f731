import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyOwned,
  defaultScale,
  DEFAULT_SETTINGS,
  emptyBoard,
  ownedCopy,
  PHASES,
  replay,
  replayOwned,
  tshirtScale,
  type BoardEvent,
  type BoardState,
} from '../../../domain/board';

/*
 * PERF-2 (docs/hardening.md): the server changes its own board in place (applyOwned), clients
 * copy (apply). Same events, same board, key order included; the copying apply never changes
 * its input, and the in-place one never changes a board or event it was not given to own.
 */

// a small pool, so events hit the same cards and people ('7': integer-like keys order first),
// and moves dominate, so trails grow;
// records are ordinary objects, as events from JSON or from decide() are
const ids = ['c1', 'c2', 'c3', 'c4', '7'];
const people = ['p1', 'p2', 'p3'];
const placements = ['v1', 'v2', 'v5', 'v13', 'unsure', 'xs', null];

const event: fc.Arbitrary<BoardEvent> = fc.oneof(
  fc.record({
    type: fc.constant('card.added' as const),
    card: fc.record({ id: fc.constantFrom(...ids), title: fc.string({ maxLength: 5 }), key: fc.constant(null), position: fc.nat(9) }),
  }),
  fc.record({ type: fc.constant('card.edited' as const), cardId: fc.constantFrom(...ids), title: fc.string({ maxLength: 5 }) }),
  fc.record({ type: fc.constant('card.removed' as const), cardId: fc.constantFrom(...ids) }),
  ...[1, 2, 3, 4].map(() =>
    fc.record({
      type: fc.constant('card.moved' as const),
      cardId: fc.constantFrom(...ids),
      from: fc.constantFrom(...placements),
      to: fc.constantFrom(...placements),
    }),
  ),
  fc.record({
    type: fc.constant('card.flagged' as const),
    cardId: fc.constantFrom(...ids),
    reason: fc.constantFrom('returned' as const, 'tooManyMoves' as const, 'unsure' as const, 'manual' as const),
  }),
  fc.record({ type: fc.constant('card.unflagged' as const), cardId: fc.constantFrom(...ids) }),
  fc.record({
    type: fc.constant('cards.dealt' as const),
    hands: fc.dictionary(fc.constantFrom(...ids), fc.constantFrom(...people), { noNullPrototype: true }),
  }),
  fc.record({ type: fc.constant('scale.changed' as const), scale: fc.constantFrom(defaultScale(), tshirtScale()) }),
  fc.record({ type: fc.constant('phase.changed' as const), from: fc.constantFrom(...PHASES), to: fc.constantFrom(...PHASES) }),
  fc.record({
    type: fc.constant('person.joined' as const),
    person: fc.record({
      id: fc.constantFrom(...people),
      name: fc.string({ maxLength: 4 }),
      role: fc.constantFrom('facilitator' as const, 'participant' as const, 'observer' as const),
    }),
  }),
  fc.record({ type: fc.constant('person.renamed' as const), personId: fc.constantFrom(...people), name: fc.string({ maxLength: 4 }) }),
  fc.record({
    type: fc.constant('person.roleChanged' as const),
    personId: fc.constantFrom(...people),
    role: fc.constantFrom('facilitator' as const, 'participant' as const),
  }),
  fc.record({ type: fc.constant('person.removed' as const), personId: fc.constantFrom(...people) }),
  fc.record({ type: fc.constant('timer.started' as const), phase: fc.constantFrom(...PHASES), seconds: fc.nat(99), endsAt: fc.nat() }),
  fc.constant({ type: 'timer.stopped' as const }),
  fc.record({ type: fc.constant('card.spotlighted' as const), cardId: fc.option(fc.constantFrom(...ids), { nil: null }) }),
  fc.record({ type: fc.constant('deadline.set' as const), at: fc.option(fc.nat(), { nil: null }) }),
  fc.record({ type: fc.constant('settings.changed' as const), settings: fc.constant(DEFAULT_SETTINGS) }),
);

const fresh = () => emptyBoard('s', defaultScale(), DEFAULT_SETTINGS, 'review');
const frozen = (x: unknown) => JSON.stringify(x);

describe('PERF-2 the server board changed in place equals the copied one', () => {
  it('PERF-2 replayOwned gives the same board as replay, key order included, for any events', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 60 }), fc.array(event, { maxLength: 30 }), (first, more) => {
        const copied = replay(fresh(), first);
        const owned = replayOwned(fresh(), first);
        expect(owned).toStrictEqual(copied);
        expect(frozen(owned)).toBe(frozen(copied));
        // going on from an owned copy of a shared board leaves the shared board as it was
        const before = frozen(copied);
        const fromCopy = replayOwned(ownedCopy(copied), more);
        expect(frozen(copied)).toBe(before);
        expect(frozen(fromCopy)).toBe(frozen(replay(copied, more)));
        // a reader's copy of the server's board (as the cache hands out) stays as it was while
        // the server's board goes on in place: records and trails alike
        const reader = ownedCopy(owned);
        const seen = frozen(reader);
        const goneOn = replayOwned(owned, more);
        expect(frozen(reader)).toBe(seen);
        expect(frozen(goneOn)).toBe(frozen(replay(copied, more)));
      }),
      { seed: 20_261_201, numRuns: 400 },
    );
  });

  it('PERF-2 apply never changes its input board, and applyOwned never changes the events', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 60 }), (events) => {
        const seen: string[] = [];
        let b: BoardState = fresh();
        const boards: BoardState[] = [];
        for (const e of events) {
          boards.push(b);
          seen.push(frozen(b));
          b = replay(b, [e]);
        }
        boards.forEach((old, i) => expect(frozen(old)).toBe(seen[i]));
        const sent = frozen(events);
        replayOwned(fresh(), events);
        expect(frozen(events)).toBe(sent);
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  it('PERF-2 a card id "__proto__" is an own key in place too, never the prototype', () => {
    const b = applyOwned(emptyBoard('s', defaultScale(), DEFAULT_SETTINGS, 'sorting'), {
      type: 'card.moved',
      cardId: '__proto__',
      from: null,
      to: 'v3',
    });
    expect(Object.hasOwn(b.placement, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(b.placement)).toBe(Object.prototype);
    expect(b.placement['__proto__']).toBe('v3');
  });
});
