// The workshop's webhook through the HTTP API: configured sealed, fired after a lock and after a
// sprint record, never holding up the room, failures retried and shown (HOOK-API-*).
import { createHmac } from 'node:crypto';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseSignatureHeader, signatureBase, type WebhookPayload } from '../../domain/integrations';
import type { IntegrationWireError, WebhookDeliveryInfo, WebhookInfo } from '../../domain/integrations/wire';
import type { CreateWorkshopResult, RoomSnapshot } from '../../domain/protocol';
import { call } from '../support/api';
import { startFakeReceiver, type FakeReceiver } from '../support/fake-webhook';
import { startServer, type TestServer } from '../support/server';

const ENV = {
  SECRET_KEY: 'another-test-key-of-32-characters-or-more',
  INTEGRATIONS_ALLOW_PRIVATE_NETWORKS: '1',
  PUBLIC_URL: 'https://estimation.example.com/',
};
const HOOK_SECRET = 'whsec-shared-0123456789';
const PATH_TOKEN = 'T000B000XyZ9qQ';

type W = CreateWorkshopResult;

let server: TestServer;
let receiver: FakeReceiver;
const waits: number[] = [];
/** retries wait on this instead of the clock */
let gate: Promise<void> = Promise.resolve();
const logged: string[] = [];

beforeAll(async () => {
  receiver = await startFakeReceiver();
  const sink = new Writable({ write: (chunk: Buffer, _enc, done) => (logged.push(chunk.toString()), done()) });
  server = await startServer({
    integrationsEnv: ENV,
    integrationsTuning: {
      webhook: {
        retry: { maxAttempts: 3, baseDelayMs: 2000, maxDelayMs: 60_000, maxRetryAfterMs: 300_000 },
        sleep: async (ms) => (waits.push(ms), gate),
        timeoutMs: 300,
      },
    },
    log: pino({ level: 'trace' }, sink),
  });
});
afterAll(async () => {
  await server.stop();
  await receiver.close();
});
afterEach(() => {
  gate = Promise.resolve();
  receiver.received.length = 0;
  waits.length = 0;
  // the address (a credential for Slack and Teams) and the secret are in no log line
  const text = logged.join('\n');
  expect(text).not.toContain(HOOK_SECRET);
  expect(text).not.toContain(PATH_TOKEN);
});

const api = <T>(w: W, method: string, path: string, body?: unknown) =>
  call<T>(server, method, path, { token: w.facilitatorSecret, ...(body !== undefined ? { body } : {}) });
const hookUrl = () => `${receiver.url}/services/${PATH_TOKEN}`;
const idle = () => server.app.integrations.idle();

async function withHook(events = ['session.locked', 'sprint.recorded']): Promise<W> {
  const w = await server.createWorkshop(['Login', 'Search', 'Checkout']);
  const r = await api<WebhookInfo>(w, 'PUT', `/api/workshops/${w.workshopId}/integrations/webhook`, {
    url: hookUrl(),
    secret: HOOK_SECRET,
    format: 'json',
    language: 'en',
    events,
  });
  expect(r.status).toBe(200);
  return w;
}

/** Login 3 AP, Search 5 AP, Checkout unplaced; then locked. */
async function sizeAndLock(w: W) {
  const cards = (await api<RoomSnapshot>(w, 'GET', `/api/sessions/${w.sessionId}`)).body.cards;
  const id = (title: string) => cards.find((c) => c.title === title)!.id;
  await api(w, 'POST', `/api/sessions/${w.sessionId}/commands`, { type: 'card.move', cardId: id('Login'), to: 'v3' });
  await api(w, 'POST', `/api/sessions/${w.sessionId}/commands`, { type: 'card.move', cardId: id('Search'), to: 'v5' });
  return { lock: api(w, 'POST', `/api/sessions/${w.sessionId}/commands`, { type: 'phase.set', phase: 'locked' }), id };
}

/** Waits for a condition, checking every 20 ms, at most 10 s. */
async function until<T>(fn: () => Promise<T | null>): Promise<T> {
  const end = Date.now() + 10_000;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const deliveries = async (w: W) =>
  (await api<WebhookDeliveryInfo[]>(w, 'GET', `/api/workshops/${w.workshopId}/integrations/webhook/deliveries`)).body;

describe('the workshop webhook through the API', () => {
  it('HOOK-API-1 SEC-SEAL-7 the address and the secret are stored sealed and never answered; a bad body changes nothing', async () => {
    const w = await server.createWorkshop(['A']);
    const path = `/api/workshops/${w.workshopId}/integrations/webhook`;
    const bad = await api<{ error: IntegrationWireError }>(w, 'PUT', path, {
      url: 'ftp://hooks.example.com/x',
      secret: 'short',
      format: 'slack',
      events: [],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields?.map((f) => f.path)).toEqual(['url', 'secret', 'events']);
    expect((await api(w, 'GET', path)).body).toBeNull();

    const saved = await api<WebhookInfo>(w, 'PUT', path, {
      url: hookUrl(),
      secret: HOOK_SECRET,
      format: 'slack',
      language: 'de',
      events: ['session.locked'],
    });
    expect(saved.body).toMatchObject({
      urlHint: `${receiver.url}/…${PATH_TOKEN.slice(-4)}`,
      format: 'slack',
      language: 'de',
      events: ['session.locked'],
      hasSecret: true,
    });
    const got = await api<WebhookInfo>(w, 'GET', path);
    expect(got.body).toEqual(saved.body);
    const all = await api(w, 'GET', `/api/workshops/${w.workshopId}/integrations`);
    for (const text of [saved.text, got.text, all.text]) {
      expect(text).not.toContain(HOOK_SECRET);
      expect(text).not.toContain(PATH_TOKEN);
    }
    const row = await server.app.store.read.getWebhook(w.workshopId);
    expect(row?.sealedUrl).toMatch(/^me1\./);
    expect(`${row?.sealedUrl} ${row?.sealedSecret}`).not.toContain(PATH_TOKEN);
    expect((await api(w, 'DELETE', path)).status).toBe(200);
    expect((await api(w, 'GET', path)).body).toBeNull();
  });

  it('HOOK-API-2 INT-HOOK-9 a lock posts session.locked, signed with the shared secret, with the totals and a link to the room', async () => {
    const w = await withHook();
    const { lock } = await sizeAndLock(w);
    expect((await lock).status).toBe(200);
    await idle();
    expect(receiver.received).toHaveLength(1);
    const got = receiver.received[0]!;
    expect(got.path).toBe(`/services/${PATH_TOKEN}`);
    expect(got.headers['x-magic-estimation-event']).toBe('session.locked');
    const sig = parseSignatureHeader(String(got.headers['x-magic-estimation-signature']))!;
    expect(sig.v1).toEqual([createHmac('sha256', HOOK_SECRET).update(signatureBase(sig.t, got.body)).digest('hex')]);
    const payload = JSON.parse(got.body) as WebhookPayload;
    expect(payload).toMatchObject({
      version: 1,
      event: 'session.locked',
      deliveryId: got.headers['x-magic-estimation-delivery'],
      workshop: { id: w.workshopId, name: 'Test workshop', url: `https://estimation.example.com/workshop/${w.workshopId}` },
      session: { id: w.sessionId, name: 'Session 1', url: `https://estimation.example.com/room/${w.sessionId}` },
      totals: { items: 3, sized: 2, ap: 8, sp: null, factor: null },
    });
    expect(payload.text).toContain('2 of 3 items sized: 8 AP');
    const [d] = await deliveries(w);
    expect(d).toMatchObject({ event: 'session.locked', status: 'delivered', attempts: [{ status: 200, code: null, error: null }] });
    // unlocking and locking again is a new lock, and a new message
    await api(w, 'POST', `/api/sessions/${w.sessionId}/commands`, { type: 'phase.set', phase: 'discussion' });
    await idle();
    expect(receiver.received).toHaveLength(1);
    await api(w, 'POST', `/api/sessions/${w.sessionId}/commands`, { type: 'phase.set', phase: 'locked' });
    await idle();
    expect(receiver.received).toHaveLength(2);
  });

  it('HOOK-API-3 INT-HOOK-10 a sprint record posts sprint.recorded with what is left', async () => {
    const w = await withHook(['sprint.recorded']);
    const { lock, id } = await sizeAndLock(w);
    await lock;
    await idle();
    expect(receiver.received).toHaveLength(0); // not subscribed to locks
    const rec = await api(w, 'POST', `/api/workshops/${w.workshopId}/sprints`, { doneItemIds: [id('Login')] });
    expect(rec.status).toBe(201);
    await idle();
    expect(receiver.received).toHaveLength(1);
    const payload = JSON.parse(receiver.received[0]!.body) as WebhookPayload;
    expect(payload).toMatchObject({
      event: 'sprint.recorded',
      sprint: { index: 1, doneAp: 3, scopeAddedAp: 0, scopeRemovedAp: 0 },
      remaining: { ap: 5 },
    });
    expect(payload.text).toContain('Sprint 1 recorded');
    // a refused record (an unknown item) sends nothing
    const refused = await api(w, 'POST', `/api/workshops/${w.workshopId}/sprints`, { doneItemIds: ['nope'] });
    expect(refused.status).toBe(400);
    await idle();
    expect(receiver.received).toHaveLength(1);
  });

  it('HOOK-API-4 HOOK-2 a receiver that hangs never holds up the lock; timeouts are retried and the failure is shown', async () => {
    const w = await withHook(['session.locked']);
    receiver.answer({ hang: true }, { hang: true }, { hang: true });
    let release!: () => void;
    gate = new Promise<void>((r) => (release = r));
    const { lock } = await sizeAndLock(w);
    expect((await lock).status).toBe(200);
    // the first attempt timed out and the retry waits: the delivery shows it, still pending
    const waiting = await until(async () => {
      const [d] = await deliveries(w);
      return d?.attempts.length === 1 ? d : null;
    });
    expect(waiting).toMatchObject({ status: 'pending', attempts: [{ status: null, code: 'timeout' }] });
    release();
    await idle();
    const [d] = await deliveries(w);
    expect(d?.status).toBe('failed');
    expect(d?.attempts.map((a) => a.code)).toEqual(['timeout', 'timeout', 'timeout']);
    expect(waits).toEqual([2000, 4000]);
  });

  it('HOOK-API-5 HOOK-5 a 503 is retried and then delivered; each attempt is in the log', async () => {
    const w = await withHook(['session.locked']);
    receiver.answer({ status: 503 });
    const { lock } = await sizeAndLock(w);
    await lock;
    await idle();
    const [d] = await deliveries(w);
    expect(d).toMatchObject({
      status: 'delivered',
      attempts: [
        { status: 503, code: 'http' },
        { status: 200, code: null },
      ],
    });
    expect(receiver.received).toHaveLength(2);
  });

  it('HOOK-API-6 deleting the workshop deletes the webhook and its deliveries', async () => {
    const w = await withHook(['session.locked']);
    await (
      await sizeAndLock(w)
    ).lock;
    await idle();
    expect(await server.app.integrations.store.listDeliveries(w.workshopId, 10)).toHaveLength(1);
    expect((await api(w, 'DELETE', `/api/workshops/${w.workshopId}`)).status).toBe(200);
    expect(await server.app.integrations.store.getWebhook(w.workshopId)).toBeNull();
    expect(await server.app.integrations.store.listDeliveries(w.workshopId, 10)).toEqual([]);
  });
});
