// Outgoing webhooks against a local receiver: signing, formats, retries, the bounded queue, the log.
import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import en from '../../messages/integrations.en.json';
import de from '../../messages/integrations.de.json';
import { parseSignatureHeader, signatureBase, type WebhookMessage, type WebhookPayload } from '../../domain/integrations';
import { createSealer } from '../../server/integrations/crypto';
import { memoryIntegrationStore } from '../../server/integrations/store';
import { httpTransport, webhookConfig, webhookSender, type WebhookDeps } from '../../server/integrations/webhook';
import { startFakeReceiver, type FakeReceiver } from '../support/fake-webhook';

const SECRET = 'whsec-0123456789abcdef';
const sealer = createSealer('s'.repeat(40));
const msg: WebhookMessage = {
  event: 'session.locked',
  workshop: { id: 'w1', name: 'Shop relaunch', url: null },
  session: { id: 's1', name: 'Session 1', url: null },
  totals: { items: 12, sized: 10, ap: 47, sp: 376, factor: 8 },
};

let receiver: FakeReceiver | null = null;
afterEach(async () => {
  await receiver?.close();
  receiver = null;
});

async function setup(
  opts: Partial<WebhookDeps> & { format?: 'json' | 'slack' | 'teams' | 'mattermost'; path?: string; allowPrivate?: boolean } = {},
) {
  receiver = await startFakeReceiver();
  const store = memoryIntegrationStore();
  const waits: number[] = [];
  let clock = Date.UTC(2026, 10, 2, 9, 0, 0);
  const config = webhookConfig(store, sealer, () => clock);
  const info = await config.save('w1', {
    url: `${receiver.url}${opts.path ?? '/hooks/abcdef123456'}`,
    secret: SECRET,
    format: opts.format ?? 'json',
    language: 'en',
    events: ['session.locked'],
  });
  const failures: unknown[] = [];
  let n = 0;
  const sender = webhookSender({
    store,
    sealer,
    transport: httpTransport({ allowedHosts: [], allowPrivate: opts.allowPrivate ?? true }),
    texts: { en: en.integrations.hookText, de: de.integrations.hookText },
    retry: { maxAttempts: 3, baseDelayMs: 2000, maxDelayMs: 60_000, maxRetryAfterMs: 300_000 },
    timeoutMs: 2000,
    sleep: async (ms) => void waits.push(ms),
    now: () => (clock += 5),
    newId: () => `d-${++n}`,
    onFailure: (f) => failures.push(f),
    ...opts,
  });
  return { receiver, store, sender, config, info, waits, failures };
}

describe('webhook deliveries', () => {
  it('HOOK-4 INT-HOOK-1 the body is the payload, signed over "<t>.<body>" with the shared secret', async () => {
    const { receiver, sender, store } = await setup();
    expect(await sender.notify('w1', msg)).toBe('queued');
    await sender.idle();
    expect(receiver.received).toHaveLength(1);
    const r = receiver.received[0]!;
    expect(r.path).toBe('/hooks/abcdef123456');
    expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(r.headers['x-magic-estimation-event']).toBe('session.locked');
    expect(r.headers['x-magic-estimation-delivery']).toBe('d-1');
    const sig = parseSignatureHeader(String(r.headers['x-magic-estimation-signature']))!;
    expect(sig.v1[0]).toBe(createHmac('sha256', SECRET).update(signatureBase(sig.t, r.body)).digest('hex'));
    expect(Math.abs(sig.t - Date.UTC(2026, 10, 2, 9, 0, 0) / 1000)).toBeLessThan(5);
    const payload = JSON.parse(r.body) as WebhookPayload;
    expect(payload).toMatchObject({ version: 1, event: 'session.locked', deliveryId: 'd-1', totals: { ap: 47, sp: 376 } });
    expect(payload.text).toContain('10 of 12 items sized: 47 AP');
    expect((await store.listDeliveries('w1', 10))[0]).toMatchObject({
      status: 'delivered',
      attempts: [{ status: 200, code: null, error: null }],
    });
  });

  it('INT-HOOK-3 Slack format: only { text }', async () => {
    const { receiver, sender } = await setup({ format: 'slack' });
    await sender.notify('w1', msg);
    await sender.idle();
    expect(Object.keys(JSON.parse(receiver.received[0]!.body) as object)).toEqual(['text']);
  });

  it('HOOK-2 notify returns once queued, while the receiver has not answered yet', async () => {
    const { receiver, sender, store } = await setup({ timeoutMs: 150 });
    receiver.answer({ hang: true });
    expect(await sender.notify('w1', msg)).toBe('queued');
    expect(sender.pending()).toBe(1);
    expect((await store.listDeliveries('w1', 10))[0]?.status).toBe('pending');
    await sender.idle();
    const d = (await store.listDeliveries('w1', 10))[0]!;
    expect(d.status).toBe('delivered');
    expect(d.attempts.map((a) => [a.status, a.code, a.error])).toEqual([
      [null, 'timeout', 'the receiver did not answer in time (ETIMEDOUT)'],
      [200, null, null],
    ]);
  });

  it('HOOK-5 HOOK-6 5xx and 429 are retried with backoff and Retry-After; 404 fails at once; the log holds no secret', async () => {
    const { receiver, sender, store, waits, failures } = await setup();
    receiver.answer({ status: 503 }, { status: 429, headers: { 'retry-after': '7' } }, { status: 200 });
    await sender.notify('w1', msg);
    await sender.idle();
    expect(waits).toEqual([2000, 7000]);
    expect((await store.listDeliveries('w1', 10))[0]).toMatchObject({
      status: 'delivered',
      attempts: [{ status: 503 }, { status: 429 }, { status: 200 }],
    });
    expect(failures).toHaveLength(2);
    // the log and the failure reports name neither the address's secret path nor the shared secret
    const logged = JSON.stringify([failures, await store.listDeliveries('w1', 10)]);
    expect(logged).not.toContain('abcdef123456');
    expect(logged).not.toContain(SECRET);

    receiver.answer({ status: 404 });
    await sender.notify('w1', msg);
    await sender.idle();
    const latest = (await store.listDeliveries('w1', 10))[0]!;
    expect(latest).toMatchObject({ status: 'failed', attempts: [{ status: 404, code: 'http', error: 'the receiver answered 404' }] });
  });

  it('HOOK-5 a receiver that keeps failing is given up after the bounded attempts and shown as failed', async () => {
    const { receiver, sender, store } = await setup();
    receiver.answer({ status: 500 }, { status: 502 }, { status: 500 }, { status: 200 });
    await sender.notify('w1', msg);
    await sender.idle();
    expect(receiver.received).toHaveLength(3);
    expect((await store.listDeliveries('w1', 10))[0]).toMatchObject({ status: 'failed' });
  });

  it('HOOK-1 a redirect is not followed', async () => {
    const { receiver, sender, store } = await setup();
    receiver.answer({ status: 302, headers: { location: 'http://169.254.169.254/latest/meta-data' } });
    await sender.notify('w1', msg);
    await sender.idle();
    expect(receiver.received).toHaveLength(1);
    expect((await store.listDeliveries('w1', 10))[0]).toMatchObject({
      status: 'failed',
      attempts: [{ status: 302, error: 'the receiver answered with a redirect (302)' }],
    });
  });

  it('HOOK-1 a private address is refused without a request when private networks are not allowed', async () => {
    const { receiver, sender, store } = await setup({ allowPrivate: false });
    await sender.notify('w1', msg);
    await sender.idle();
    expect(receiver.received).toHaveLength(0);
    const d = (await store.listDeliveries('w1', 10))[0]!;
    expect(d.status).toBe('failed');
    expect(d.attempts).toHaveLength(1);
    expect(d.attempts[0]?.code).toBe('refused');
    expect(d.attempts[0]?.error).toMatch(/127\.0\.0\.1 is a private or local address/);
  });

  it('HOOK-3 a full queue drops the delivery and logs it', async () => {
    const { receiver, sender, store } = await setup({ maxQueue: 1, timeoutMs: 200 });
    receiver.answer({ hang: true });
    expect(await sender.notify('w1', msg)).toBe('queued');
    expect(await sender.notify('w1', msg)).toBe('dropped');
    await sender.idle();
    const all = await store.listDeliveries('w1', 10);
    expect(all.map((d) => d.status).sort()).toEqual(['delivered', 'dropped']);
    expect(all.find((d) => d.status === 'dropped')?.attempts[0]).toMatchObject({
      code: 'queue_full',
      error: 'the queue is full (1 deliveries waiting)',
    });
  });

  it('HOOK-2 nothing configured or not subscribed: nothing is sent', async () => {
    const { receiver, sender } = await setup();
    expect(await sender.notify('other', msg)).toBe('not_configured');
    const sprint: WebhookMessage = {
      event: 'sprint.recorded',
      workshop: msg.workshop,
      sprint: { index: 1, doneAp: 3, scopeAddedAp: 0, scopeRemovedAp: 0 },
      remaining: { ap: 44, sp: null },
      sprintsNeeded: null,
      budgetSprintsLeft: null,
    };
    expect(await sender.notify('w1', sprint)).toBe('not_subscribed');
    await sender.idle();
    expect(receiver.received).toHaveLength(0);
  });

  it('HOOK-7 the address and secret are stored sealed and never shown', async () => {
    const { store, info, config } = await setup();
    const rec = (await store.getWebhook('w1'))!;
    expect(rec.sealedUrl).toMatch(/^me1\./);
    expect(rec.sealedSecret).toMatch(/^me1\./);
    expect(JSON.stringify(rec)).not.toContain(SECRET);
    expect(JSON.stringify(rec)).not.toContain('abcdef123456');
    expect(info.urlHint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/…3456$/);
    expect(JSON.stringify(await config.get('w1'))).not.toContain(SECRET);
  });
});

describe('webhook deliveries left by a process that stopped', () => {
  it('HOOK-8 a delivery left pending mid-retry is taken over and sent once, with the attempts it has left', async () => {
    // process A: the first attempt gets a 503, then A stops while waiting to retry
    const { receiver, store } = await setup();
    receiver.answer({ status: 503 });
    /** another process's sender on the same database */
    const processOn = (over: Partial<WebhookDeps>) =>
      webhookSender({
        store,
        sealer,
        transport: httpTransport({ allowedHosts: [], allowPrivate: true }),
        texts: { en: en.integrations.hookText, de: de.integrations.hookText },
        retry: { maxAttempts: 3, baseDelayMs: 2000, maxDelayMs: 60_000, maxRetryAfterMs: 300_000 },
        ...over,
      });
    let clockA = Date.UTC(2026, 10, 2, 9, 0, 0);
    const a = processOn({ sleep: () => new Promise<void>(() => {}), now: () => (clockA += 5), newId: () => 'left-1' });
    expect(await a.notify('w1', msg)).toBe('queued');
    await expect.poll(async () => (await store.listDeliveries('w1', 1))[0]?.attempts.length).toBe(1);

    // process B, later: nothing is taken over while A could still be retrying
    let clockB = clockA + 60_000;
    const b = processOn({ sleep: async () => undefined, now: () => (clockB += 5) });
    expect(await b.resume(clockB - 10 * 60_000)).toBe(0);
    // ten minutes on, A has not been heard of: B sends it, as A would have
    clockB += 10 * 60_000;
    expect(await b.resume(clockB - 10 * 60_000)).toBe(1);
    await b.idle();
    expect(receiver.received).toHaveLength(2);
    const [first, second] = receiver.received;
    expect(second!.body).toBe(first!.body);
    expect(second!.headers['x-magic-estimation-delivery']).toBe('left-1');
    // signed afresh, at B's time
    const sig = parseSignatureHeader(String(second!.headers['x-magic-estimation-signature']))!;
    expect(sig.v1[0]).toBe(createHmac('sha256', SECRET).update(signatureBase(sig.t, second!.body)).digest('hex'));
    expect(sig.t).toBeGreaterThan(Math.floor(clockA / 1000) + 600);
    expect((await store.listDeliveries('w1', 10))[0]).toMatchObject({
      id: 'left-1',
      status: 'delivered',
      attempts: [{ status: 503 }, { status: 200 }],
    });
    // over: nobody sends it again
    expect(await b.resume(clockB + 60 * 60_000)).toBe(0);
    expect(receiver.received).toHaveLength(2);
  });

  it('HOOK-8 a left-over delivery that cannot be sent ends as failed, saying why', async () => {
    const { receiver, store, sender, config } = await setup();
    const at = Date.UTC(2026, 10, 2, 8, 0, 0);
    // stored before bodies were kept
    await store.addDelivery({ id: 'old', workshopId: 'w1', event: 'session.locked', createdAt: at, status: 'pending', attempts: [] }, null);
    expect(await sender.resume(at + 1)).toBe(1);
    expect((await store.listDeliveries('w1', 10))[0]).toMatchObject({
      id: 'old',
      status: 'failed',
      attempts: [{ code: 'internal', error: 'the server stopped before this was sent, and it was stored without its message' }],
    });
    // the webhook was removed while nobody was sending it
    await store.addDelivery(
      { id: 'orphan', workshopId: 'w1', event: 'session.locked', createdAt: at + 1, status: 'pending', attempts: [] },
      '{}',
    );
    await config.remove('w1');
    expect(await sender.resume(at + 2)).toBe(1);
    expect((await store.listDeliveries('w1', 10)).find((d) => d.id === 'orphan')).toMatchObject({
      status: 'failed',
      attempts: [{ code: 'internal', error: 'the server stopped before this was sent, and the webhook has been removed since' }],
    });
    expect(receiver.received).toHaveLength(0);
  });
});
