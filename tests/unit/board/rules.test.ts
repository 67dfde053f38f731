import { describe, expect, it } from 'vitest';
import {
  apply,
  dealOnArrival,
  decide,
  hidesMovers,
  moveOnNudge,
  redactEvent,
  replay,
  sortingProgress,
  spotlightOf,
  visibleDragger,
  MAX_DEADLINE_MS,
  type Actor,
  type BoardCommand,
  type BoardState,
  type VersionedEvent,
} from '../../../domain/board';
import { commandMessage, historyMessage, joinMessage, moveMessage, timelineMessage } from '../../../domain/protocol';
import { boardWith } from './support';

const fac: Actor = { personId: 'f', role: 'facilitator' };
const ann: Actor = { personId: 'a', role: 'participant' };
const bob: Actor = { personId: 'b', role: 'participant' };
const NOW = 1000;
const ctx = { now: NOW, online: ['f', 'a', 'b', 'o'] };

function run(b: BoardState, actor: Actor, cmd: BoardCommand, online = ctx.online): BoardState {
  const d = decide(b, cmd, actor, { now: NOW, online });
  if (!d.ok) throw new Error(`${cmd.type}: ${d.error.message}`);
  return replay(b, d.value);
}
const refusal = (b: BoardState, actor: Actor, cmd: BoardCommand) => {
  const d = decide(b, cmd, actor, ctx);
  return d.ok ? 'accepted' : d.error.code;
};
const join = (b: BoardState, id: string, role: 'participant' | 'observer' = 'participant') =>
  apply(b, { type: 'person.joined', person: { id, name: id.toUpperCase(), role } });

describe('no-op commands (BOARD-D3)', () => {
  const review = boardWith('review');
  const table: [string, BoardState, Actor, BoardCommand][] = [
    ['rename to the same name', review, ann, { type: 'person.rename', personId: 'a', name: 'a' }],
    ['the same role', review, fac, { type: 'person.setRole', personId: 'a', role: 'participant' }],
    ['the same settings', review, fac, { type: 'settings.set', pingPong: { backAndForth: true, maxMoves: 3 } }],
    [
      'the same settings, anonymity spelled out',
      review,
      fac,
      { type: 'settings.set', pingPong: { backAndForth: true, maxMoves: 3 }, anonymous: false },
    ],
    ['the same scale', boardWith('setup'), fac, { type: 'scale.set', scale: { kind: 'effort' } }],
    ['the same title', boardWith('setup'), fac, { type: 'card.edit', cardId: 'c1', title: 'C1' }],
    ['dealing the same hands again', boardWith('sorting'), fac, { type: 'cards.deal' }],
    ['stopping no timer', review, fac, { type: 'timer.stop' }],
    ['ending no spotlight', boardWith('discussion'), fac, { type: 'card.spotlight', cardId: null }],
    ['clearing no deadline', boardWith('sorting'), fac, { type: 'deadline.set', at: null }],
  ];
  it.each(table)('BOARD-D3 %s is refused as no_change and writes nothing', (_n, b, actor, cmd) => {
    expect(refusal(b, actor, cmd)).toBe('no_change');
  });

  it('BOARD-D3 a real change of the same kind is accepted', () => {
    const b = boardWith('review');
    expect(refusal(b, ann, { type: 'person.rename', personId: 'a', name: 'Anna' })).toBe('accepted');
    expect(refusal(b, fac, { type: 'settings.set', pingPong: { backAndForth: true, maxMoves: 3 }, anonymous: true })).toBe('accepted');
    expect(refusal(b, fac, { type: 'settings.set', pingPong: { backAndForth: true, maxMoves: 3 }, timebox: { review: 300 } })).toBe(
      'accepted',
    );
    expect(refusal(boardWith('setup'), fac, { type: 'scale.set', scale: { kind: 'tshirt' } })).toBe('accepted');
  });
});

describe('ids (BOARD-ID)', () => {
  const reserved = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', '__defineGetter__'];
  it.each(reserved)('BOARD-ID-1 the protocol refuses %s as an id', (name) => {
    expect(commandMessage.safeParse({ type: 'person.remove', personId: name }).success).toBe(false);
    expect(commandMessage.safeParse({ type: 'card.flag', cardId: name }).success).toBe(false);
    expect(moveMessage.safeParse({ cardId: name, to: null }).success).toBe(false);
    expect(joinMessage.safeParse({ sessionId: name, name: 'X' }).success).toBe(false);
    expect(historyMessage.safeParse({ cardId: name }).success).toBe(false);
  });

  it('BOARD-ID-1 ordinary ids still pass', () => {
    expect(commandMessage.safeParse({ type: 'person.remove', personId: 'Zmw1MWYXQ5bTo1yBMQws5A' }).success).toBe(true);
    expect(moveMessage.safeParse({ cardId: 'proto', to: 'v5' }).success).toBe(true);
  });

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])('BOARD-ID-2 %s never finds a person, a card or a hand', (name) => {
    const b = boardWith('sorting');
    expect(refusal(b, fac, { type: 'person.rename', personId: name, name: 'X' })).toBe('unknown_person');
    expect(refusal(b, fac, { type: 'person.setRole', personId: name, role: 'observer' })).toBe('unknown_person');
    expect(refusal(b, fac, { type: 'person.remove', personId: name })).toBe('unknown_person');
    expect(refusal(b, ann, { type: 'card.move', cardId: name, to: 'v5' })).toBe('unknown_card');
    expect(refusal(b, fac, { type: 'card.flag', cardId: name })).toBe('unknown_card');
    // an event naming it (it could only come from a corrupted log) changes nobody
    const renamed = apply(b, { type: 'person.renamed', personId: name, name: 'X' });
    expect(Object.keys(renamed.people)).toEqual(Object.keys(b.people));
    expect(
      sortingProgress(b)
        .people.map((p) => p.person.id)
        .sort(),
    ).toEqual(['a', 'b']);
  });
});

describe('spotlight (BOARD-SPOT)', () => {
  it('BOARD-SPOT-1 the facilitator spotlights a card in discussion, and only then', () => {
    let b = boardWith('discussion');
    expect(refusal(b, ann, { type: 'card.spotlight', cardId: 'c1' })).toBe('not_allowed');
    expect(refusal(boardWith('review'), fac, { type: 'card.spotlight', cardId: 'c1' })).toBe('wrong_phase');
    expect(refusal(b, fac, { type: 'card.spotlight', cardId: 'nope' })).toBe('unknown_card');
    b = run(b, fac, { type: 'card.spotlight', cardId: 'c1' });
    expect(b.spotlight).toBe('c1');
    expect(refusal(b, fac, { type: 'card.spotlight', cardId: 'c1' })).toBe('no_change');
    b = run(b, fac, { type: 'card.spotlight', cardId: 'c2' });
    expect(b.spotlight).toBe('c2');
    expect(run(b, fac, { type: 'card.spotlight', cardId: null }).spotlight).toBeNull();
  });

  it('BOARD-SPOT-2 the spotlight ends with the discussion and with the card, not when it is settled', () => {
    let b = run(boardWith('review'), ann, { type: 'card.move', cardId: 'c1', to: 'unsure' });
    b = run(b, fac, { type: 'phase.set', phase: 'discussion' });
    b = run(b, fac, { type: 'card.spotlight', cardId: 'c1' });
    b = run(b, fac, { type: 'card.unflag', cardId: 'c1' });
    expect(b.spotlight).toBe('c1');
    expect(run(b, fac, { type: 'phase.set', phase: 'locked' }).spotlight).toBeNull();
    expect(apply(b, { type: 'card.removed', cardId: 'c1' }).spotlight).toBeNull();
  });

  it('BOARD-SPOT-3 the spotlight shows where the card is and where it moved since review began', () => {
    let b = run(boardWith('sorting'), ann, { type: 'card.move', cardId: 'c1', to: 'v3' });
    b = run(b, fac, { type: 'phase.set', phase: 'review' });
    b = run(b, bob, { type: 'card.move', cardId: 'c1', to: 'v8' });
    b = run(b, ann, { type: 'card.move', cardId: 'c1', to: 'v3' });
    b = run(b, fac, { type: 'phase.set', phase: 'discussion' });
    b = run(b, fac, { type: 'card.move', cardId: 'c1', to: 'v5' });
    b = run(b, fac, { type: 'card.spotlight', cardId: 'c1' });
    expect(spotlightOf(b)).toEqual({ card: b.cards[0], at: '5', flag: 'returned', path: ['3', '8', '3', '5'] });
    expect(spotlightOf(boardWith('discussion'))).toBeNull();
  });
});

describe('sorting progress (BOARD-PROG)', () => {
  it('BOARD-PROG-1 per person: dealt, left; people still sorting; everyone done', () => {
    let b = boardWith('sorting', ['c1', 'c2', 'c3', 'c4', 'c5']);
    // a: c1 c3 c5, b: c2 c4
    b = run(b, ann, { type: 'card.move', cardId: 'c1', to: 'v3' });
    b = run(b, bob, { type: 'card.move', cardId: 'c2', to: 'v3' });
    b = run(b, bob, { type: 'card.move', cardId: 'c4', to: 'v5' });
    const p = sortingProgress(b);
    expect(p.people.map((x) => [x.person.id, x.dealt, x.left])).toEqual([
      ['a', 3, 2],
      ['b', 2, 0],
    ]);
    expect(p).toMatchObject({ sorting: 1, undealt: 0, everyoneDone: false });
    b = run(b, ann, { type: 'card.move', cardId: 'c3', to: 'v3' });
    b = run(b, ann, { type: 'card.move', cardId: 'c5', to: 'v3' });
    expect(sortingProgress(b)).toMatchObject({ sorting: 0, everyoneDone: true });
  });

  it("BOARD-PROG-1 removed people and undealt cards are not anybody's progress", () => {
    let b = boardWith('sorting', ['c1', 'c2', 'c3']);
    b = run(b, fac, { type: 'person.remove', personId: 'b' });
    const p = sortingProgress(b);
    expect(p.people.map((x) => x.person.id)).toEqual(['a']);
    expect(p.undealt).toBe(1);
  });

  it('BOARD-PROG-2 the nudge counts the people still sorting, and only in sorting', () => {
    let b = boardWith('sorting', ['c1', 'c2', 'c3']);
    expect(moveOnNudge(b)).toEqual({ stillSorting: 2, cardsLeft: 3 });
    b = run(b, bob, { type: 'card.move', cardId: 'c2', to: 'v1' });
    expect(moveOnNudge(b)).toEqual({ stillSorting: 1, cardsLeft: 2 });
    b = run(b, ann, { type: 'card.move', cardId: 'c1', to: 'v1' });
    b = run(b, ann, { type: 'card.move', cardId: 'c3', to: 'v1' });
    expect(moveOnNudge(b)).toBeNull();
    expect(moveOnNudge(boardWith('review'))).toBeNull();
  });
});

describe('asynchronous sorting (BOARD-ASYNC)', () => {
  it('BOARD-ASYNC-1 a deadline lies in the future, at most 30 days ahead, and ends with sorting', () => {
    const setup = boardWith('setup');
    expect(refusal(setup, fac, { type: 'deadline.set', at: NOW })).toBe('invalid');
    expect(refusal(setup, fac, { type: 'deadline.set', at: NOW + MAX_DEADLINE_MS + 1 })).toBe('invalid');
    expect(refusal(setup, ann, { type: 'deadline.set', at: NOW + 1000 })).toBe('not_allowed');
    expect(refusal(boardWith('review'), fac, { type: 'deadline.set', at: NOW + 1000 })).toBe('wrong_phase');
    let b = run(setup, fac, { type: 'deadline.set', at: NOW + MAX_DEADLINE_MS });
    expect(b.deadline).toBe(NOW + MAX_DEADLINE_MS);
    b = run(b, fac, { type: 'phase.set', phase: 'sorting' });
    expect(b.deadline).toBe(NOW + MAX_DEADLINE_MS);
    // it locks nothing: moves go on until the facilitator starts review
    expect(refusal(b, ann, { type: 'card.move', cardId: 'c1', to: 'v5' })).toBe('accepted');
    expect(run(b, fac, { type: 'phase.set', phase: 'review' }).deadline).toBeNull();
  });

  it('BOARD-ASYNC-2 with a deadline cards go to every participant who joined, online or not, never to the facilitator', () => {
    let b = run(boardWith('setup', ['c1', 'c2', 'c3', 'c4']), fac, { type: 'deadline.set', at: NOW + 60_000 });
    b = run(b, fac, { type: 'phase.set', phase: 'sorting' }, ['f']);
    expect(b.hands).toEqual({ c1: 'a', c2: 'b', c3: 'a', c4: 'b' });
    // nobody joined yet: the cards wait, undealt
    let empty = boardWith('setup', ['c1', 'c2']);
    empty = run(empty, fac, { type: 'person.remove', personId: 'a' });
    empty = run(empty, fac, { type: 'person.remove', personId: 'b' });
    empty = run(empty, fac, { type: 'deadline.set', at: NOW + 60_000 });
    empty = run(empty, fac, { type: 'phase.set', phase: 'sorting' }, ['f']);
    expect(empty.hands).toEqual({});
  });

  it('BOARD-ASYNC-2 arrivals get a fair share: undealt cards first, then from whoever holds the most', () => {
    const cards = Array.from({ length: 12 }, (_, i) => `c${i + 1}`);
    let b = boardWith('setup', cards);
    b = run(b, fac, { type: 'person.remove', personId: 'a' });
    b = run(b, fac, { type: 'person.remove', personId: 'b' });
    b = run(b, fac, { type: 'deadline.set', at: NOW + 60_000 });
    b = run(b, fac, { type: 'phase.set', phase: 'sorting' }, ['f']);
    const arrive = (board: BoardState, id: string) => replay(join(board, id), dealOnArrival(join(board, id), id));
    b = arrive(b, 'p1');
    expect(Object.values(b.hands).filter((h) => h === 'p1')).toHaveLength(12);
    b = run(b, { personId: 'p1', role: 'participant' }, { type: 'card.move', cardId: 'c1', to: 'v1' });
    b = arrive(b, 'p2');
    b = arrive(b, 'p3');
    const left = sortingProgress(b).people.map((p) => [p.person.id, p.left]);
    expect(left).toEqual([
      ['p1', 4],
      ['p2', 4],
      ['p3', 3],
    ]);
    // the first arrival keeps its most important cards; the newcomers get the last ones
    expect(b.hands.c2).toBe('p1');
    expect(b.hands.c12).not.toBe('p1');
    // someone who was dealt cards before gets nothing more on a later visit
    expect(dealOnArrival(b, 'p1')).toEqual([]);
    // observers and live (deadline-less) sessions deal nothing on arrival
    expect(dealOnArrival(join(b, 'o2', 'observer'), 'o2')).toEqual([]);
    expect(dealOnArrival(join(boardWith('sorting'), 'p9'), 'p9')).toEqual([]);
  });
});

describe('anonymity (BOARD-ANON)', () => {
  const moved = (by: string): VersionedEvent => ({
    version: 9,
    by,
    at: 0,
    event: { type: 'card.moved', cardId: 'c1', from: null, to: 'v5' },
  });
  const anon = (phase: 'review' | 'locked') => {
    const b = run(boardWith('review'), fac, { type: 'settings.set', pingPong: { backAndForth: true, maxMoves: 3 }, anonymous: true });
    return phase === 'locked' ? run(b, fac, { type: 'phase.set', phase: 'locked' }) : b;
  };

  it('BOARD-ANON-1 an anonymous session hides movers until lock', () => {
    expect(hidesMovers(anon('review'))).toBe(true);
    expect(hidesMovers(anon('locked'))).toBe(false);
    expect(hidesMovers(boardWith('review'))).toBe(false);
  });

  it('BOARD-ANON-2 card events lose their author for everyone but the author; other events stay public', () => {
    const b = anon('review');
    expect(redactEvent(b, moved('a'), { personId: null }).by).toBeNull();
    expect(redactEvent(b, moved('a'), { personId: 'b' }).by).toBeNull();
    expect(redactEvent(b, moved('a'), { personId: 'a' }).by).toBe('a');
    const joined: VersionedEvent = {
      version: 3,
      by: 'a',
      at: 0,
      event: { type: 'person.joined', person: { id: 'a', name: 'A', role: 'participant' } },
    };
    expect(redactEvent(b, joined, { personId: null })).toBe(joined);
    expect(redactEvent(anon('locked'), moved('a'), { personId: null }).by).toBe('a');
    expect(redactEvent(boardWith('review'), moved('a'), { personId: null }).by).toBe('a');
  });

  it('BOARD-ANON-3 a drag in progress shows an opaque key, not the person, while movers are hidden', () => {
    expect(visibleDragger(anon('review'), 'a', 'anon-1')).toBe('anon-1');
    expect(visibleDragger(anon('locked'), 'a', 'anon-1')).toBe('a');
  });
});

describe('paging (BOARD-PAGE)', () => {
  it('BOARD-PAGE-1 pages are asked for with before and limit, within bounds', () => {
    expect(timelineMessage.safeParse({}).success).toBe(true);
    expect(timelineMessage.safeParse({ before: 120, limit: 50 }).success).toBe(true);
    expect(timelineMessage.safeParse({ limit: 501 }).success).toBe(false);
    expect(timelineMessage.safeParse({ before: 0 }).success).toBe(false);
    expect(historyMessage.safeParse({ cardId: 'c1', limit: 0 }).success).toBe(false);
  });
});
