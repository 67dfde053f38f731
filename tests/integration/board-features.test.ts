import { afterEach, describe, expect, it } from 'vitest';
import type { VersionedEvent } from '../../domain/board';
import type { CommandAck, EventsAck, HistoryAck, JoinAck, WatchAck } from '../../domain/protocol';
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
const ok = (a: CommandAck) => {
  if (!a.ok) throw new Error(a.error.message);
  return a;
};

describe('board features over the socket', () => {
  it('BOARD-ANON-3 an anonymous session broadcasts moves without the mover, logs show only your own, names return after lock', async () => {
    server = await startServer();
    const w = await server.createWorkshop(['A', 'B']);
    const fac = await joined(server, w.sessionId, 'Fay', { facilitatorSecret: w.facilitatorSecret });
    const ann = await joined(server, w.sessionId, 'Ann');
    const card = ann.ack.snapshot.cards[0]!.id;
    ok(
      await request<CommandAck>(fac.c, 'room:command', {
        type: 'settings.set',
        pingPong: { backAndForth: true, maxMoves: 3 },
        anonymous: true,
      }),
    );
    ok(await request<CommandAck>(fac.c, 'room:command', { type: 'phase.set', phase: 'review' }));
    const seen = next<VersionedEvent>(fac.c, 'room:event', (e) => e.event.type === 'card.moved');
    await request(ann.c, 'card:move', { cardId: card, to: 'v5' });
    expect((await seen).by).toBeNull();
    const facLog = await request<HistoryAck>(fac.c, 'card:history', { cardId: card });
    const annLog = await request<HistoryAck>(ann.c, 'card:history', { cardId: card });
    if (!facLog.ok || !annLog.ok) throw new Error('history refused');
    expect(facLog.events.find((e) => e.event.type === 'card.moved')?.by).toBeNull();
    expect(annLog.events.find((e) => e.event.type === 'card.moved')?.by).toBe(ann.ack.me.participantId);
    ok(await request<CommandAck>(fac.c, 'room:command', { type: 'phase.set', phase: 'locked' }));
    const after = await request<EventsAck>(fac.c, 'room:timeline', {});
    if (!after.ok) throw new Error('timeline refused');
    expect(after.events.find((e) => e.event.type === 'card.moved')?.by).toBe(ann.ack.me.participantId);
  });

  it('BOARD-PAGE-1 the timeline and a move log come in pages, oldest first, with more', async () => {
    server = await startServer();
    const w = await server.createWorkshop(['A', 'B']);
    const fac = await joined(server, w.sessionId, 'Fay', { facilitatorSecret: w.facilitatorSecret });
    const card = fac.ack.snapshot.cards[0]!.id;
    ok(await request<CommandAck>(fac.c, 'room:command', { type: 'phase.set', phase: 'review' }));
    for (let i = 0; i < 6; i++) await request(fac.c, 'card:move', { cardId: card, to: i % 2 ? 'v3' : 'v5' });
    const first = await request<EventsAck>(fac.c, 'room:timeline', { limit: 4 });
    if (!first.ok) throw new Error('refused');
    const versions = first.events.map((e) => e.version);
    expect(versions).toHaveLength(4);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(first.more).toBe(true);
    const older = await request<EventsAck>(fac.c, 'room:timeline', { before: versions[0], limit: 500 });
    if (!older.ok) throw new Error('refused');
    expect(older.more).toBe(false);
    expect(older.events.at(-1)!.version).toBe(versions[0]! - 1);
    expect(older.events[0]!.version).toBe(1);
    const log = await request<HistoryAck>(fac.c, 'card:history', { cardId: card, limit: 2 });
    if (!log.ok) throw new Error('refused');
    expect(log.events.map((e) => e.event.type)).toEqual(['card.moved', 'card.moved']);
    expect(log.more).toBe(true);
  });

  it('BOARD-SPOT-3 the move log answers the item description, and the projector may read it', async () => {
    server = await startServer();
    const w = await server.createWorkshop([]);
    const res = await fetch(`${server.url}/api/sessions/${w.sessionId}/items`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${w.facilitatorSecret}` },
      body: JSON.stringify({ items: [{ title: 'Login with SSO', key: 'SHOP-1', description: 'Azure AD and Google' }] }),
    });
    expect(res.status).toBe(201);
    const beamer = await server.client();
    const watch = await request<WatchAck>(beamer, 'room:watch', { sessionId: w.sessionId });
    if (!watch.ok) throw new Error('watch refused');
    const card = watch.snapshot.cards[0]!;
    expect(card.key).toBe('SHOP-1');
    expect(JSON.stringify(watch.snapshot)).not.toContain('Azure AD');
    const log = await request<HistoryAck>(beamer, 'card:history', { cardId: card.id });
    expect(log).toMatchObject({ ok: true, key: 'SHOP-1', description: 'Azure AD and Google' });
  });

  it('BOARD-NEXT-1 a new session of the workshop is announced in the other rooms', async () => {
    server = await startServer();
    const w = await server.createWorkshop(['A']);
    const ann = await joined(server, w.sessionId, 'Ann');
    const heard = next<VersionedEvent>(ann.c, 'room:event', (e) => e.event.type === 'session.next');
    const res = await fetch(`${server.url}/api/workshops/${w.workshopId}/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${w.facilitatorSecret}` },
      body: JSON.stringify({ name: 'Revisit' }),
    });
    expect(res.status).toBe(201);
    const created = (await res.json()) as { sessionId: string };
    expect((await heard).event).toEqual({ type: 'session.next', next: { sessionId: created.sessionId, name: 'Revisit' } });
    const sync = await request<{ ok: true; snapshot: { next: unknown } }>(ann.c, 'room:sync', {});
    expect(sync.snapshot.next).toEqual({ sessionId: created.sessionId, name: 'Revisit' });
  });

  it('BOARD-ASYNC-2 in asynchronous sorting a participant who arrives gets a share of the cards', async () => {
    server = await startServer();
    const w = await server.createWorkshop(['A', 'B', 'C', 'D']);
    const fac = await joined(server, w.sessionId, 'Fay', { facilitatorSecret: w.facilitatorSecret });
    ok(await request<CommandAck>(fac.c, 'room:command', { type: 'deadline.set', at: Date.now() + 86_400_000 }));
    ok(await request<CommandAck>(fac.c, 'room:command', { type: 'phase.set', phase: 'sorting' }));
    const ann = await joined(server, w.sessionId, 'Ann');
    const mine = Object.values(ann.ack.snapshot.hands).filter((p) => p === ann.ack.me.participantId);
    expect(mine).toHaveLength(4);
    const ben = await joined(server, w.sessionId, 'Ben');
    expect(Object.values(ben.ack.snapshot.hands).filter((p) => p === ben.ack.me.participantId)).toHaveLength(2);
  });
});
