import { afterEach, describe, expect, it } from 'vitest';
import { rawQuery } from '../support/sim';
import type { CommandAck, JoinAck, MoveAck, SyncAck } from '../../domain/protocol';
import type { VersionedEvent } from '../../domain/board';
import { next, request, startServer, type TestServer } from '../support/server';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

async function joined(s: TestServer, sessionId: string, name: string, extra: object = {}) {
  const c = await s.client();
  const ack = await request<JoinAck>(c, 'room:join', { sessionId, name, ...extra });
  if (!ack.ok) throw new Error(ack.error.message);
  return { c, ack };
}

async function startReview(c: Parameters<typeof request>[0]) {
  const ack = await request<CommandAck>(c, 'room:command', { type: 'phase.set', phase: 'review' });
  if (!ack.ok) throw new Error(ack.error.message);
}

describe('live board over socket.io', () => {
  it('BOARD-1 a move by one client reaches the other and is persisted before the ack', async () => {
    server = await startServer();
    const w = await server.createWorkshop(['A', 'B']);
    const alice = await joined(server, w.sessionId, 'Alice', { facilitatorSecret: w.facilitatorSecret });
    const bob = await joined(server, w.sessionId, 'Bob');
    expect(alice.ack.me.role).toBe('facilitator');
    expect(bob.ack.me.role).toBe('participant');
    const card = bob.ack.snapshot.cards[0]!;
    await startReview(alice.c);

    const seen = next<VersionedEvent>(bob.c, 'room:event', (e) => e.event.type === 'card.moved');
    const ack = await request<MoveAck>(alice.c, 'card:move', { cardId: card.id, to: 'v5', clientMoveId: 'm1' });
    if (!ack.ok) throw new Error(ack.error.message);
    expect(ack.clientMoveId).toBe('m1');
    // the ack means the event is in the file: read it with a separate connection
    const [row] = await rawQuery<{ version: number; payload: string }>(
      server.db,
      'select version, payload from events where item_id = ? and type = ?',
      [card.id, 'card.moved'],
    );
    if (!row) throw new Error('the move is not in the database');
    expect(row.version).toBe(ack.version);
    expect(JSON.parse(row.payload)).toEqual({ type: 'card.moved', cardId: card.id, from: null, to: 'v5' });
    const ev = await seen;
    expect(ev.version).toBe(ack.version);
    expect(ev.by).toBe(alice.ack.me.participantId);
  });

  it('BOARD-2 the board survives a server restart exactly', async () => {
    server = await startServer();
    const w = await server.createWorkshop(['A', 'B', 'C']);
    const a = await joined(server, w.sessionId, 'Alice', { facilitatorSecret: w.facilitatorSecret });
    const [c1, c2] = a.ack.snapshot.cards;
    await request<MoveAck>(a.c, 'card:move', { cardId: c1!.id, to: 'v3' });
    await request<MoveAck>(a.c, 'card:move', { cardId: c2!.id, to: 'v13' });
    await request<MoveAck>(a.c, 'card:move', { cardId: c1!.id, to: 'v8' });
    const before = await request<SyncAck>(a.c, 'room:sync', {});
    const dir = server.dir;
    const kept = server.db;
    await server.stop({ keepDir: true });

    server = await startServer({ dir, ...(kept.url ? { databaseUrl: kept.url } : {}) });
    const again = await joined(server, w.sessionId, 'Alice', {
      participantId: a.ack.me.participantId,
      participantToken: a.ack.me.participantToken,
    });
    expect(again.ack.me.participantId).toBe(a.ack.me.participantId);
    if (!before.ok) throw new Error('sync failed');
    expect(again.ack.snapshot.placement).toEqual(before.snapshot.placement);
    expect(again.ack.snapshot.version).toBe(before.snapshot.version);
    expect(again.ack.snapshot.placement[c1!.id]).toBe('v8');
  });

  it('BOARD-3 a wrong facilitator secret is refused', async () => {
    server = await startServer();
    const w = await server.createWorkshop();
    const c = await server.client();
    const ack = await request<JoinAck>(c, 'room:join', { sessionId: w.sessionId, name: 'Mallory', facilitatorSecret: 'x'.repeat(43) });
    expect(ack).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('BOARD-4 the facilitator secret never reaches participants', async () => {
    server = await startServer();
    const w = await server.createWorkshop();
    const f = await joined(server, w.sessionId, 'Fay', { facilitatorSecret: w.facilitatorSecret });
    const p = await joined(server, w.sessionId, 'Pat');
    const received: unknown[] = [p.ack];
    p.c.onAny((...args) => received.push(args));
    await startReview(f.c);
    await request<MoveAck>(f.c, 'card:move', { cardId: p.ack.snapshot.cards[0]!.id, to: 'v1' });
    await request<CommandAck>(f.c, 'room:command', { type: 'person.rename', personId: p.ack.me.participantId, name: 'Patricia' });
    await request<unknown>(p.c, 'room:timeline', {}).then((t) => received.push(t));
    await request<SyncAck>(p.c, 'room:sync', {}).then((s) => received.push(s));
    expect(JSON.stringify(received)).not.toContain(w.facilitatorSecret);
    expect(JSON.stringify(received)).not.toContain(f.ack.me.participantToken);
  });
});
