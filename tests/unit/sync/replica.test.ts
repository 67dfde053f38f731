import { describe, expect, it } from 'vitest';
import { defaultScale, DEFAULT_SETTINGS, emptyBoard, apply, type VersionedEvent, type Placement } from '../../../domain/board';
import { addPending, receive, reconcile, replicaOf, settle, view, resync } from '../../../domain/sync';

const board = apply(emptyBoard('s', defaultScale(), DEFAULT_SETTINGS, 'review'), {
  type: 'card.added',
  card: { id: 'a', title: 'A', key: null, position: 0 },
});
const ev = (version: number, to: Placement, from: Placement = null): VersionedEvent => ({
  version,
  by: 'other',
  at: 0,
  event: { type: 'card.moved', cardId: 'a', from, to },
});
const base = board.version;

describe('client replica', () => {
  // table-driven: [what, events in order (relative versions), expected confirmed placement, expected version offset, gap seen]
  const table: [string, VersionedEvent[], string | null, number, boolean][] = [
    ['in order', [ev(base + 1, 'v1'), ev(base + 2, 'v3', 'v1')], 'v3', 2, false],
    ['duplicate is ignored', [ev(base + 1, 'v1'), ev(base + 1, 'v1')], 'v1', 1, false],
    ['old event is ignored', [ev(base + 1, 'v1'), ev(base + 2, 'v2', 'v1'), ev(base + 1, 'v1')], 'v2', 2, false],
    ['gap holds the early event and changes nothing yet', [ev(base + 2, 'v2')], null, 0, true],
    [
      'out of order (two server processes): applied in version order once the missing one comes',
      [ev(base + 2, 'v3', 'v1'), ev(base + 1, 'v1')],
      'v3',
      2,
      true,
    ],
    ['three reversed', [ev(base + 3, 'v5', 'v3'), ev(base + 2, 'v3', 'v1'), ev(base + 1, 'v1')], 'v5', 3, true],
  ];
  it.each(table)('SYNC-1 %s', (_n, events, placement, offset, gap) => {
    let r = replicaOf(board);
    let sawGap = false;
    for (const e of events) {
      const res = receive(r, e);
      r = res.replica;
      sawGap ||= res.gap;
    }
    expect(r.confirmed.placement.a).toBe(placement);
    expect(r.confirmed.version).toBe(base + offset);
    expect(sawGap).toBe(gap);
  });

  it('SYNC-4 held events: a duplicate is held once; a snapshot drops what it covers and applies what follows it', () => {
    let r = replicaOf(board);
    for (const e of [ev(base + 3, 'v5', 'v3'), ev(base + 3, 'v5', 'v3'), ev(base + 2, 'v3', 'v1')]) r = receive(r, e).replica;
    expect(r.early.map((e) => e.version)).toEqual([base + 2, base + 3]);
    const snapshot = apply({ ...board }, { type: 'card.moved', cardId: 'a', from: null, to: 'v1' });
    const after = resync(r, { ...snapshot, version: base + 2, placement: { a: 'v3' } });
    expect(after.early).toEqual([]);
    expect(after.confirmed.version).toBe(base + 3);
    expect(after.confirmed.placement.a).toBe('v5');
    // once nothing is missing, the gap is over
    expect(receive(after, ev(base + 4, 'v8', 'v5')).gap).toBe(false);
  });

  it('SYNC-2 a pending move overlays until settled; then the server order wins', () => {
    let r = addPending(replicaOf(board), { clientMoveId: 'm1', cardId: 'a', from: null, to: 'v8' });
    expect(view(r).placement.a).toBe('v8');
    r = receive(r, ev(base + 1, 'v2')).replica;
    expect(view(r).placement.a).toBe('v8');
    r = receive(r, { version: base + 2, by: 'me', at: 0, event: { type: 'card.moved', cardId: 'a', from: 'v2', to: 'v8' } }).replica;
    r = settle(r, 'm1');
    expect(r.pending).toEqual([]);
    expect(view(r).placement.a).toBe('v8');
  });

  it('SYNC-3 a refused move stops overlaying and the card shows where the server has it', () => {
    let r = addPending(replicaOf(board), { clientMoveId: 'm1', cardId: 'a', from: null, to: 'v8' });
    r = receive(r, ev(base + 1, 'v2')).replica;
    r = settle(r, 'm1');
    expect(view(r).placement.a).toBe('v2');
  });

  // offline moves after reconnect: [what, server placement now, expected resend count, expected discarded count]
  const offline: [string, Placement, number, number][] = [
    ['nobody touched the card: resend', null, 2, 0],
    ['the server already has the final place: drop quietly', 'v5', 0, 0],
    ['someone else moved it meanwhile: discard visibly', 'v13', 0, 2],
  ];
  it.each(offline)('SYNC-4 %s', (_n, serverNow, resendCount, discardedCount) => {
    let r = addPending(replicaOf(board), { clientMoveId: 'm1', cardId: 'a', from: null, to: 'v3' });
    r = addPending(r, { clientMoveId: 'm2', cardId: 'a', from: 'v3', to: 'v5' });
    const server = serverNow === null ? board : apply(board, { type: 'card.moved', cardId: 'a', from: null, to: serverNow });
    const out = reconcile(resync(r, server));
    expect(out.resend).toHaveLength(resendCount);
    expect(out.discarded).toHaveLength(discardedCount);
    expect(view(out.replica).placement.a).toBe(resendCount ? 'v5' : serverNow);
  });
});

describe('client replica: inherited names', () => {
  it('SYNC-5 a pending move of a card id the board does not own is discarded, never resent', () => {
    const r = addPending(replicaOf(board), { clientMoveId: 'm1', cardId: 'constructor', from: null, to: 'v3' });
    const out = reconcile(r);
    expect(out.resend).toEqual([]);
    expect(out.discarded).toHaveLength(1);
    expect(view(out.replica).placement).toEqual(board.placement);
  });
});
