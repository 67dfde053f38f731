import { describe, expect, it } from 'vitest';
import { defaultScale, emptyBoard, type VersionedEvent } from '../../../domain/board';
import { addPending, receive, replicaOf, settle, view } from '../../../domain/sync';

const board = emptyBoard('s', defaultScale(), [{ id: 'a', title: 'A', key: null, position: 0 }]);
const ev = (version: number, to: string | null, from: string | null = null): VersionedEvent => ({
  version,
  event: { type: 'card.moved', cardId: 'a', from, to, by: 'other', at: 0 },
});

describe('client replica', () => {
  // table-driven: [what, events in order, expected confirmed placement, expected version, gap seen]
  const table: [string, VersionedEvent[], string | null, number, boolean][] = [
    ['in order', [ev(1, 'v1'), ev(2, 'v3', 'v1')], 'v3', 2, false],
    ['duplicate is ignored', [ev(1, 'v1'), ev(1, 'v1')], 'v1', 1, false],
    ['old event is ignored', [ev(1, 'v1'), ev(2, 'v2', 'v1'), ev(1, 'v1')], 'v2', 2, false],
    ['gap asks for a snapshot and changes nothing', [ev(2, 'v2')], null, 0, true],
  ];
  it.each(table)('SYNC-1 %s', (_n, events, placement, version, gap) => {
    let r = replicaOf(board);
    let sawGap = false;
    for (const e of events) {
      const res = receive(r, e);
      r = res.replica;
      sawGap ||= res.gap;
    }
    expect(r.confirmed.placement.a).toBe(placement);
    expect(r.confirmed.version).toBe(version);
    expect(sawGap).toBe(gap);
  });

  it('SYNC-2 a pending move overlays until settled; then the server order wins', () => {
    let r = addPending(replicaOf(board), { clientMoveId: 'm1', cardId: 'a', to: 'v8' });
    expect(view(r).placement.a).toBe('v8');
    // someone else's move was accepted first
    r = receive(r, ev(1, 'v2')).replica;
    expect(view(r).placement.a).toBe('v8');
    // ours is accepted second: the server's event arrives, then the ack settles it
    r = receive(r, { version: 2, event: { type: 'card.moved', cardId: 'a', from: 'v2', to: 'v8', by: 'me', at: 0 } }).replica;
    r = settle(r, 'm1');
    expect(r.pending).toEqual([]);
    expect(view(r).placement.a).toBe('v8');
  });

  it('SYNC-3 a refused move stops overlaying and the card shows where the server has it', () => {
    let r = addPending(replicaOf(board), { clientMoveId: 'm1', cardId: 'a', to: 'v8' });
    r = receive(r, ev(1, 'v2')).replica;
    r = settle(r, 'm1');
    expect(view(r).placement.a).toBe('v2');
  });
});
