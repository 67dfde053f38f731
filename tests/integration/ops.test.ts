import { afterEach, describe, expect, it } from 'vitest';
import type { JoinAck, MoveAck } from '../../domain/protocol';
import { request, startServer, type TestServer } from '../support/server';

// OPS-* (docs/deploy.md): what the operator and the load balancer see.

let server: TestServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

describe('operations endpoints', () => {
  it('OPS-1 /readyz says ready with the database reachable and Redis not in use', async () => {
    server = await startServer();
    const res = await fetch(`${server.url}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready', database: 'ok', redis: 'not used' });
  });

  it('OPS-2 /metrics counts connections, commands and errors, and times moves and database batches', async () => {
    server = await startServer();
    const w = await server.createWorkshop(['A', 'B']);
    const c = await server.client();
    const join = await request<JoinAck>(c, 'room:join', { sessionId: w.sessionId, name: 'Fay', facilitatorSecret: w.facilitatorSecret });
    if (!join.ok) throw new Error(join.error.message);
    await request(c, 'room:command', { type: 'phase.set', phase: 'review' });
    const cardId = join.snapshot.cards[0]!.id;
    expect((await request<MoveAck>(c, 'card:move', { cardId, to: 'v3' })).ok).toBe(true);
    expect((await request<MoveAck>(c, 'card:move', { cardId, to: 'v3' })).ok).toBe(false);
    const text = await (await fetch(`${server.url}/metrics`)).text();
    const value = (pattern: RegExp) => Number(pattern.exec(text)?.[1] ?? NaN);
    expect(value(/^me_socket_connections (\d+)/m)).toBe(1);
    expect(value(/^me_rooms (\d+)/m)).toBe(1);
    expect(value(/^me_commands_total\{event="card:move"\} (\d+)/m)).toBe(2);
    expect(value(/^me_errors_total\{code="no_change"\} (\d+)/m)).toBe(1);
    expect(value(/^me_move_ack_ms_count (\d+)/m)).toBe(1);
    expect(value(/^me_db_batch_ms_count (\d+)/m)).toBeGreaterThanOrEqual(3);
    expect(text).toMatch(/^me_process_resident_memory_bytes \d+/m);
  });

  it('OPS-3 with METRICS_TOKEN set, /metrics needs it', async () => {
    server = await startServer({ metricsToken: 'scrape-secret' });
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    const ok = await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer scrape-secret' } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toMatch(/^text\/plain/);
  });
});
