import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateWorkshopResult, WireError, WorkshopOverview } from '../../domain/protocol';
import type { CreatedShareLink, ShareLinkInfo, WorkshopPlanning } from '../../domain/workshop';
import { call } from '../support/api';
import { serverEngines, startServer, type TestServer } from '../support/server';

type ErrorBody = { error: WireError };

let server: TestServer;

/** A workshop whose first session placed the items (bucket ids such as v3) and is locked. */
async function sized(sizes: Record<string, string>): Promise<{ w: CreateWorkshopResult; ids: Record<string, string> }> {
  const w = await server.createWorkshop(Object.keys(sizes));
  const overview = await call<WorkshopOverview>(server, 'GET', `/api/workshops/${w.workshopId}`, { token: w.facilitatorSecret });
  const ids = Object.fromEntries(overview.body.items.map((i) => [i.title, i.id]));
  for (const [title, bucket] of Object.entries(sizes)) {
    const res = await call(server, 'POST', `/api/sessions/${w.sessionId}/commands`, {
      token: w.facilitatorSecret,
      body: { type: 'card.move', cardId: ids[title], to: bucket },
    });
    expect(res.status).toBe(200);
  }
  const lock = await call(server, 'POST', `/api/sessions/${w.sessionId}/commands`, {
    token: w.facilitatorSecret,
    body: { type: 'phase.set', phase: 'locked' },
  });
  expect(lock.status).toBe(200);
  return { w, ids };
}

describe.each(serverEngines)('workshop planning API on %s', (engine) => {
  beforeAll(async () => {
    server = await startServer({ engine });
  });
  afterAll(() => server.stop());

  it("API-P-1 every planning endpoint needs the workshop's secret (401 without, 403 with another one)", async () => {
    const { w, ids } = await sized({ Login: 'v3' });
    const other = await server.createWorkshop(['Elsewhere']);
    const base = `/api/workshops/${w.workshopId}`;
    const endpoints: [string, string, unknown][] = [
      ['GET', `${base}/planning`, undefined],
      ['PUT', `${base}/sessions/${w.sessionId}/references/${ids.Login}`, { storyPoints: 24 }],
      ['PUT', `${base}/plan-settings`, { velocity: { unit: 'AP', assumed: 3 } }],
      ['POST', `${base}/sprints`, { doneItemIds: [] }],
      ['DELETE', `${base}/sprints/1`, undefined],
      ['GET', `${base}/share-links`, undefined],
      ['POST', `${base}/share-links`, {}],
      ['DELETE', `${base}/share-links/abc`, undefined],
    ];
    for (const [method, path, body] of endpoints) {
      const opts = body === undefined ? {} : { body };
      expect((await call(server, method, path, opts)).status, `${method} ${path}`).toBe(401);
      expect((await call(server, method, path, { ...opts, token: other.facilitatorSecret })).status, `${method} ${path}`).toBe(403);
    }
    const data = await call<WorkshopPlanning>(server, 'GET', `${base}/planning`, { token: w.facilitatorSecret });
    expect(data.body.settings).toBeNull();
    expect(data.body.sprints).toEqual([]);
    expect(data.body.sessions[0]?.references).toEqual([]);
  });

  it('API-P-2 planning data: sessions with their placements, locked ones counted; the create answer links the workshop', async () => {
    const { w, ids } = await sized({ Login: 'v3', Search: 'v5', Wishlist: 'unsure' });
    expect(w.links.workshop).toBe(`/workshop/${w.workshopId}#facilitator=${w.facilitatorSecret}`);
    const data = await call<WorkshopPlanning>(server, 'GET', `/api/workshops/${w.workshopId}/planning`, { token: w.facilitatorSecret });
    expect(data.status).toBe(200);
    const s = data.body.sessions[0]!;
    expect(s.counted).toBe(true);
    expect(s.placements[ids.Login!]).toEqual({ label: '3', value: 3 });
    expect(s.placements[ids.Wishlist!]).toEqual({ label: '?', value: null });
    expect(data.body.items.map((i) => i.title)).toEqual(['Login', 'Search', 'Wishlist']);
  });

  it("API-P-3 reference items: only in a locked session and in a sized bucket; the item's own story points are left alone (one calibration)", async () => {
    const { w, ids } = await sized({ Login: 'v3', Search: 'v5', Wishlist: 'unsure' });
    const path = (item: string) => `/api/workshops/${w.workshopId}/sessions/${w.sessionId}/references/${item}`;
    const ok = await call<WorkshopPlanning>(server, 'PUT', path(ids.Login!), { token: w.facilitatorSecret, body: { storyPoints: 24 } });
    expect(ok.status).toBe(200);
    expect(ok.body.sessions[0]?.references).toMatchObject([{ itemId: ids.Login, storyPoints: 24 }]);
    // references are calibration's one source; the item's tracker story points are not touched
    expect(ok.body.items.find((i) => i.id === ids.Login)?.storyPoints).toBeNull();

    const unsure = await call<ErrorBody>(server, 'PUT', path(ids.Wishlist!), { token: w.facilitatorSecret, body: { storyPoints: 8 } });
    expect(unsure.status).toBe(400);
    const bad = await call<ErrorBody>(server, 'PUT', path(ids.Search!), { token: w.facilitatorSecret, body: { storyPoints: -1 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields?.[0]?.path).toBe('storyPoints');

    const off = await call<WorkshopPlanning>(server, 'PUT', path(ids.Login!), { token: w.facilitatorSecret, body: { storyPoints: null } });
    expect(off.body.sessions[0]?.references).toEqual([]);
    expect(off.body.items.find((i) => i.id === ids.Login)?.storyPoints).toBeNull();

    // a session that is not locked
    const open = await call<{ sessionId: string }>(server, 'POST', `/api/workshops/${w.workshopId}/sessions`, {
      token: w.facilitatorSecret,
      body: {},
    });
    const notLocked = await call<ErrorBody>(
      server,
      'PUT',
      `/api/workshops/${w.workshopId}/sessions/${open.body.sessionId}/references/${ids.Login}`,
      {
        token: w.facilitatorSecret,
        body: { storyPoints: 24 },
      },
    );
    expect(notLocked.status).toBe(409);
    expect(notLocked.body.error.code).toBe('wrong_phase');
  });

  it('API-P-9 a sprint can bring new items typed in place: they join the backlog with their size and count once', async () => {
    const { w, ids } = await sized({ Login: 'v3', Search: 'v5' });
    const rec = await call<WorkshopPlanning>(server, 'POST', `/api/workshops/${w.workshopId}/sprints`, {
      token: w.facilitatorSecret,
      body: { doneItemIds: [ids.Login], newItems: [{ title: ' Retry\u200b payments ', sizeAp: 8 }] },
    });
    expect(rec.status).toBe(201);
    const added = rec.body.items.at(-1)!;
    expect(added).toMatchObject({ title: 'Retry payments', typedSizeAp: 8, position: 2 });
    expect(rec.body.sprints[0]).toMatchObject({ index: 1, doneAp: 3, scopeAddedAp: 8, addedItemIds: [added.id] });
    const refused = await call<ErrorBody>(server, 'POST', `/api/workshops/${w.workshopId}/sprints`, {
      token: w.facilitatorSecret,
      body: { newItems: [{ title: '\u200b', sizeAp: 3 }] },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields?.[0]?.path).toBe('newItems.0.title');
  });

  it('API-P-10 one calibration: the export and the calibration data give the same factor, from reference items only', async () => {
    const { w, ids } = await sized({ Login: 'v3', Search: 'v5' });
    // the tracker's story points of an item do not calibrate
    await call(server, 'PUT', `/api/workshops/${w.workshopId}/items/${ids.Search}/story-points`, {
      token: w.facilitatorSecret,
      body: { storyPoints: 100 },
    });
    await call(server, 'PUT', `/api/workshops/${w.workshopId}/sessions/${w.sessionId}/references/${ids.Login}`, {
      token: w.facilitatorSecret,
      body: { storyPoints: 24 },
    });
    const data = await call<WorkshopPlanning>(server, 'GET', `/api/workshops/${w.workshopId}/planning`, { token: w.facilitatorSecret });
    const refs = data.body.sessions[0]!.references;
    expect(refs).toMatchObject([{ itemId: ids.Login, storyPoints: 24 }]);
    const exported = await call<{
      factor: number | null;
      items: { title: string; storyPoints: number | null; calibratedStoryPoints: number | null }[];
    }>(server, 'GET', `/api/sessions/${w.sessionId}/result?format=json`, { token: w.facilitatorSecret });
    expect(exported.body.factor).toBe(8);
    expect(exported.body.items.find((i) => i.title === 'Search')).toMatchObject({ storyPoints: 100, calibratedStoryPoints: 40 });
  });

  it('API-P-4 plan settings are validated by the planning schema and saved', async () => {
    const { w } = await sized({ Login: 'v3' });
    const path = `/api/workshops/${w.workshopId}/plan-settings`;
    const settings = {
      velocity: { unit: 'SP', assumed: 24 },
      sprint: { startDate: '2025-01-06', lengthWeeks: 2 },
      team: { people: 3, dayRateMinor: 80000, daysPerSprint: 10 },
      currency: 'EUR',
      budget: { amountMinor: 39000000 },
    };
    const saved = await call<WorkshopPlanning>(server, 'PUT', path, { token: w.facilitatorSecret, body: settings });
    expect(saved.status).toBe(200);
    expect(saved.body.settings).toMatchObject(settings);
    const wrong = await call<ErrorBody>(server, 'PUT', path, {
      token: w.facilitatorSecret,
      body: { ...settings, currency: 'eur', velocity: { unit: 'XP' } },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields?.map((f) => f.path).sort()).toEqual(['currency', 'velocity.unit']);
    const after = await call<WorkshopPlanning>(server, 'GET', `/api/workshops/${w.workshopId}/planning`, { token: w.facilitatorSecret });
    expect(after.body.settings).toMatchObject(settings);
  });

  it('API-P-5 sprints: recorded in order with AP from the items; item ids are checked; only the last can be removed', async () => {
    const { w, ids } = await sized({ Login: 'v3', Search: 'v5', Basket: 'v8', Later: 'v2' });
    const path = `/api/workshops/${w.workshopId}/sprints`;
    const one = await call<WorkshopPlanning>(server, 'POST', path, {
      token: w.facilitatorSecret,
      body: { doneItemIds: [ids.Login], costMinor: 2350000 },
    });
    expect(one.status).toBe(201);
    expect(one.body.sprints).toMatchObject([{ index: 1, doneAp: 3, doneItemIds: [ids.Login], costMinor: 2350000 }]);
    const two = await call<WorkshopPlanning>(server, 'POST', path, {
      token: w.facilitatorSecret,
      body: { doneItemIds: [ids.Search], droppedItemIds: [ids.Later], doneAp: 4 },
    });
    expect(two.body.sprints[1]).toMatchObject({ index: 2, doneAp: 4, scopeRemovedAp: 2, costMinor: null });

    const again = await call<ErrorBody>(server, 'POST', path, { token: w.facilitatorSecret, body: { doneItemIds: [ids.Login, 'nope'] } });
    expect(again.status).toBe(400);
    expect(again.body.error.fields).toEqual([
      { path: 'doneItemIds.0', message: 'already done in sprint 1' },
      { path: 'doneItemIds.1', message: 'not an item of this workshop' },
    ]);
    expect((await call<ErrorBody>(server, 'DELETE', `${path}/1`, { token: w.facilitatorSecret })).status).toBe(400);
    const removed = await call<WorkshopPlanning>(server, 'DELETE', `${path}/2`, { token: w.facilitatorSecret });
    expect(removed.body.sprints.map((s) => s.index)).toEqual([1]);
  });

  it('API-P-6 share links: read-only data without join codes; revoked links are 404', async () => {
    const { w } = await sized({ Login: 'v3' });
    const base = `/api/workshops/${w.workshopId}/share-links`;
    const created = await call<CreatedShareLink>(server, 'POST', base, { token: w.facilitatorSecret, body: {} });
    expect(created.status).toBe(201);
    expect(created.body.path).toBe(`/s/${created.body.token}`);
    const shared = await call<WorkshopPlanning>(server, 'GET', `/api/shared/${created.body.token}`);
    expect(shared.status).toBe(200);
    expect(shared.body.readOnly).toBe(true);
    expect(shared.body.sessions[0]?.joinCode).toBeNull();
    expect(JSON.stringify(shared.body)).not.toContain(w.facilitatorSecret);

    const list = await call<ShareLinkInfo[]>(server, 'GET', base, { token: w.facilitatorSecret });
    expect(list.body).toEqual([{ id: created.body.id, createdAt: created.body.createdAt, revokedAt: null }]);
    expect(JSON.stringify(list.body)).not.toContain(created.body.token);
    const revoked = await call<ShareLinkInfo[]>(server, 'DELETE', `${base}/${created.body.id}`, { token: w.facilitatorSecret });
    expect(revoked.body[0]?.revokedAt).not.toBeNull();
    expect((await call(server, 'GET', `/api/shared/${created.body.token}`)).status).toBe(404);
    expect((await call(server, 'GET', `/api/shared/${'x'.repeat(43)}`)).status).toBe(404);
    expect((await call(server, 'DELETE', `${base}/${created.body.id}`, { token: w.facilitatorSecret })).status).toBe(404);
  });
});
