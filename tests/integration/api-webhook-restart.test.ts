// A webhook delivery left pending by a stop is sent by the next start (HOOK-8): a lock's message
// reaches the chat even when the server was restarted while it was retrying.
import { afterEach, describe, expect, it } from 'vitest';
import type { WebhookDeliveryInfo, WebhookInfo } from '../../domain/integrations/wire';
import type { CreateWorkshopResult } from '../../domain/protocol';
import { call } from '../support/api';
import { startFakeReceiver } from '../support/fake-webhook';
import { startServer, type TestServer } from '../support/server';

const ENV = { SECRET_KEY: 'restart-test-key-of-32-characters-or-more', INTEGRATIONS_ALLOW_PRIVATE_NETWORKS: '1' };
const RETRY = { maxAttempts: 3, baseDelayMs: 2000, maxDelayMs: 60_000, maxRetryAfterMs: 300_000 };

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

const sameData = (s: TestServer) => ('url' in s.db ? { databaseUrl: s.db.url } : { dir: s.dir });
const api = <T>(s: TestServer, w: CreateWorkshopResult, method: string, path: string, body?: unknown) =>
  call<T>(s, method, path, { token: w.facilitatorSecret, ...(body !== undefined ? { body } : {}) });

describe('webhook deliveries across a restart', () => {
  it('HOOK-8 a delivery waiting to be retried when the server stops is sent by the next start, once', async () => {
    const receiver = await startFakeReceiver();
    cleanup.push(() => receiver.close());
    let retrying!: () => void;
    const waiting = new Promise<void>((r) => (retrying = r));
    // the first server's retry never comes: it is stopped while waiting
    const a = await startServer({
      integrationsEnv: ENV,
      integrationsTuning: { webhook: { retry: RETRY, sleep: () => (retrying(), new Promise<void>(() => {})) } },
    });
    const w = await a.createWorkshop(['Login']);
    const put = await api<WebhookInfo>(a, w, 'PUT', `/api/workshops/${w.workshopId}/integrations/webhook`, {
      url: `${receiver.url}/hooks/restart`,
      secret: 'whsec-restart-0123456789',
      format: 'json',
      language: 'en',
      events: ['session.locked'],
    });
    expect(put.status).toBe(200);
    receiver.answer({ status: 503 });
    await api(a, w, 'POST', `/api/sessions/${w.sessionId}/commands`, { type: 'phase.set', phase: 'locked' });
    await waiting;
    await a.stop({ keepDir: true });
    expect(receiver.received).toHaveLength(1);

    const b = await startServer({ integrationsEnv: ENV, integrationsTuning: { webhook: { retry: RETRY } }, ...sameData(a) });
    cleanup.push(() => b.stop());
    await b.app.integrations.idle();
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[1]!.body).toBe(receiver.received[0]!.body);
    expect(receiver.received[1]!.headers['x-magic-estimation-delivery']).toBe(receiver.received[0]!.headers['x-magic-estimation-delivery']);
    const list = (await api<WebhookDeliveryInfo[]>(b, w, 'GET', `/api/workshops/${w.workshopId}/integrations/webhook/deliveries`)).body;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ event: 'session.locked', status: 'delivered' });
    expect(list[0]!.attempts.map((x) => x.status)).toEqual([503, 200]);

    // the next start finds nothing left to send
    await b.stop({ keepDir: true });
    const c = await startServer({ integrationsEnv: ENV, ...sameData(a) });
    cleanup.push(() => c.stop());
    await c.app.integrations.idle();
    expect(receiver.received).toHaveLength(2);
  });
});
