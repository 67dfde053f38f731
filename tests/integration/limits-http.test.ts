import { rawQuery } from '../support/sim';
import { afterEach, describe, expect, it } from 'vitest';
import type { CreateWorkshopResult } from '../../domain/protocol';
import { call } from '../support/api';
import { startServer, type ServerOptions, type TestServer } from '../support/server';

type ErrorBody = { error: { code: string; message: string } };

let server: TestServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

async function start(opts: ServerOptions) {
  server = await startServer(opts);
  return server;
}

const post = (s: TestServer, path: string, body: unknown, headers: Record<string, string> = {}) =>
  call<ErrorBody & CreateWorkshopResult>(s, 'POST', path, { body, headers });
const createWorkshop = (s: TestServer, headers: Record<string, string> = {}) =>
  post(s, '/api/workshops', { name: 'W', items: ['A'] }, headers);
const workshopCount = async (s: TestServer) =>
  Number((await rawQuery<{ n: number }>(s.db, 'select count(*) as n from workshops', []))[0]!.n);

/** A refusal as RATE-1 describes it: 429, Retry-After in whole seconds within the window, a JSON error naming the action. */
function expectLimited(res: { status: number; headers: Headers; body: ErrorBody }, windowSeconds: number, action: RegExp) {
  expect(res.status).toBe(429);
  const retry = Number(res.headers.get('retry-after'));
  expect(Number.isInteger(retry)).toBe(true);
  expect(retry).toBeGreaterThanOrEqual(1);
  expect(retry).toBeLessThanOrEqual(windowSeconds);
  expect(res.body.error.code).toBe('rate_limited');
  expect(res.body.error.message).toMatch(action);
  expect(res.body.error.message).toMatch(/Try again in \d+ seconds?\./);
}

describe('per-address limits on the HTTP API (docs/hardening.md RATE-*)', () => {
  it('RATE-1 RATE-CREATE-1 creating workshops: 429 with Retry-After once the budget is spent; the refused request creates nothing', async () => {
    const s = await start({ limits: { createWorkshop: { points: 3, seconds: 3600 } } });
    for (let i = 0; i < 3; i++) expect((await createWorkshop(s)).status).toBe(201);
    const refused = await createWorkshop(s);
    expectLimited(refused, 3600, /create a workshop/);
    expect(await workshopCount(s)).toBe(3);
    // other endpoints are not affected by this budget
    expect((await call(s, 'POST', '/api/plan', { body: {} })).status).toBe(400);
  });

  it('RATE-ADDR-1 without TRUST_PROXY, X-Forwarded-For is ignored: a made-up address gets no fresh budget', async () => {
    const s = await start({ limits: { createWorkshop: { points: 2, seconds: 3600 } } });
    expect((await createWorkshop(s, { 'x-forwarded-for': '203.0.113.1' })).status).toBe(201);
    expect((await createWorkshop(s, { 'x-forwarded-for': '203.0.113.2' })).status).toBe(201);
    expect((await createWorkshop(s, { 'x-forwarded-for': '203.0.113.3' })).status).toBe(429);
  });

  it('RATE-ADDR-2 TRUST_PROXY=1: the address the proxy appended counts, entries a client wrote before it do not', async () => {
    const s = await start({ trustProxy: '1', limits: { createWorkshop: { points: 2, seconds: 3600 } } });
    const via = (client: string, spoofed = '') => ({ 'x-forwarded-for': spoofed ? `${spoofed}, ${client}` : client });
    expect((await createWorkshop(s, via('198.51.100.7'))).status).toBe(201);
    expect((await createWorkshop(s, via('198.51.100.7', '10.9.9.9'))).status).toBe(201);
    expect((await createWorkshop(s, via('198.51.100.7', '10.9.9.8'))).status).toBe(429);
    // another client behind the same proxy has its own budget
    expect((await createWorkshop(s, via('198.51.100.8'))).status).toBe(201);
  });

  it('RATE-ADDR-2 TRUST_PROXY as a list of proxy addresses: hops through them are skipped', async () => {
    const s = await start({ trustProxy: 'loopback, 10.0.0.0/8', limits: { createWorkshop: { points: 1, seconds: 3600 } } });
    expect((await createWorkshop(s, { 'x-forwarded-for': '198.51.100.7, 10.1.2.3' })).status).toBe(201);
    expect((await createWorkshop(s, { 'x-forwarded-for': '198.51.100.7' })).status).toBe(429);
    expect((await createWorkshop(s, { 'x-forwarded-for': '198.51.100.9, 10.1.2.3' })).status).toBe(201);
  });

  it('RATE-ADDR-3 an IPv6 /64 is one address; IPv4 written as ::ffff:a.b.c.d is the IPv4 address', async () => {
    const s = await start({ trustProxy: '1', limits: { createWorkshop: { points: 2, seconds: 3600 } } });
    const from = (ip: string) => createWorkshop(s, { 'x-forwarded-for': ip });
    expect((await from('2001:db8:1:2::1')).status).toBe(201);
    expect((await from('2001:db8:1:2:ffff:ffff:ffff:ffff')).status).toBe(201);
    expect((await from('2001:db8:1:2::abcd')).status).toBe(429);
    expect((await from('2001:db8:1:3::1')).status).toBe(201);
    expect((await from('192.0.2.1')).status).toBe(201);
    expect((await from('::ffff:192.0.2.1')).status).toBe(201);
    expect((await from('192.0.2.1')).status).toBe(429);
  });

  it('RATE-CREATE-2 creating sessions has its own budget, counted before the token is checked', async () => {
    const s = await start({ limits: { createSession: { points: 2, seconds: 3600 } } });
    const w = await s.createWorkshop();
    const create = (token: string) => call<ErrorBody>(s, 'POST', `/api/workshops/${w.workshopId}/sessions`, { token, body: {} });
    expect((await create(w.facilitatorSecret)).status).toBe(201);
    expect((await create('wrong')).status).toBe(403);
    expectLimited(await create(w.facilitatorSecret), 3600, /create a session/);
  });

  it('RATE-CREATE-3 a big backlog costs more of the budget: one more point per 100 items, charged before anything is written', async () => {
    const s = await start({ limits: { createWorkshop: { points: 8, seconds: 3600 }, createSession: { points: 8, seconds: 3600 } } });
    const items = (n: number) => Array.from({ length: n }, (_, i) => `Item ${i}`);
    // 250 items: 1 + 2 points; two fit into 8, the third would need 9
    expect((await post(s, '/api/workshops', { name: 'Big', items: items(250) })).status).toBe(201);
    const w = await post(s, '/api/workshops', { name: 'Big', items: items(250) });
    expect(w.status).toBe(201);
    expectLimited(await post(s, '/api/workshops', { name: 'Big', items: items(250) }), 3600, /create a workshop/);
    expect(await workshopCount(s)).toBe(2);
    // a session of all 250 items costs 3 as well; one of 20 chosen items costs 1
    const session = (body: unknown) =>
      call<ErrorBody>(s, 'POST', `/api/workshops/${w.body.workshopId}/sessions`, { token: w.body.facilitatorSecret, body });
    expect((await session({})).status).toBe(201);
    expect((await session({})).status).toBe(201);
    expectLimited(await session({}), 3600, /create a session/);
  });

  it('RATE-CREATE-3 adding items to a session is charged to the import budget, by size', async () => {
    const s = await start({ limits: { importPreview: { points: 4, seconds: 60 } } });
    const w = await s.createWorkshop();
    const add = (n: number) =>
      call<ErrorBody>(s, 'POST', `/api/sessions/${w.sessionId}/items`, {
        token: w.facilitatorSecret,
        body: { items: Array.from({ length: n }, (_, i) => ({ title: `Added ${i}` })) },
      });
    // 250 items: 1 + 2 points of 4; the next 250 would need 6
    expect((await add(250)).status).toBe(201);
    expectLimited(await add(250), 60, /import a file/);
  });

  it('RATE-CREATE-3 a session of a few chosen items costs one point', async () => {
    const items = (n: number) => Array.from({ length: n }, (_, i) => `Item ${i}`);
    const limitedAgain = await start({ limits: { createSession: { points: 2, seconds: 3600 } } });
    const v = await post(limitedAgain, '/api/workshops', { name: 'V', items: items(250) });
    const few = (
      await call<{ items: { id: string }[] }>(limitedAgain, 'GET', `/api/workshops/${v.body.workshopId}`, {
        token: v.body.facilitatorSecret,
      })
    ).body.items
      .slice(0, 20)
      .map((i) => i.id);
    const chosen = (body: unknown) =>
      call<ErrorBody>(limitedAgain, 'POST', `/api/workshops/${v.body.workshopId}/sessions`, { token: v.body.facilitatorSecret, body });
    expect((await chosen({ itemIds: few })).status).toBe(201);
    expect((await chosen({ itemIds: few })).status).toBe(201);
    expect((await chosen({ itemIds: few })).status).toBe(429);
  });

  it('RATE-JOIN-1 unknown join codes are limited per address; RATE-JOIN-2 codes that exist cost nothing', async () => {
    const s = await start({ limits: { joinCode: { points: 3, seconds: 900 } } });
    const w = await s.createWorkshop();
    const open = (code: string, headers: Record<string, string> = {}) => fetch(`${s.url}/j/${code}`, { redirect: 'manual', headers });
    // a room of people scanning the QR code from one NAT address: never limited
    for (let i = 0; i < 10; i++) expect((await open(w.joinCode)).headers.get('location')).toBe(`/room/${w.sessionId}`);
    for (let i = 0; i < 3; i++) expect((await open(`ZZZZ${i}`)).headers.get('location')).toBe('/?unknownCode=1');
    const refused = await open('ZZZZ9');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // over the limit even a right code is not looked up: a guesser learns nothing more
    expect((await open(w.joinCode)).status).toBe(429);
    // the start page's JSON look-up shares the budget
    const json = await call<ErrorBody>(s, 'GET', `/api/join-codes/${w.joinCode}`);
    expectLimited(json, 900, /try join codes/);
    // a browser gets a short page in English and German
    const page = await open('ZZZZ8', { accept: 'text/html' });
    expect(page.status).toBe(429);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await page.text();
    expect(html).toContain('Too many requests from your network');
    expect(html).toContain('Zu viele Anfragen aus Ihrem Netzwerk');
  });

  it('RATE-JOIN-1 the JSON look-up answers a known code with its room and an unknown one with 404', async () => {
    const s = await start({});
    const w = await s.createWorkshop();
    const hit = await call<{ sessionId: string; path: string }>(s, 'GET', `/api/join-codes/${w.joinCode.toLowerCase()}`);
    expect(hit.status).toBe(200);
    expect(hit.body).toEqual({ sessionId: w.sessionId, path: `/room/${w.sessionId}` });
    const miss = await call<ErrorBody>(s, 'GET', '/api/join-codes/ZZZZZZ');
    expect(miss.status).toBe(404);
    expect(miss.body.error.code).toBe('not_found');
  });

  it('RATE-PLAN-1 /api/plan has its own budget', async () => {
    const s = await start({ limits: { plan: { points: 2, seconds: 60 } } });
    for (let i = 0; i < 2; i++) expect((await call(s, 'POST', '/api/plan', { body: {} })).status).toBe(400);
    expectLimited(await call<ErrorBody>(s, 'POST', '/api/plan', { body: {} }), 60, /compute a plan/);
  });

  it('RATE-IMPORT-1 import previews and imports share a budget', async () => {
    const s = await start({ limits: { importPreview: { points: 2, seconds: 60 } } });
    const w = await s.createWorkshop([]);
    const token = w.facilitatorSecret;
    expect((await call(s, 'POST', `/api/sessions/${w.sessionId}/import/preview`, { token, body: { text: 'A' } })).status).toBe(200);
    expect((await call(s, 'POST', `/api/sessions/${w.sessionId}/import`, { token, body: { text: 'A' } })).status).toBe(200);
    const refused = await call<ErrorBody>(s, 'POST', `/api/sessions/${w.sessionId}/import/preview`, { token, body: { text: 'B' } });
    expectLimited(refused, 60, /import a file/);
    expect(await rawQuery<{ n: number }>(s.db, 'select count(*) as n from items', [])).toEqual([{ n: 1 }]);
  });

  it('RATE-SHARE-1 share-link views (the API and the /s/ page) have a budget; a browser gets a page', async () => {
    const s = await start({ limits: { sharedView: { points: 3, seconds: 60 } } });
    const w = await s.createWorkshop();
    const link = await call<{ token: string }>(s, 'POST', `/api/workshops/${w.workshopId}/share-links`, { token: w.facilitatorSecret });
    expect((await call(s, 'GET', `/api/shared/${link.body.token}`)).status).toBe(200);
    // without Next the page itself is a 404 here; the budget is counted before it
    expect((await fetch(`${s.url}/s/${link.body.token}`)).status).toBe(404);
    expect((await call(s, 'GET', '/api/shared/not-a-token')).status).toBe(404);
    expectLimited(await call<ErrorBody>(s, 'GET', `/api/shared/${link.body.token}`), 60, /open shared links/);
    const page = await fetch(`${s.url}/s/${link.body.token}`, { headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(page.status).toBe(429);
    expect(await page.text()).toContain('<h1>Please wait a moment</h1>');
  });

  it('RATE-API-1 a general budget covers every API request', async () => {
    const s = await start({ limits: { api: { points: 4, seconds: 60 } } });
    const w = await s.createWorkshop();
    const token = w.facilitatorSecret;
    expect((await call(s, 'GET', `/api/workshops/${w.workshopId}`, { token })).status).toBe(200);
    expect((await call(s, 'GET', '/api/nothing-here')).status).toBe(404);
    expect((await call(s, 'GET', `/api/sessions/${w.sessionId}`, { token })).status).toBe(200);
    expectLimited(await call<ErrorBody>(s, 'GET', `/api/workshops/${w.workshopId}`, { token }), 60, /use the API/);
    // health checks are never limited
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
  });
});
