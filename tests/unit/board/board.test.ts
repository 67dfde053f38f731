import { describe, expect, it } from 'vitest';
import { apply, decide, defaultScale, emptyBoard, totals, type BoardState } from '../../../domain/board';

const cards = ['a', 'b', 'c'].map((id, position) => ({ id, title: id.toUpperCase(), key: null, position }));
const fresh = (): BoardState => emptyBoard('s1', defaultScale(), cards);
const mover = { participantId: 'p1', canMove: true };

function moved(board: BoardState, cardId: string, to: string | null): BoardState {
  const d = decide(board, { type: 'card.move', cardId, to }, mover, 1000);
  if (!d.ok) throw new Error(d.error.message);
  return apply(board, d.value);
}

describe('board commands and events', () => {
  it('SCALE-1 the default scale is 1..100 plus an uncounted "?" bucket', () => {
    const s = defaultScale();
    expect(s.buckets.map((b) => b.label)).toEqual(['1', '2', '3', '5', '8', '13', '20', '40', '100', '?']);
    expect(s.buckets.at(-1)?.value).toBeNull();
  });

  it('BOARD-D1 a move records where the card came from and bumps the version', () => {
    const b1 = moved(fresh(), 'a', 'v5');
    const d = decide(b1, { type: 'card.move', cardId: 'a', to: 'v8' }, mover, 2000);
    expect(d).toEqual({ ok: true, value: { type: 'card.moved', cardId: 'a', from: 'v5', to: 'v8', by: 'p1', at: 2000 } });
    const b2 = moved(b1, 'a', 'v8');
    expect(b2.version).toBe(2);
    expect(b2.placement.a).toBe('v8');
    expect(b2.moveCount.a).toBe(2);
  });

  it.each([
    ['unknown card', { cardId: 'zz', to: 'v5' }, 'unknown_card'],
    ['inherited name as card', { cardId: 'toString', to: 'v5' }, 'unknown_card'],
    ['unknown bucket', { cardId: 'a', to: 'v4' }, 'unknown_bucket'],
    ['no change', { cardId: 'a', to: null }, 'no_change'],
  ] as const)('BOARD-D2 %s is refused', (_n, cmd, code) => {
    const d = decide(fresh(), { type: 'card.move', ...cmd }, mover, 0);
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.error.code).toBe(code);
  });

  it('BOARD-D3 observers and locked sessions cannot move cards', () => {
    expect(decide(fresh(), { type: 'card.move', cardId: 'a', to: 'v1' }, { participantId: 'o', canMove: false }, 0)).toMatchObject({ ok: false, error: { code: 'not_allowed' } });
    expect(decide({ ...fresh(), phase: 'locked' }, { type: 'card.move', cardId: 'a', to: 'v1' }, mover, 0)).toMatchObject({ ok: false, error: { code: 'session_locked' } });
  });

  it('BOARD-D4 totals count cards per bucket and sum values, "?" excluded', () => {
    let b = moved(fresh(), 'a', 'v5');
    b = moved(b, 'b', 'v5');
    b = moved(b, 'c', 'unsure');
    const t = totals(b);
    expect(t.byBucket.v5).toEqual({ count: 2, sum: 10 });
    expect(t.byBucket.unsure).toEqual({ count: 1, sum: 0 });
    expect(t).toMatchObject({ unplaced: 0, placed: 3, total: 10 });
  });

  it('BOARD-D5 apply does not mutate the previous state', () => {
    const b0 = fresh();
    const snapshot = JSON.stringify(b0);
    moved(b0, 'a', 'v3');
    expect(JSON.stringify(b0)).toBe(snapshot);
  });
});
