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
    for (let i = 0; i < NEW_PEOPLE_PER_CONNECTION + 2; i++) acks.push(await request<JoinAck>(c, 'room:join', { sessionId: w.sessionId, name: `Bot ${i}` }));
    expect(acks.filter((a) => a.ok)).toHaveLength(NEW_PEOPLE_PER_CONNECTION);
    const refused = acks.at(-1)!;
    expect(refused).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    // the room did not grow past what this connection was allowed
    const first = acks[0]!;
    if (!first.ok) throw new Error('first join failed');
    const again = await request<JoinAck>(c, 'room:join', { sessionId: w.sessionId, participantId: first.me.participantId, participantToken: first.me.participantToken });
    expect(again.ok).toBe(true);
    if (again.ok) expect(Object.keys(again.snapshot.people)).toHaveLength(NEW_PEOPLE_PER_CONNECTION);
  });
});
