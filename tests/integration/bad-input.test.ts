import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JoinAck, SyncAck, WireError } from '../../domain/protocol';
import { next, request, startServer, type Client, type TestServer } from '../support/server';

let server: TestServer;
let c: Client;
let sessionId: string;
let cardId: string;

beforeAll(async () => {
  server = await startServer();
  const w = await server.createWorkshop(['Only card']);
  sessionId = w.sessionId;
  c = await server.client();
  const ack = await request<JoinAck>(c, 'room:join', { sessionId, name: 'Eve', facilitatorSecret: w.facilitatorSecret });
  if (!ack.ok) throw new Error('join failed');
  cardId = ack.snapshot.cards[0]!.id;
});
afterAll(() => server.stop());

async function version() {
  const s = await request<SyncAck>(c, 'room:sync', {});
  if (!s.ok) throw new Error('sync failed');
  return { version: s.snapshot.version, placement: s.snapshot.placement };
}

// table-driven: each bad message must be refused with this code and change nothing
const cases: [string, string, () => unknown, string][] = [
  ['unknown event', 'card:teleport', () => ({ cardId }), 'unknown_event'],
  ['payload not an object', 'card:move', () => 'v5', 'bad_request'],
  ['missing field', 'card:move', () => ({ cardId }), 'bad_request'],
  ['extra field', 'card:move', () => ({ cardId, to: 'v5', admin: true }), 'bad_request'],
  ['wrong type', 'card:move', () => ({ cardId: 42, to: 'v5' }), 'bad_request'],
  ['unknown card', 'card:move', () => ({ cardId: 'nope', to: 'v5' }), 'unknown_card'],
  ['unknown bucket', 'card:move', () => ({ cardId, to: 'v4' }), 'unknown_bucket'],
  ['id with odd characters', 'card:move', () => ({ cardId: '../../etc', to: 'v5' }), 'bad_request'],
  ['huge string', 'card:move', () => ({ cardId: 'x'.repeat(10_000), to: 'v5' }), 'bad_request'],
  ['__proto__ key', 'card:move', () => JSON.parse('{"__proto__": {"x": 1}, "cardId": "a", "to": "v5"}'), 'bad_request'],
  // reserved names are refused by the id schema (BOARD-ID-1)
  ['inherited property as card id', 'card:move', () => ({ cardId: 'constructor', to: 'v5' }), 'bad_request'],
  ['inherited property as bucket id', 'card:move', () => ({ cardId, to: 'toString' }), 'bad_request'],
  ['inherited property as person id', 'room:command', () => ({ type: 'person.rename', personId: '__proto__', name: 'X' }), 'bad_request'],
  ['unknown command type', 'room:command', () => ({ type: 'session.delete' }), 'bad_request'],
  ['command with a wrong field', 'room:command', () => ({ type: 'timer.start', seconds: -5 }), 'bad_request'],
  ['negative move limit', 'room:command', () => ({ type: 'settings.set', pingPong: { backAndForth: true, maxMoves: -1 } }), 'bad_request'],
  ['custom scale with text', 'room:command', () => ({ type: 'scale.set', scale: { kind: 'custom', values: ['a', 'b'] } }), 'bad_request'],
  ['removing yourself', 'room:command', () => ({ type: 'person.remove', personId: 'x' }), 'unknown_person'],
  ['history of an unknown card', 'card:history', () => ({ cardId: 'a/b' }), 'bad_request'],
  ['array payload', 'room:command', () => [1, 2, 3], 'bad_request'],
  ['null payload', 'card:move', () => null, 'bad_request'],
];

describe('bad input on the socket', () => {
  it.each(cases)('BOARD-5 %s is refused with a clear error and changes nothing', async (_name, event, payload, code) => {
    const before = await version();
    const ack = await request<{ ok: boolean; error: WireError }>(c, event, payload());
    expect(ack.ok).toBe(false);
    expect(ack.error.code).toBe(code);
    expect(ack.error.message.length).toBeGreaterThan(5);
    expect(await version()).toEqual(before);
  });

  it('BOARD-6 a message without an ack gets a protocol:error event', async () => {
    const err = next<WireError & { event?: string }>(c, 'protocol:error');
    (c.emit as (e: string, p: unknown) => void)('card:move', { nonsense: true });
    expect(await err).toMatchObject({ code: 'bad_request', event: 'card:move' });
  });

  it('BOARD-7 moving before joining is refused', async () => {
    const stranger = await server.client();
    const ack = await request<{ ok: boolean; error: WireError }>(stranger, 'card:move', { cardId, to: 'v5' });
    expect(ack).toMatchObject({ ok: false, error: { code: 'not_joined' } });
  });

  it('BOARD-8 joining an unknown session is refused', async () => {
    const stranger = await server.client();
    const ack = await request<JoinAck>(stranger, 'room:join', { sessionId: 'doesnotexist', name: 'X' });
    expect(ack).toMatchObject({ ok: false, error: { code: 'unknown_session' } });
  });

  it('BOARD-9 the HTTP API refuses a broken body with field details', async () => {
    const res = await fetch(`${server.url}/api/workshops`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: '', items: [''] }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: WireError };
    expect(body.error.fields?.map((f) => f.path)).toEqual(expect.arrayContaining(['name', 'items.0']));
    const bad = await fetch(`${server.url}/api/workshops`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
    expect(bad.status).toBe(400);
  });

  it('BOARD-10 /healthz answers once the database is reachable', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });
});

describe('rate limit', () => {
  /** a server allowing 5 commands a second (a burst of 10), and a room with a flooder and a calm participant */
  async function floodedRoom() {
    const limited = await startServer({ rate: { perSecond: 5, burst: 10 } });
    const w = await limited.createWorkshop(['A']);
    const flooder = await limited.client();
    const calm = await limited.client();
    await request<JoinAck>(flooder, 'room:join', { sessionId: w.sessionId, name: 'Flood' });
    await request<JoinAck>(calm, 'room:join', { sessionId: w.sessionId, name: 'Calm' });
    return { limited, flooder, calm };
  }

  it('LIMIT-1 a connection that floods commands is told to slow down, and the rest of the room is unaffected', async () => {
    const { limited, flooder, calm } = await floodedRoom();
    try {
      const replies = await Promise.all(
        Array.from({ length: 30 }, () => request<{ ok: boolean; error?: WireError }>(flooder, 'room:sync', {})),
      );
      const limitedCount = replies.filter((r) => !r.ok && r.error?.code === 'rate_limited').length;
      expect(limitedCount).toBeGreaterThanOrEqual(15);
      // the join took one token of the burst of 10
      expect(replies.filter((r) => r.ok).length).toBeGreaterThanOrEqual(9);
      expect((await request<SyncAck>(calm, 'room:sync', {})).ok).toBe(true);
    } finally {
      await limited.stop();
    }
  });

  it('SEC-FLOOD-2 whole boards and log pages have a smaller budget of their own; moves are not charged to it', async () => {
    const limited = await startServer({ snapshotRate: { perSecond: 1, burst: 4 } });
    try {
      const w = await limited.createWorkshop(['A', 'B']);
      const c = await limited.client();
      const joined = await request<JoinAck>(c, 'room:join', {
        sessionId: w.sessionId,
        name: 'Fac',
        facilitatorSecret: w.facilitatorSecret,
      });
      if (!joined.ok) throw new Error('join failed');
      // the join took one of 4: three syncs pass, the next ones are refused
      const syncs = await Promise.all(Array.from({ length: 6 }, () => request<{ ok: boolean; error?: WireError }>(c, 'room:sync', {})));
      expect(syncs.filter((r) => r.ok)).toHaveLength(3);
      expect(syncs.filter((r) => !r.ok && r.error?.code === 'rate_limited')).toHaveLength(3);
      // other commands still pass
      const moved = await request<{ ok: boolean }>(c, 'card:move', { cardId: joined.snapshot.cards[0]!.id, to: 'v3' });
      expect(moved.ok).toBe(true);
    } finally {
      await limited.stop();
    }
  });

  it('SEC-FLOOD-1 a connection that keeps sending after being refused is cut off; the room goes on', async () => {
    const { limited, flooder, calm } = await floodedRoom();
    try {
      const told = next<WireError & { event: string }>(flooder, 'protocol:error');
      const gone = new Promise<string>((r) => flooder.once('disconnect', r));
      // far past the refusals a burst allows (5 bursts of 10): nothing waits for the answers
      let answered = 0;
      for (let i = 0; i < 400; i++) flooder.emit('room:sync', {}, () => answered++);
      expect(await told).toMatchObject({ code: 'rate_limited', event: 'flood' });
      expect(await gone).toBe('io server disconnect');
      // it got at most its burst and the refusals it was allowed, not 400 answers
      expect(answered).toBeLessThan(10 + 5 * 10 + 10);
      expect((await request<SyncAck>(calm, 'room:sync', {})).ok).toBe(true);
    } finally {
      await limited.stop();
    }
  });
});
