import { describe, expect, it } from 'vitest';
import {
  apply,
  decide,
  defaultScale,
  replay,
  totals,
  type Actor,
  type BoardCommand,
  type BoardEvent,
  type BoardState,
  type Phase,
} from '../../../domain/board';
import { boardWith } from './support';

const fac: Actor = { personId: 'f', role: 'facilitator' };
const ann: Actor = { personId: 'a', role: 'participant' };
const bob: Actor = { personId: 'b', role: 'participant' };
const obs: Actor = { personId: 'o', role: 'observer' };
const ctx = { now: 1000, online: ['f', 'a', 'b', 'o'] };

function run(b: BoardState, actor: Actor, cmd: BoardCommand): BoardState {
  const d = decide(b, cmd, actor, ctx);
  if (!d.ok) throw new Error(`${cmd.type}: ${d.error.message}`);
  return replay(b, d.value);
}

const moveTo = (b: BoardState, actor: Actor, cardId: string, to: string | null) => run(b, actor, { type: 'card.move', cardId, to });
const refusal = (b: BoardState, actor: Actor, cmd: BoardCommand) => {
  const d = decide(b, cmd, actor, ctx);
  return d.ok ? 'accepted' : d.error.code;
};

describe('board: moves and totals', () => {
  it('SCALE-1 the default scale is 1..100 plus an uncounted "?" bucket', () => {
    expect(defaultScale().buckets.map((b) => b.label)).toEqual(['1', '2', '3', '5', '8', '13', '20', '40', '100', '?']);
    expect(defaultScale().buckets.at(-1)?.value).toBeNull();
  });

  it('BOARD-D1 a move records where the card came from and bumps the version once per event', () => {
    const b0 = boardWith();
    const b1 = moveTo(b0, ann, 'c1', 'v5');
    expect(decide(b1, { type: 'card.move', cardId: 'c1', to: 'v8' }, bob, ctx)).toEqual({
      ok: true,
      value: [{ type: 'card.moved', cardId: 'c1', from: 'v5', to: 'v8' }],
    });
    expect(b1.version).toBe(b0.version + 1);
    expect(b1.placement.c1).toBe('v5');
  });

  it.each([
    ['unknown card', { cardId: 'zz', to: 'v5' }, 'unknown_card'],
    ['inherited name as card', { cardId: 'toString', to: 'v5' }, 'unknown_card'],
    ['unknown bucket', { cardId: 'c1', to: 'v4' }, 'unknown_bucket'],
    ['no change', { cardId: 'c1', to: null }, 'no_change'],
  ] as const)('BOARD-D2 %s is refused', (_n, cmd, code) => {
    expect(refusal(boardWith(), ann, { type: 'card.move', ...cmd })).toBe(code);
  });

  it('BOARD-D4 totals count cards per bucket and sum values, "?" excluded', () => {
    let b = moveTo(boardWith(), ann, 'c1', 'v5');
    b = moveTo(b, ann, 'c2', 'v5');
    b = moveTo(b, ann, 'c3', 'unsure');
    const t = totals(b);
    expect(t.byBucket.v5).toEqual({ count: 2, sum: 10 });
    expect(t.byBucket.unsure).toEqual({ count: 1, sum: 0 });
    expect(t).toMatchObject({ unplaced: 1, placed: 3, total: 10, flagged: 1 });
  });

  it('BOARD-D5 apply does not mutate the previous state', () => {
    const b0 = boardWith();
    const before = JSON.stringify(b0);
    moveTo(b0, ann, 'c1', 'v3');
    expect(JSON.stringify(b0)).toBe(before);
  });
});

describe('workshop phases and roles', () => {
  // table: phase, actor, card, expected outcome of moving it to v8
  const table: [Phase, Actor, string, string][] = [
    ['setup', ann, 'c1', 'wrong_phase'],
    ['setup', fac, 'c1', 'accepted'],
    ['sorting', ann, 'c1', 'accepted'], // dealt to ann (round robin: a, b, a, b)
    ['sorting', ann, 'c2', 'not_your_card'],
    ['sorting', bob, 'c2', 'accepted'],
    ['sorting', fac, 'c2', 'accepted'],
    ['review', bob, 'c1', 'accepted'],
    ['discussion', fac, 'c1', 'wrong_phase'], // not flagged
    ['discussion', ann, 'c1', 'wrong_phase'],
    ['locked', fac, 'c1', 'session_locked'],
    ['review', obs, 'c1', 'not_allowed'],
  ];
  it.each(table)('PHASE-1 in %s, %o moving %s gives %s', (phase, actor, card, want) => {
    expect(refusal(boardWith(phase), actor, { type: 'card.move', cardId: card, to: 'v8' })).toBe(want);
  });

  it('PHASE-2 entering sorting deals the unplaced cards evenly to the participants online', () => {
    const b = boardWith('sorting', ['c1', 'c2', 'c3', 'c4', 'c5']);
    expect(b.hands).toEqual({ c1: 'a', c2: 'b', c3: 'a', c4: 'b', c5: 'a' });
  });

  it('PHASE-3 a re-deal gives late joiners a share of what is still unplaced', () => {
    let b = boardWith('sorting', ['c1', 'c2', 'c3', 'c4', 'c5', 'c6']);
    b = moveTo(b, ann, 'c1', 'v3');
    b = apply(b, { type: 'person.joined', person: { id: 'late', name: 'Late', role: 'participant' } });
    b = replay(
      b,
      (decide(b, { type: 'cards.deal' }, fac, { now: 0, online: ['f', 'a', 'b', 'late'] }) as { ok: true; value: BoardEvent[] }).value,
    );
    expect(Object.keys(b.hands)).toEqual(['c2', 'c3', 'c4', 'c5', 'c6']);
    expect(new Set(Object.values(b.hands))).toEqual(new Set(['a', 'b', 'late']));
  });

  it('PHASE-4 the facilitator can go back a phase, and only the facilitator changes phases', () => {
    const b = boardWith('review');
    expect(run(b, fac, { type: 'phase.set', phase: 'sorting' }).phase).toBe('sorting');
    expect(refusal(b, ann, { type: 'phase.set', phase: 'discussion' })).toBe('not_allowed');
    expect(run(boardWith('locked'), fac, { type: 'phase.set', phase: 'discussion' }).phase).toBe('discussion');
  });

  it('ROLE-1 observers never change anything; only the facilitator renames others or removes people', () => {
    const b = boardWith();
    expect(refusal(b, obs, { type: 'person.rename', personId: 'o', name: 'X' })).toBe('not_allowed');
    expect(refusal(b, ann, { type: 'person.rename', personId: 'b', name: 'X' })).toBe('not_allowed');
    expect(run(b, ann, { type: 'person.rename', personId: 'a', name: 'Anna' }).people.a?.name).toBe('Anna');
    expect(refusal(b, ann, { type: 'person.remove', personId: 'b' })).toBe('not_allowed');
    const removed = run(b, fac, { type: 'person.remove', personId: 'b' });
    expect(removed.people.b).toBeUndefined();
    expect(run(b, fac, { type: 'person.setRole', personId: 'a', role: 'facilitator' }).people.a?.role).toBe('facilitator');
  });

  it('SETUP-1 items and the scale change only in setup; a new scale sends stray cards to the pile', () => {
    let b = boardWith('setup');
    b = moveTo(b, fac, 'c1', 'v40');
    b = run(b, fac, { type: 'scale.set', scale: { kind: 'tshirt' } });
    expect(b.scale.buckets.map((x) => x.label)).toEqual(['XS', 'S', 'M', 'L', 'XL', 'XXL', '?']);
    expect(b.placement.c1).toBeNull();
    b = run(b, fac, { type: 'card.add', cardId: 'new', title: 'New', key: null });
    expect(b.cards.at(-1)).toMatchObject({ id: 'new', position: 4 });
    expect(refusal(boardWith('review'), fac, { type: 'card.add', cardId: 'x', title: 'X', key: null })).toBe('wrong_phase');
  });

  it('TIMER-1 a timebox ends at now + seconds and stops when the phase changes', () => {
    const b = run(boardWith('review'), fac, { type: 'timer.start', seconds: 300 });
    expect(b.timer).toEqual({ phase: 'review', seconds: 300, endsAt: 1000 + 300_000 });
    expect(run(b, fac, { type: 'phase.set', phase: 'discussion' }).timer).toBeNull();
  });
});

describe('ping-pong detection', () => {
  it('PING-1 a card moved back to a bucket it left before during review is flagged "returned"', () => {
    let b = moveTo(boardWith('sorting'), ann, 'c1', 'v3');
    b = run(b, fac, { type: 'phase.set', phase: 'review' });
    b = moveTo(b, bob, 'c1', 'v8');
    expect(b.flags.c1).toBeUndefined();
    b = moveTo(b, ann, 'c1', 'v3');
    expect(b.flags.c1).toBe('returned');
  });

  it('PING-2 a card moved more than maxMoves times during review is flagged "tooManyMoves"', () => {
    let b = run(boardWith('review'), fac, { type: 'settings.set', pingPong: { backAndForth: false, maxMoves: 2 } });
    b = moveTo(b, ann, 'c1', 'v1');
    b = moveTo(b, bob, 'c1', 'v2');
    expect(b.flags.c1).toBeUndefined();
    b = moveTo(b, ann, 'c1', 'v3');
    expect(b.flags.c1).toBe('tooManyMoves');
  });

  it('PING-3 moves during sorting do not count as ping-pong', () => {
    let b = moveTo(boardWith('sorting'), ann, 'c1', 'v3');
    b = moveTo(b, ann, 'c1', 'v5');
    b = moveTo(b, ann, 'c1', 'v3');
    expect(b.flags.c1).toBeUndefined();
  });

  it('PING-4 the "?" bucket always flags, and the facilitator settles a card in discussion', () => {
    let b = moveTo(boardWith('sorting'), ann, 'c1', 'unsure');
    expect(b.flags.c1).toBe('unsure');
    b = run(b, fac, { type: 'phase.set', phase: 'discussion' });
    b = moveTo(b, fac, 'c1', 'v13');
    b = run(b, fac, { type: 'card.unflag', cardId: 'c1' });
    expect(b.flags.c1).toBeUndefined();
    expect(b.placement.c1).toBe('v13');
  });
});
