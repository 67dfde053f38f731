import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JoinAck } from '../../domain/protocol';
import { NEW_PEOPLE_PER_CONNECTION } from '../../server/realtime/hub';
import { request, startServer, type TestServer } from '../support/server';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.stop());

describe('joining', () => {
  it('SEC-JOIN-1 one connection cannot fill a room with new people, but may re-join as itself', async () => {
    const w = await server.createWorkshop(['A']);
    const c = await server.client();
    const acks: JoinAck[] = [];
    for (let i = 0; i < NEW_PEOPLE_PER_CONNECTION + 2; i++)
      acks.push(await request<JoinAck>(c, 'room:join', { sessionId: w.sessionId, name: `Bot ${i}` }));
    expect(acks.filter((a) => a.ok)).toHaveLength(NEW_PEOPLE_PER_CONNECTION);
    const refused = acks.at(-1)!;
    expect(refused).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    // the room did not grow past what this connection was allowed
    const first = acks[0]!;
    if (!first.ok) throw new Error('first join failed');
    const again = await request<JoinAck>(c, 'room:join', {
      sessionId: w.sessionId,
      participantId: first.me.participantId,
      participantToken: first.me.participantToken,
    });
    expect(again.ok).toBe(true);
    if (again.ok) expect(Object.keys(again.snapshot.people)).toHaveLength(NEW_PEOPLE_PER_CONNECTION);
  });
});

describe('identity budgets', () => {
  const join = (c: Parameters<typeof request>[0], msg: object) => request<JoinAck>(c, 'room:join', msg);

  it('SEC-JOIN-2 a join whose participant id and token do not match counts as a new person', async () => {
    const w = await server.createWorkshop(['A']);
    const owner = await server.client();
    const real = await join(owner, { sessionId: w.sessionId, name: 'Real' });
    if (!real.ok) throw new Error('join failed');
    const c = await server.client();
    const acks: JoinAck[] = [];
    for (let i = 0; i < NEW_PEOPLE_PER_CONNECTION + 1; i++) {
      acks.push(
        await join(c, { sessionId: w.sessionId, name: `Fake ${i}`, participantId: real.me.participantId, participantToken: `wrong-${i}` }),
      );
    }
    expect(acks.slice(0, NEW_PEOPLE_PER_CONNECTION).every((a) => a.ok && a.me.participantId !== real.me.participantId)).toBe(true);
    expect(acks.at(-1)).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
  });

  it('SEC-JOIN-3 watching in between never resets the budget of a connection', async () => {
    const w = await server.createWorkshop(['A']);
    const c = await server.client();
    const acks: JoinAck[] = [];
    for (let i = 0; i < NEW_PEOPLE_PER_CONNECTION + 1; i++) {
      acks.push(await join(c, { sessionId: w.sessionId, name: `Bot ${i}` }));
      expect((await request<{ ok: boolean }>(c, 'room:watch', { sessionId: w.sessionId })).ok).toBe(true);
    }
    expect(acks.filter((a) => a.ok)).toHaveLength(NEW_PEOPLE_PER_CONNECTION);
    expect(acks.at(-1)).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
  });

  it('SEC-JOIN-4 the facilitator (right secret) always gets in, even a full room', async () => {
    const w = await server.createWorkshop(['A']);
    const clients = await Promise.all(Array.from({ length: 34 }, () => server.client()));
    // 100 people from 34 connections (3 each, the last one 1)
    let joined = 0;
    for (const c of clients)
      for (let k = 0; k < 3 && joined < 100; k++, joined++)
        expect((await join(c, { sessionId: w.sessionId, name: `P${joined}` })).ok).toBe(true);
    const late = await server.client();
    expect(await join(late, { sessionId: w.sessionId, name: 'Late', observer: true })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    const fac = await join(late, { sessionId: w.sessionId, name: 'Fay', facilitatorSecret: w.facilitatorSecret });
    expect(fac).toMatchObject({ ok: true, me: { role: 'facilitator' } });
  });
});

describe('projector views', () => {
  it('SEC-WATCH-1 a room takes at most 10 projector views; more are refused with a clear message', async () => {
    const w = await server.createWorkshop(['A']);
    const acks: { ok: boolean; error?: { code: string; message: string } }[] = [];
    for (let i = 0; i < 11; i++) acks.push(await request(await server.client(), 'room:watch', { sessionId: w.sessionId }));
    expect(acks.filter((a) => a.ok)).toHaveLength(10);
    expect(acks.at(-1)).toMatchObject({ ok: false, error: { code: 'rate_limited', message: expect.stringMatching(/projector views/) } });
  });

  it('SEC-WATCH-2 one address holds at most 20 projector views across rooms', async () => {
    // a server of its own: every socket of this test comes from 127.0.0.1, and no other view is open
    const own = await startServer();
    try {
      const rooms = await Promise.all([1, 2, 3].map(() => own.createWorkshop(['A'])));
      const acks: { ok: boolean }[] = [];
      for (let i = 0; i < 21; i++) acks.push(await request(await own.client(), 'room:watch', { sessionId: rooms[i % 3]!.sessionId }));
      expect(acks.filter((a) => a.ok)).toHaveLength(20);
      expect(acks.at(-1)).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    } finally {
      await own.stop();
    }
  });
});
