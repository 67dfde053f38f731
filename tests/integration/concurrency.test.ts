import { afterEach, describe, expect, it } from 'vitest';
import type { VersionedEvent } from '../../domain/board';
import type { CommandAck, JoinAck, MoveAck, SyncAck } from '../../domain/protocol';
import { boardFromSnapshot } from '../../domain/protocol';
import { receive, replicaOf, type Replica } from '../../domain/sync';
import { request, serverEngines, startServer, type Client, type TestServer } from '../support/server';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

async function member(s: TestServer, sessionId: string, name: string, extra: object = {}) {
  const c = await s.client();
  const ack = await request<JoinAck>(c, 'room:join', { sessionId, name, ...extra });
  if (!ack.ok) throw new Error(ack.error.message);
  let replica: Replica = replicaOf(boardFromSnapshot(ack.snapshot));
  c.on('room:event', (ve: VersionedEvent) => {
    const r = receive(replica, ve);
    if (r.gap) throw new Error(`gap at ${ve.version}`);
    replica = r.replica;
  });
  return { c, ack, replica: () => replica };
}

async function settled(c: Client, version: number, replica: () => Replica) {
  // events arrive in order on one connection; wait until this replica has the server's version
  for (let i = 0; i < 200 && replica().confirmed.version < version; i++) await request<SyncAck>(c, 'room:sync', {});
}

describe.each(serverEngines)('two people drag the same card at once (%s)', (engine) => {
  it('CONV-1 the server order decides and every client converges to the server board', async () => {
    server = await startServer({ engine });
    const w = await server.createWorkshop(['Contested']);
    const fay = await member(server, w.sessionId, 'Fay', { facilitatorSecret: w.facilitatorSecret });
    const ann = await member(server, w.sessionId, 'Ann');
    const ben = await member(server, w.sessionId, 'Ben');
    await request<CommandAck>(fay.c, 'room:command', { type: 'phase.set', phase: 'review' });
    const cardId = ann.ack.snapshot.cards[0]!.id;

    // both emit before either hears of the other
    const [a, b] = await Promise.all([
      request<MoveAck>(ann.c, 'card:move', { cardId, to: 'v3' }),
      request<MoveAck>(ben.c, 'card:move', { cardId, to: 'v13' }),
    ]);
    if (!a.ok || !b.ok) throw new Error('a move was refused');
    const winner = a.version > b.version ? 'v3' : 'v13';
    const last = Math.max(a.version, b.version);
    const truth = await request<SyncAck>(fay.c, 'room:sync', {});
    if (!truth.ok) throw new Error('sync failed');
    expect(truth.snapshot.placement[cardId]).toBe(winner);
    for (const p of [fay, ann, ben]) {
      await settled(p.c, last, p.replica);
      expect(p.replica().confirmed.placement).toEqual(truth.snapshot.placement);
      expect(p.replica().confirmed.version).toBe(truth.snapshot.version);
    }
  });
});
