import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { VersionedEvent } from '../../domain/board';
import type {
  AddItemsResult,
  CommandResult,
  CreateSessionResult,
  CreateWorkshopResult,
  RoomSnapshot,
  SyncAck,
  WireError,
  WorkshopItem,
  WorkshopOverview,
} from '../../domain/protocol';
import { workedExample } from '../unit/planning/fixtures';
import { call, listen } from '../support/api';
import { request, startServer, type TestServer } from '../support/server';

type ErrorBody = { error: WireError };

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.stop());

const cardAdded = (e: VersionedEvent) => e.event.type === 'card.added';

async function version(w: CreateWorkshopResult): Promise<number> {
  const res = await call<RoomSnapshot>(server, 'GET', `/api/sessions/${w.sessionId}`, { token: w.facilitatorSecret });
  return res.body.version;
}

describe('API auth', () => {
  let w: CreateWorkshopResult;
  let other: CreateWorkshopResult;
  let itemId: string;
  beforeAll(async () => {
    w = await server.createWorkshop(['Login', 'Search']);
    other = await server.createWorkshop(['Elsewhere']);
    const overview = await call<WorkshopOverview>(server, 'GET', `/api/workshops/${w.workshopId}`, { token: w.facilitatorSecret });
    itemId = overview.body.items[0]!.id;
  });

  // every endpoint that needs the facilitator secret, with a body that would change something
  const endpoints: [string, string, () => string, unknown][] = [
    ['workshop overview', 'GET', () => `/api/workshops/${w.workshopId}`, undefined],
    ['new session', 'POST', () => `/api/workshops/${w.workshopId}/sessions`, {}],
    ['story points', 'PUT', () => `/api/workshops/${w.workshopId}/items/${itemId}/story-points`, { storyPoints: 5 }],
    ['snapshot', 'GET', () => `/api/sessions/${w.sessionId}`, undefined],
    ['add items', 'POST', () => `/api/sessions/${w.sessionId}/items`, { items: [{ title: 'Sneaky' }] }],
    ['import preview', 'POST', () => `/api/sessions/${w.sessionId}/import/preview`, { text: 'Sneaky' }],
    ['import', 'POST', () => `/api/sessions/${w.sessionId}/import`, { text: 'Sneaky' }],
    ['result', 'GET', () => `/api/sessions/${w.sessionId}/result?format=csv`, undefined],
    ['command', 'POST', () => `/api/sessions/${w.sessionId}/commands`, { type: 'phase.set', phase: 'sorting' }],
  ];

  it.each(endpoints)(
    "API-1 %s: no token is 401, a wrong token or another workshop's token is 403, and nothing changes",
    async (_name, method, path, body) => {
      const before = await version(w);
      const overviewBefore = await call<WorkshopOverview>(server, 'GET', `/api/workshops/${w.workshopId}`, { token: w.facilitatorSecret });
      const opts = body === undefined ? {} : { body };

      const none = await call<ErrorBody>(server, method, path(), opts);
      expect(none.status).toBe(401);
      expect(none.body.error.code).toBe('unauthorized');

      const malformed = await call<ErrorBody>(server, method, path(), { ...opts, headers: { authorization: 'Basic abc' } });
      expect(malformed.status).toBe(401);

      const wrong = await call<ErrorBody>(server, method, path(), { ...opts, token: 'x'.repeat(43) });
      expect(wrong.status).toBe(403);
      expect(wrong.body.error.code).toBe('forbidden');

      const foreign = await call<ErrorBody>(server, method, path(), { ...opts, token: other.facilitatorSecret });
      expect(foreign.status).toBe(403);

      expect(await version(w)).toBe(before);
      const overviewAfter = await call<WorkshopOverview>(server, 'GET', `/api/workshops/${w.workshopId}`, { token: w.facilitatorSecret });
      expect(overviewAfter.body).toEqual(overviewBefore.body);
    },
  );

  it('API-1 an unknown session or workshop answers like a wrong token (403): ids cannot be probed', async () => {
    const s = await call<ErrorBody>(server, 'GET', '/api/sessions/doesnotexist', { token: w.facilitatorSecret });
    expect(s.status).toBe(403);
    const ws = await call<ErrorBody>(server, 'GET', '/api/workshops/doesnotexist', { token: w.facilitatorSecret });
    expect(ws.status).toBe(403);
  });

  it('API-1 the plan endpoint needs no token', async () => {
    const res = await call(server, 'POST', '/api/plan', { body: { backlog: { totalAp: 10 }, velocity: { unit: 'AP', assumed: 5 } } });
    expect(res.status).toBe(200);
  });
});

describe('API workshop overview and sessions', () => {
  it('API-2 the overview lists the sessions with phase, version and totals, and the backlog items', async () => {
    const w = await server.createWorkshop(['A', 'B', 'C']);
    const token = w.facilitatorSecret;
    const snap = (await call<RoomSnapshot>(server, 'GET', `/api/sessions/${w.sessionId}`, { token })).body;
    const [a, b, c] = snap.cards;
    await call(server, 'POST', `/api/sessions/${w.sessionId}/commands`, { token, body: { type: 'card.move', cardId: a!.id, to: 'v5' } });
    await call(server, 'POST', `/api/sessions/${w.sessionId}/commands`, { token, body: { type: 'card.move', cardId: b!.id, to: 'v8' } });
    await call(server, 'POST', `/api/sessions/${w.sessionId}/commands`, {
      token,
      body: { type: 'card.move', cardId: c!.id, to: 'unsure' },
    });
    await call(server, 'POST', `/api/sessions/${w.sessionId}/commands`, { token, body: { type: 'card.flag', cardId: b!.id } });

    const res = await call<WorkshopOverview>(server, 'GET', `/api/workshops/${w.workshopId}`, { token });
    expect(res.status).toBe(200);
    expect(res.body.name).toBe('Test workshop');
    expect(res.body.sessions).toHaveLength(1);
    expect(res.body.sessions[0]).toMatchObject({
      id: w.sessionId,
      name: 'Session 1',
      joinCode: w.joinCode,
      phase: 'setup',
      version: snap.version + 4,
      totals: { cards: 3, placed: 3, unplaced: 0, flagged: 1, total: 13 },
    });
    expect(res.body.items.map((i) => [i.title, i.key, i.description, i.position, i.storyPoints])).toEqual([
      ['A', null, '', 0, null],
      ['B', null, '', 1, null],
      ['C', null, '', 2, null],
    ]);
    expect(res.body.items.map((i) => i.id)).toEqual([a!.id, b!.id, c!.id]);
  });

  it('API-3 a new session in the same workshop re-estimates the items: all by default, or the chosen ones in backlog order', async () => {
    const w = await server.createWorkshop(['A', 'B', 'C']);
    const token = w.facilitatorSecret;
    const items = (await call<WorkshopOverview>(server, 'GET', `/api/workshops/${w.workshopId}`, { token })).body.items;

    const all = await call<CreateSessionResult>(server, 'POST', `/api/workshops/${w.workshopId}/sessions`, { token, body: {} });
    expect(all.status).toBe(201);
    expect(all.body.links.participant).toBe(`/room/${all.body.sessionId}`);
    expect(all.body.links.facilitator).toBe(`/room/${all.body.sessionId}#facilitator=${token}`);
    expect(all.body.joinCode).toMatch(/^[A-Z0-9]{6}$/);
    // a socket client joins the new session like any other
    const room = await listen(server, all.body.sessionId);
    expect(room.snapshot.sessionName).toBe('Session 2');
    expect(room.snapshot.phase).toBe('setup');
    expect(room.snapshot.cards.map((c) => [c.id, c.title, c.position])).toEqual(items.map((i, n) => [i.id, i.title, n]));
    expect(Object.values(room.snapshot.placement).every((p) => p === null)).toBe(true);

    const some = await call<CreateSessionResult>(server, 'POST', `/api/workshops/${w.workshopId}/sessions`, {
      token,
      body: { name: 'Revisit', itemIds: [items[2]!.id, items[0]!.id] },
    });
    expect(some.status).toBe(201);
    const snap = (await call<RoomSnapshot>(server, 'GET', `/api/sessions/${some.body.sessionId}`, { token })).body;
    expect(snap.sessionName).toBe('Revisit');
    expect(snap.cards.map((c) => c.title)).toEqual(['A', 'C']);
    const timeline = snap.version;
    expect(timeline).toBe(3); // session.created + 2 x card.added

    const overview = (await call<WorkshopOverview>(server, 'GET', `/api/workshops/${w.workshopId}`, { token })).body;
    expect(overview.sessions.map((s) => [s.name, s.totals.cards])).toEqual([
      ['Session 1', 3],
      ['Session 2', 3],
      ['Revisit', 2],
    ]);
    // the backlog is the workshop's: no items were copied
    expect(overview.items).toHaveLength(3);
  });

  it('API-3 a new session refuses unknown or repeated item ids (400 with fields) and creates nothing', async () => {
    const w = await server.createWorkshop(['A']);
    const token = w.facilitatorSecret;
    const other = await server.createWorkshop(['Foreign']);
    const foreignId = (
      await call<WorkshopOverview>(server, 'GET', `/api/workshops/${other.workshopId}`, { token: other.facilitatorSecret })
    ).body.items[0]!.id;
    const own = (await call<WorkshopOverview>(server, 'GET', `/api/workshops/${w.workshopId}`, { token })).body.items[0]!.id;

    const unknown = await call<ErrorBody>(server, 'POST', `/api/workshops/${w.workshopId}/sessions`, {
      token,
      body: { itemIds: [own, foreignId] },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields).toEqual([{ path: 'itemIds.1', message: 'not an item of this workshop' }]);

    const twice = await call<ErrorBody>(server, 'POST', `/api/workshops/${w.workshopId}/sessions`, {
      token,
      body: { itemIds: [own, own] },
    });
    expect(twice.status).toBe(400);
    expect(twice.body.error.fields?.[0]?.path).toBe('itemIds');

    const extra = await call<ErrorBody>(server, 'POST', `/api/workshops/${w.workshopId}/sessions`, {
      token,
      body: { name: 'X', scale: 'fib' },
    });
    expect(extra.status).toBe(400);

    const overview = (await call<WorkshopOverview>(server, 'GET', `/api/workshops/${w.workshopId}`, { token })).body;
    expect(overview.sessions).toHaveLength(1);
  });

  it('API-4 the snapshot over HTTP is the one a socket client gets', async () => {
    const w = await server.createWorkshop(['A', 'B']);
    const room = await listen(server, w.sessionId, 'Pia');
    const http = await call<RoomSnapshot>(server, 'GET', `/api/sessions/${w.sessionId}`, { token: w.facilitatorSecret });
    const sync = await request<SyncAck>(room.c, 'room:sync', {});
    if (!sync.ok) throw new Error('sync failed');
    expect(http.status).toBe(200);
    expect(http.headers.get('cache-control')).toBe('no-store');
    const { serverNow: _a, ...fromHttp } = http.body;
    const { serverNow: _b, ...fromSocket } = sync.snapshot;
    expect(fromHttp).toEqual(fromSocket);
    expect(fromHttp.online).toEqual([room.me.participantId]);
  });
});

describe('API items and commands, live in the room', () => {
  it('API-5 items added through the API reach a joined socket client as card.added events', async () => {
    const w = await server.createWorkshop(['First']);
    const token = w.facilitatorSecret;
    const room = await listen(server, w.sessionId);
    const arrived = room.waitFor(cardAdded, 2);
    const res = await call<AddItemsResult>(server, 'POST', `/api/sessions/${w.sessionId}/items`, {
      token,
      body: { items: [{ title: 'Checkout', key: 'SHOP-1', description: 'Pay with\ncard or invoice' }, { title: '  Wishlist  ' }] },
    });
    expect(res.status).toBe(201);
    expect(res.body.items.map((i) => [i.title, i.key, i.description, i.position])).toEqual([
      ['Checkout', 'SHOP-1', 'Pay with\ncard or invoice', 1],
      ['Wishlist', null, '', 2],
    ]);
    const events = await arrived;
    expect(events.map((e) => e.version)).toEqual(res.body.events.map((e) => e.version));
    expect(events.map((e) => e.by)).toEqual([null, null]);
    expect(events.map((e) => (e.event.type === 'card.added' ? e.event.card : null))).toEqual([
      { id: res.body.items[0]!.id, title: 'Checkout', key: 'SHOP-1', position: 1 },
      { id: res.body.items[1]!.id, title: 'Wishlist', key: null, position: 2 },
    ]);
    expect(res.body.version).toBe(events.at(-1)!.version);
    // the description is the workshop item's
    const overview = (await call<WorkshopOverview>(server, 'GET', `/api/workshops/${w.workshopId}`, { token })).body;
    expect(overview.items.find((i) => i.key === 'SHOP-1')?.description).toBe('Pay with\ncard or invoice');
  });

  it('API-5 adding items after setup is refused with 409 wrong_phase and adds nothing', async () => {
    const w = await server.createWorkshop(['First']);
    const token = w.facilitatorSecret;
    await call(server, 'POST', `/api/sessions/${w.sessionId}/commands`, { token, body: { type: 'phase.set', phase: 'sorting' } });
    const before = await version(w);
    const res = await call<ErrorBody>(server, 'POST', `/api/sessions/${w.sessionId}/items`, {
      token,
      body: { items: [{ title: 'Late' }] },
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('wrong_phase');
    expect(await version(w)).toBe(before);
    const overview = (await call<WorkshopOverview>(server, 'GET', `/api/workshops/${w.workshopId}`, { token })).body;
    expect(overview.items.map((i) => i.title)).toEqual(['First']);
  });

  it('API-5 a key names one item: a key already on the board is refused, a key from another session brings that item back', async () => {
    const w = await server.createWorkshop([]);
    const token = w.facilitatorSecret;
    const first = await call<AddItemsResult>(server, 'POST', `/api/sessions/${w.sessionId}/items`, {
      token,
      body: { items: [{ title: 'Login', key: 'K-1', description: 'SSO' }] },
    });
    const again = await call<ErrorBody>(server, 'POST', `/api/sessions/${w.sessionId}/items`, {
      token,
      body: { items: [{ title: 'Other', key: 'K-1' }] },
    });
    expect(again.status).toBe(400);
    expect(again.body.error.message).toContain('K-1');
    const dup = await call<ErrorBody>(server, 'POST', `/api/sessions/${w.sessionId}/items`, {
      token,
      body: {
        items: [
          { title: 'X', key: 'K-9' },
          { title: 'Y', key: 'K-9' },
        ],
      },
    });
    expect(dup.status).toBe(400);
    expect(dup.body.error.fields?.[0]?.path).toBe('items.1.key');

    const s2 = await call<CreateSessionResult>(server, 'POST', `/api/workshops/${w.workshopId}/sessions`, { token, body: { itemIds: [] } });
    const back = await call<AddItemsResult>(server, 'POST', `/api/sessions/${s2.body.sessionId}/items`, {
      token,
      body: { items: [{ title: 'Login with SSO', key: 'K-1' }] },
    });
    expect(back.status).toBe(201);
    expect(back.body.items[0]).toMatchObject({ id: first.body.items[0]!.id, title: 'Login with SSO', key: 'K-1', description: 'SSO' });
    const overview = (await call<WorkshopOverview>(server, 'GET', `/api/workshops/${w.workshopId}`, { token })).body;
    expect(overview.items.map((i) => [i.key, i.title])).toEqual([['K-1', 'Login with SSO']]);
  });

  it('API-6 any facilitator command runs through the API and is published live', async () => {
    const w = await server.createWorkshop(['A', 'B']);
    const token = w.facilitatorSecret;
    const room = await listen(server, w.sessionId, 'Pia');
    const post = (body: unknown) =>
      call<CommandResult & ErrorBody>(server, 'POST', `/api/sessions/${w.sessionId}/commands`, { token, body });

    const phase = room.waitFor((e) => e.event.type === 'phase.changed');
    const res = await post({ type: 'phase.set', phase: 'sorting' });
    expect(res.status).toBe(200);
    expect(res.body.events.map((e) => e.event.type)).toEqual(['phase.changed', 'cards.dealt']);
    expect(res.body.version).toBe(res.body.events.at(-1)!.version);
    expect((await phase)[0]).toEqual(res.body.events[0]);
    // both cards were dealt to the one person online
    const dealt = res.body.events[1]!.event;
    expect(dealt.type === 'cards.dealt' && Object.values(dealt.hands)).toEqual([room.me.participantId, room.me.participantId]);

    const card = room.snapshot.cards[0]!;
    const moved = await post({ type: 'card.move', cardId: card.id, to: 'v3' });
    expect(moved.body.events[0]?.event).toEqual({ type: 'card.moved', cardId: card.id, from: null, to: 'v3' });

    const refused = await post({ type: 'card.add', title: 'Too late' });
    expect(refused.status).toBe(409);
    const unknown = await post({ type: 'card.flag', cardId: 'nope' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('unknown_card');
    const same = await post({ type: 'card.move', cardId: card.id, to: 'v3' });
    expect(same.status).toBe(409);
    expect(same.body.error.code).toBe('no_change');

    await post({ type: 'phase.set', phase: 'setup' });
    const added = await post({ type: 'card.add', title: 'New', key: null });
    expect(added.status).toBe(200);
    const e = added.body.events[0]!.event;
    expect(e.type === 'card.added' && e.card.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('API-6 removing a person through the API disconnects their socket', async () => {
    const w = await server.createWorkshop(['A']);
    const bob = await listen(server, w.sessionId, 'Bob');
    const bobId = bob.me.participantId;
    const gone = new Promise<string>((resolve) => bob.c.on('room:removed', (m) => resolve(m.message)));
    const res = await call(server, 'POST', `/api/sessions/${w.sessionId}/commands`, {
      token: w.facilitatorSecret,
      body: { type: 'person.remove', personId: bobId },
    });
    expect(res.status).toBe(200);
    expect(await gone).toContain('removed');
  });

  it('API-7 story points mark a reference item; bad values are refused with field details', async () => {
    const w = await server.createWorkshop(['A']);
    const token = w.facilitatorSecret;
    const item = (await call<WorkshopOverview>(server, 'GET', `/api/workshops/${w.workshopId}`, { token })).body.items[0]!;
    const path = `/api/workshops/${w.workshopId}/items/${item.id}/story-points`;
    const set = await call<WorkshopItem>(server, 'PUT', path, { token, body: { storyPoints: 13 } });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ ...item, storyPoints: 13 });
    for (const bad of [-1, '5', 10_001, undefined]) {
      const res = await call<ErrorBody>(server, 'PUT', path, { token, body: { storyPoints: bad } });
      expect(res.status).toBe(400);
      expect(res.body.error.fields?.[0]?.path).toBe('storyPoints');
    }
    const cleared = await call<WorkshopItem>(server, 'PUT', path, { token, body: { storyPoints: null } });
    expect(cleared.body.storyPoints).toBeNull();
    const missing = await call<ErrorBody>(server, 'PUT', `/api/workshops/${w.workshopId}/items/nosuchitem/story-points`, {
      token,
      body: { storyPoints: 1 },
    });
    expect(missing.status).toBe(404);
  });
});

describe('API bad requests', () => {
  let w: CreateWorkshopResult;
  beforeAll(async () => {
    w = await server.createWorkshop(['A']);
  });
  afterEach(async () => {
    // nothing in this block may change the session
    expect(await version(w)).toBe(2);
  });

  const bodies: [string, string, unknown, string[]][] = [
    ['items missing', '/items', {}, ['items']],
    ['items empty', '/items', { items: [] }, ['items']],
    ['empty title', '/items', { items: [{ title: '  ' }] }, ['items.0.title']],
    ['title too long', '/items', { items: [{ title: 'x'.repeat(301) }] }, ['items.0.title']],
    ['unknown item field', '/items', { items: [{ title: 'A', points: 3 }] }, ['items.0']],
    ['unknown command', '/commands', { type: 'session.delete' }, ['type']],
    ['command with a wrong field', '/commands', { type: 'timer.start', seconds: -5 }, ['seconds']],
    ['import without text', '/import', { format: 'csv' }, ['text']],
    ['import with an unknown format', '/import/preview', { text: 'A', format: 'xlsx' }, ['format']],
    ['import with a bad mapping', '/import', { text: 'A', mapping: { title: -1 } }, ['mapping.title']],
  ];

  it.each(bodies)('API-8 %s is refused with 400 and field details', async (_name, path, body, fields) => {
    const res = await call<ErrorBody>(server, 'POST', `/api/sessions/${w.sessionId}${path}`, { token: w.facilitatorSecret, body });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('bad_request');
    expect(res.body.error.fields?.map((f) => f.path)).toEqual(expect.arrayContaining(fields));
  });

  it('API-8 broken JSON is 400, a body that is not JSON is 415', async () => {
    const broken = await call<ErrorBody>(server, 'POST', `/api/sessions/${w.sessionId}/items`, {
      token: w.facilitatorSecret,
      raw: '{"items": [',
    });
    expect(broken.status).toBe(400);
    const text = await call<ErrorBody>(server, 'POST', `/api/sessions/${w.sessionId}/items`, {
      token: w.facilitatorSecret,
      raw: 'title=A',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(text.status).toBe(415);
  });

  it('API-8 a body over 64 KB is 413; an import may be up to 2 MB', async () => {
    const big = { items: [{ title: 'A', description: 'x'.repeat(70 * 1024) }] };
    const res = await call<ErrorBody>(server, 'POST', `/api/sessions/${w.sessionId}/items`, { token: w.facilitatorSecret, body: big });
    expect(res.status).toBe(413);
    expect(res.body.error.message).toContain('64 KB');

    // 1 MB of lines: fine for the import preview (and rejected row by row, not as a body)
    const lines = Array.from({ length: 400 }, (_, i) => `Item ${i} ${'y'.repeat(2500)}`).join('\n');
    const preview = await call<{ ok: boolean; rejected: number }>(server, 'POST', `/api/sessions/${w.sessionId}/import/preview`, {
      token: w.facilitatorSecret,
      body: { text: lines },
    });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ ok: true, rejected: 400 });

    // a chunked body (no content-length) is cut off while it streams
    const chunk = new TextEncoder().encode(`{"items":[{"title":"A","description":"${'x'.repeat(16 * 1024)}`);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 8; i++) controller.enqueue(chunk);
        controller.close();
      },
    });
    const chunked = await fetch(`${server.url}/api/sessions/${w.sessionId}/items`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${w.facilitatorSecret}` },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);

    const huge = await call<ErrorBody>(server, 'POST', `/api/sessions/${w.sessionId}/import`, {
      token: w.facilitatorSecret,
      body: { text: 'z'.repeat(2 * 1024 * 1024 + 1) },
    });
    expect(huge.status).toBe(413);
    expect(huge.body.error.message).toContain('2 MB');
  });

  it('API-8 unknown endpoints are 404, wrong methods 405', async () => {
    expect((await call(server, 'GET', '/api/nothing')).status).toBe(404);
    expect((await call(server, 'DELETE', `/api/sessions/${w.sessionId}`, { token: w.facilitatorSecret })).status).toBe(405);
    const format = await call<ErrorBody>(server, 'GET', `/api/sessions/${w.sessionId}/result?format=xlsx`, { token: w.facilitatorSecret });
    expect(format.status).toBe(400);
  });
});

describe('API plan endpoint', () => {
  // docs/planning.md, example 1: the method's worked example, the same input the engine's own tests use
  const worked = workedExample;

  it('API-9 computes the worked example: 47 AP x 8 = 376 SP, 16 sprints, 24,000 EUR per sprint, 384,000 EUR', async () => {
    const res = await call<{ ok: true; plan: Record<string, Record<string, unknown>> }>(server, 'POST', '/api/plan', { body: worked });
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(true);
    const plan = res.body.plan;
    expect(plan.calibration).toMatchObject({ factor: 8 });
    expect(plan.scope).toMatchObject({ remaining: { ap: 47, sp: 376 } });
    expect(plan.forecast).toMatchObject({ sprintsNeeded: 16, targetDate: '2025-08-17' });
    expect(plan.budget).toMatchObject({ costPerSprintMinor: 2_400_000, costOfSprintsNeededMinor: 38_400_000, sprintsCovered: 16 });
  });

  it('API-9 invalid plan input is 400 with every field error', async () => {
    const res = await call<ErrorBody>(server, 'POST', '/api/plan', {
      body: { ...worked, velocity: { unit: 'XP', history: [3, -1] }, extra: 1 },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('bad_request');
    expect(res.body.error.fields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'velocity.unit', code: 'invalid_option' }),
        expect.objectContaining({ path: 'velocity.history.1', code: 'must_not_be_negative' }),
        expect.objectContaining({ path: 'extra', code: 'unknown_field' }),
      ]),
    );
    const notObject = await call<ErrorBody>(server, 'POST', '/api/plan', { body: [1, 2] });
    expect(notObject.status).toBe(400);
    expect(notObject.body.error.fields?.[0]?.path).toBe('(root)');
  });
});
