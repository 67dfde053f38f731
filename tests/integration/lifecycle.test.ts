import { afterEach, describe, expect, it } from 'vitest';
import type { CommandAck, JoinAck } from '../../domain/protocol';
import type { CreatedShareLink, WorkshopPlanning } from '../../domain/workshop';
import { call } from '../support/api';
import { next, request, startServer, type TestServer } from '../support/server';
import { rawQuery } from '../support/sim';

// SEC-QUOTA-*, SEC-DATA-*, SEC-SHARE-*, SEC-CODE-* (docs/hardening.md): what a workshop may hold,
// how its data leaves and goes, and what a share link shows.

let server: TestServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

const tables = [
  'workshops',
  'items',
  'sessions',
  'participants',
  'events',
  'session_references',
  'plan_settings',
  'sprints',
  'share_links',
];
async function rows(s: TestServer) {
  const out: Record<string, number> = {};
  for (const t of tables) out[t] = Number((await rawQuery<{ n: number }>(s.db, `select count(*) as n from ${t}`, []))[0]!.n);
  return out;
}

describe('quotas', () => {
  it('SEC-QUOTA-1 a workshop holds at most SESSIONS_PER_WORKSHOP sessions; the next is refused clearly and nothing is written', async () => {
    server = await startServer({ quotas: { sessionsPerWorkshop: 2 } });
    const w = await server.createWorkshop(['A']);
    expect((await call(server, 'POST', `/api/workshops/${w.workshopId}/sessions`, { token: w.facilitatorSecret, body: {} })).status).toBe(
      201,
    );
    const before = await rows(server);
    const refused = await call<{ error: { code: string; message: string } }>(server, 'POST', `/api/workshops/${w.workshopId}/sessions`, {
      token: w.facilitatorSecret,
      body: {},
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'quota_exceeded', message: expect.stringContaining('limit of 2 sessions') });
    expect(await rows(server)).toEqual(before);
  });

  it('SEC-QUOTA-2 a workshop holds at most ITEMS_PER_WORKSHOP items, through the socket and the API alike', async () => {
    server = await startServer({ quotas: { itemsPerWorkshop: 3 } });
    const w = await server.createWorkshop(['A', 'B']);
    const add = (title: string) =>
      call<{ error?: { code: string } }>(server!, 'POST', `/api/sessions/${w.sessionId}/items`, {
        token: w.facilitatorSecret,
        body: { items: [{ title }] },
      });
    expect((await add('C')).status).toBe(201);
    const before = await rows(server);
    const refused = await add('D');
    expect(refused.status).toBe(409);
    expect(refused.body.error?.code).toBe('quota_exceeded');
    const c = await server.client();
    const j = await request<JoinAck>(c, 'room:join', { sessionId: w.sessionId, name: 'Fay', facilitatorSecret: w.facilitatorSecret });
    expect(j.ok).toBe(true);
    const viaSocket = await request<CommandAck>(c, 'room:command', { type: 'card.add', title: 'E' });
    expect(viaSocket).toMatchObject({ ok: false, error: { code: 'quota_exceeded' } });
    expect((await rows(server)).items).toBe(before.items);
  });

  it('SEC-QUOTA-3 a session log holds at most EVENTS_PER_SESSION events; moves beyond are refused, the room stays usable to read', async () => {
    server = await startServer({ quotas: { eventsPerSession: 12 } });
    const w = await server.createWorkshop(['A', 'B']);
    const c = await server.client();
    const j = await request<JoinAck>(c, 'room:join', { sessionId: w.sessionId, name: 'Fay', facilitatorSecret: w.facilitatorSecret });
    if (!j.ok) throw new Error('join failed');
    // 1 created + 2 cards + 1 joined = 4; no ping-pong flags = 5; phase = 6; moves 7..12
    await request<CommandAck>(c, 'room:command', { type: 'settings.set', pingPong: { backAndForth: false, maxMoves: 50 } });
    await request<CommandAck>(c, 'room:command', { type: 'phase.set', phase: 'review' });
    const cardId = j.snapshot.cards[0]!.id;
    const acks = [];
    for (const to of ['v5', 'v3', 'v5', 'v3', 'v5', 'v3', 'v8', 'v13'])
      acks.push(await request<{ ok: boolean; error?: { code: string } }>(c, 'card:move', { cardId, to }));
    expect(acks.map((a) => a.ok)).toEqual([true, true, true, true, true, true, false, false]);
    expect(acks.at(-1)).toMatchObject({ ok: false, error: { code: 'quota_exceeded' } });
    expect(await request<{ ok: boolean }>(c, 'room:sync', {})).toMatchObject({ ok: true, snapshot: { version: 12 } });
  });
});

describe('join codes', () => {
  it('SEC-CODE-1 a join code that is taken is drawn again; the session is created with a free one', async () => {
    const draws = ['AAAAAA', 'AAAAAA', 'AAAAAA', 'BBBBBB'];
    server = await startServer({ joinCode: () => draws.shift() ?? 'CCCCCC' });
    const first = await server.createWorkshop(['A']);
    const second = await server.createWorkshop(['B']);
    expect([first.joinCode, second.joinCode]).toEqual(['AAAAAA', 'BBBBBB']);
    expect((await fetch(`${server.url}/j/BBBBBB`, { redirect: 'manual' })).headers.get('location')).toBe(`/room/${second.sessionId}`);
  });

  it('SEC-CODE-2 a session locked longer than JOIN_AFTER_LOCK_HOURS admits no new participant; people already in it come back', async () => {
    let clock = 1_800_000_000_000;
    server = await startServer({ quotas: { joinAfterLockMs: 60 * 60_000 }, now: () => clock });
    const w = await server.createWorkshop(['A']);
    const c = await server.client();
    const pat = await request<JoinAck>(c, 'room:join', { sessionId: w.sessionId, name: 'Pat' });
    if (!pat.ok) throw new Error('join failed');
    expect(
      (
        await call(server, 'POST', `/api/sessions/${w.sessionId}/commands`, {
          token: w.facilitatorSecret,
          body: { type: 'phase.set', phase: 'locked' },
        })
      ).status,
    ).toBe(200);
    clock += 30 * 60_000;
    expect((await request<JoinAck>(await server.client(), 'room:join', { sessionId: w.sessionId, name: 'Early' })).ok).toBe(true);
    clock += 60 * 60_000;
    const late = await request<JoinAck>(await server.client(), 'room:join', { sessionId: w.sessionId, name: 'Late' });
    expect(late).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/locked/) } });
    const back = await request<JoinAck>(await server.client(), 'room:join', {
      sessionId: w.sessionId,
      participantId: pat.me.participantId,
      participantToken: pat.me.participantToken,
    });
    expect(back.ok).toBe(true);
  });
});

describe("a workshop's data", () => {
  it('SEC-DATA-2 the facilitator exports all of a workshop as one JSON file, without secrets', async () => {
    server = await startServer();
    const w = await server.createWorkshop(['Login', 'Search']);
    await call(server, 'POST', `/api/workshops/${w.workshopId}/share-links`, { token: w.facilitatorSecret });
    const res = await fetch(`${server.url}/api/workshops/${w.workshopId}/export`, {
      headers: { authorization: `Bearer ${w.facilitatorSecret}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="Test-workshop.workshop.json"/);
    const text = await res.text();
    const body = JSON.parse(text) as {
      format: string;
      items: { title: string }[];
      sessions: { events: unknown[] }[];
      shareLinks: unknown[];
    };
    expect(body.format).toBe('magic-estimation/workshop@1');
    expect(body.items.map((i) => i.title)).toEqual(['Login', 'Search']);
    expect(body.sessions[0]!.events.length).toBe(3);
    expect(body.shareLinks).toHaveLength(1);
    expect(text).not.toContain(w.facilitatorSecret);
    expect(text).not.toMatch(/secretHash|tokenHash|secret_hash|token_hash/);
    expect((await fetch(`${server.url}/api/workshops/${w.workshopId}/export`)).status).toBe(401);
  });

  it('SEC-DATA-3 deleting a workshop removes every row of it at once and closes its rooms; other workshops stay', async () => {
    server = await startServer();
    const keep = await server.createWorkshop(['Stays']);
    const before = await rows(server);
    const w = await server.createWorkshop(['Login', 'Search']);
    await call(server, 'POST', `/api/workshops/${w.workshopId}/share-links`, { token: w.facilitatorSecret });
    await call(server, 'PUT', `/api/workshops/${w.workshopId}/plan-settings`, {
      token: w.facilitatorSecret,
      body: { velocity: { unit: 'AP', assumed: 3 } },
    });
    const c = await server.client();
    expect((await request<JoinAck>(c, 'room:join', { sessionId: w.sessionId, name: 'Pat' })).ok).toBe(true);
    const told = next<{ message: string }>(c, 'room:removed');
    const gone = new Promise<void>((r) => c.once('disconnect', () => r()));
    const res = await call<{ deleted: boolean }>(server, 'DELETE', `/api/workshops/${w.workshopId}`, { token: w.facilitatorSecret });
    expect(res.status).toBe(200);
    expect(res.body.deleted).toBe(true);
    expect((await told).message).toMatch(/deleted/);
    await gone;
    expect(await rows(server)).toEqual(before);
    expect((await call(server, 'GET', `/api/workshops/${w.workshopId}`, { token: w.facilitatorSecret })).status).toBe(403);
    expect((await call(server, 'GET', `/api/workshops/${keep.workshopId}`, { token: keep.facilitatorSecret })).status).toBe(200);
    const rejoin = await request<JoinAck>(await server.client(), 'room:join', { sessionId: w.sessionId, name: 'Pat' });
    expect(rejoin).toMatchObject({ ok: false, error: { code: 'unknown_session' } });
  });

  it('SEC-DATA-4 workshops without a change for the retention period are purged; active ones stay', async () => {
    let clock = 1_800_000_000_000;
    const day = 86_400_000;
    server = await startServer({ now: () => clock });
    const idle = await server.createWorkshop(['Old']);
    const active = await server.createWorkshop(['Busy']);
    clock += 100 * day;
    expect(
      (
        await call(server, 'POST', `/api/sessions/${active.sessionId}/commands`, {
          token: active.facilitatorSecret,
          body: { type: 'phase.set', phase: 'sorting' },
        })
      ).status,
    ).toBe(200);
    clock += 90 * day;
    const { purgeIdle } = await import('../../server/services/lifecycle');
    const { DEFAULT_QUOTAS } = await import('../../server/services/quotas');
    const app = server.app;
    const n = await purgeIdle({ store: app.store, boards: app.boards, now: () => clock, quotas: DEFAULT_QUOTAS }, 180 * day);
    expect(n).toBe(1);
    expect((await call(server, 'GET', `/api/workshops/${idle.workshopId}`, { token: idle.facilitatorSecret })).status).toBe(403);
    expect((await call(server, 'GET', `/api/workshops/${active.workshopId}`, { token: active.facilitatorSecret })).status).toBe(200);
  });
});

describe('share links', () => {
  it('SEC-SHARE-1 a share link shows the forecast and nothing that opens a room: no session id, no join code', async () => {
    server = await startServer();
    const w = await server.createWorkshop(['Login']);
    const link = await call<CreatedShareLink>(server, 'POST', `/api/workshops/${w.workshopId}/share-links`, { token: w.facilitatorSecret });
    const token = link.body.path.split('/').at(-1)!;
    const res = await fetch(`${server.url}/api/shared/${token}`);
    const text = await res.text();
    const shared = JSON.parse(text) as WorkshopPlanning;
    expect(shared.readOnly).toBe(true);
    expect(shared.sessions).toHaveLength(1);
    expect(text).not.toContain(w.sessionId);
    expect(text).not.toContain(w.joinCode);
    expect(text).not.toContain(w.facilitatorSecret);
    expect(text).not.toContain('/room/');
  });

  it('SEC-SHARE-2 revoking a link ends every access through it at once', async () => {
    server = await startServer();
    const w = await server.createWorkshop(['Login']);
    const link = await call<CreatedShareLink>(server, 'POST', `/api/workshops/${w.workshopId}/share-links`, { token: w.facilitatorSecret });
    const token = link.body.path.split('/').at(-1)!;
    expect((await fetch(`${server.url}/api/shared/${token}`)).status).toBe(200);
    expect(
      (await call(server, 'DELETE', `/api/workshops/${w.workshopId}/share-links/${link.body.id}`, { token: w.facilitatorSecret })).status,
    ).toBe(200);
    expect((await fetch(`${server.url}/api/shared/${token}`)).status).toBe(404);
  });
});
