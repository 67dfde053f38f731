// Outgoing webhooks: configuration, a bounded queue, signed deliveries with retries (rules HOOK-1..7).
import { createHmac, randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import {
  DELIVERY_HEADER,
  EVENT_HEADER,
  SIGNATURE_HEADER,
  signatureBase,
  webhookRequestBody,
  type HookLanguage,
  type HookTexts,
  type WebhookMessage,
} from '../../domain/integrations/webhook';
import type { WebhookConfigBody, WebhookDeliveryInfo, WebhookInfo } from '../../domain/integrations/wire';
import type { Sealer } from './crypto';
import { checkTarget, guardedLookup, RefusedTarget, type NetPolicy } from './net';
import { backoffDelay, parseRetryAfter, realSleep, type RetryPolicy, type Sleep } from './retry';
import type { DeliveryErrorCode, DeliveryRecord, IntegrationStore, WebhookRecord } from './store';

export interface PostResult {
  status: number;
  retryAfter: string | null;
}

/** Sends one POST; rejects on a refused address, a timeout or a network error. */
export type WebhookTransport = (url: string, body: string, headers: Record<string, string>, timeoutMs: number) => Promise<PostResult>;

/**
 * HOOK-1: the default transport: node:http(s), no redirects followed, a timeout for the whole
 * exchange, host names resolved through the address guard, at most 16 KB of the answer read.
 */
export function httpTransport(policy: NetPolicy): WebhookTransport {
  const lookup = guardedLookup(policy);
  return (url, body, headers, timeoutMs) =>
    new Promise<PostResult>((resolve, reject) => {
      const target = checkTarget(url, 'webhook', policy);
      if (!target.ok) return reject(target.error);
      const u = new URL(target.url);
      const send = u.protocol === 'https:' ? httpsRequest : httpRequest;
      const req = send(u, { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, lookup });
      const timer = setTimeout(
        () => req.destroy(Object.assign(new Error('the receiver did not answer in time'), { code: 'ETIMEDOUT' })),
        timeoutMs,
      );
      req.on('response', (res) => {
        let read = 0;
        const done = () => {
          clearTimeout(timer);
          const ra = res.headers['retry-after'];
          resolve({ status: res.statusCode ?? 0, retryAfter: typeof ra === 'string' ? ra : null });
        };
        res.on('data', (c: Buffer) => {
          read += c.length;
          if (read > 16 * 1024) {
            res.destroy();
            done();
          }
        });
        res.on('end', done);
        res.on('error', done);
      });
      req.on('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
      req.end(body);
    });
}

export interface WebhookDeps {
  store: IntegrationStore;
  sealer: Sealer;
  transport: WebhookTransport;
  /** the chat text's words per language (messages/integrations.*.json, integrations.hookText) */
  texts: Record<HookLanguage, HookTexts>;
  retry?: RetryPolicy;
  timeoutMs?: number;
  /** deliveries queued or waiting to be retried, all workshops together */
  maxQueue?: number;
  /** requests in flight at once */
  concurrency?: number;
  sleep?: Sleep;
  now?: () => number;
  newId?: () => string;
  /** told about each failed attempt (for the server log: never the address or the secret) */
  onFailure?: (info: { workshopId: string; deliveryId: string; status: number | null; error: string | null }) => void;
}

export const HOOK_RETRY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 2_000, maxDelayMs: 60_000, maxRetryAfterMs: 300_000 };

/**
 * HOOK-8: a pending delivery nobody has attempted for this long was left by a process that
 * stopped. A live sender is never silent that long: it waits at most 5 minutes between attempts
 * (a Retry-After beyond that ends the delivery), each attempt takes at most its timeout, and a
 * full queue waits at most 100 deliveries x 5 s / 2 in flight for its turn.
 */
export const HOOK_STALE_MS = 10 * 60_000;

const urlContext = (workshopId: string) => `webhook-url:${workshopId}`;
const secretContext = (workshopId: string) => `webhook:${workshopId}`;

/** "https://hooks.slack.com/…x9Qz": enough to recognise, not enough to post to. */
export function urlHint(url: string): string {
  const u = new URL(url);
  const rest = `${u.pathname}${u.search}`;
  return `${u.protocol}//${u.host}/…${rest.length > 8 ? rest.slice(-4) : ''}`;
}

export type NotifyOutcome = 'queued' | 'not_configured' | 'not_subscribed' | 'dropped' | 'error';

/**
 * HOOK-2: notify() returns once the delivery is queued (or refused); it never waits for the
 * receiver and never throws, so locking a session or recording a sprint is never held up.
 * HOOK-3: the queue is bounded (maxQueue, including deliveries waiting for a retry); when it is
 * full the delivery is logged as `dropped` and not sent.
 * HOOK-4: each attempt is signed afresh (t = now): header `t=<unix s>,v1=<HMAC-SHA256 hex of
 * "<t>.<body>">`, plus the event and the delivery id; the body is the chosen format's.
 * HOOK-5: 2xx is delivered; 408, 425, 429, 5xx, timeouts and network errors are retried with
 * exponential backoff (Retry-After honoured up to the bound) up to maxAttempts, then `failed`;
 * other answers (400, 401, 403, 404, a redirect) and refused addresses fail at once.
 * HOOK-6: every attempt is logged (time, status or error, duration) with its delivery, so the
 * facilitator sees failures.
 */
export function webhookSender(deps: WebhookDeps) {
  const retry = deps.retry ?? HOOK_RETRY;
  const sleep = deps.sleep ?? realSleep;
  const now = deps.now ?? Date.now;
  const newId = deps.newId ?? (() => randomBytes(12).toString('base64url'));
  const maxQueue = deps.maxQueue ?? 100;
  const timeoutMs = deps.timeoutMs ?? 5_000;
  let inQueue = 0;
  let inFlight = 0;
  const waiting: (() => void)[] = [];
  const idleWaiters: (() => void)[] = [];
  const concurrency = deps.concurrency ?? 2;

  const acquire = () =>
    inFlight < concurrency ? (inFlight++, Promise.resolve()) : new Promise<void>((r) => waiting.push(() => (inFlight++, r())));
  const release = () => {
    inFlight--;
    waiting.shift()?.();
  };
  const settle = () => {
    inQueue--;
    if (inQueue === 0) for (const w of idleWaiters.splice(0)) w();
  };

  async function deliver(rec: WebhookRecord, id: string, event: WebhookMessage['event'], body: string, firstAttempt = 1): Promise<void> {
    const url = deps.sealer.open(rec.sealedUrl, urlContext(rec.workshopId));
    const secret = deps.sealer.open(rec.sealedSecret, secretContext(rec.workshopId));
    for (let attempt = firstAttempt; attempt <= retry.maxAttempts; attempt++) {
      const t = Math.floor(now() / 1000);
      const headers = {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': 'magic-estimation-webhook',
        [EVENT_HEADER]: event,
        [DELIVERY_HEADER]: id,
        [SIGNATURE_HEADER]: `t=${t},v1=${createHmac('sha256', secret).update(signatureBase(t, body)).digest('hex')}`,
      };
      const started = now();
      let status: number | null = null;
      let error: string | null = null;
      let code: DeliveryErrorCode | null = null;
      let wait: number | null = null;
      let again = false;
      await acquire();
      try {
        const res = await deps.transport(url, body, headers, timeoutMs);
        status = res.status;
        if (status >= 200 && status < 300) {
          await deps.store.addDeliveryAttempt(id, { at: started, status, code: null, error: null, ms: now() - started }, 'delivered');
          return;
        }
        again = status === 408 || status === 425 || status === 429 || status >= 500;
        code = status >= 300 && status < 400 ? 'redirect' : 'http';
        error = code === 'redirect' ? `the receiver answered with a redirect (${status})` : `the receiver answered ${status}`;
        wait = parseRetryAfter(res.retryAfter, now());
      } catch (e) {
        again = !(e instanceof RefusedTarget);
        const sys = typeof (e as { code?: unknown }).code === 'string' ? (e as { code: string }).code : null;
        code = e instanceof RefusedTarget ? 'refused' : sys === 'ETIMEDOUT' ? 'timeout' : 'network';
        error =
          e instanceof RefusedTarget ? e.message : `${e instanceof Error ? e.message : 'the request failed'}${sys ? ` (${sys})` : ''}`;
      } finally {
        release();
      }
      if (wait !== null && wait > retry.maxRetryAfterMs) again = false;
      const last = !again || attempt >= retry.maxAttempts;
      await deps.store.addDeliveryAttempt(id, { at: started, status, code, error, ms: now() - started }, last ? 'failed' : 'pending');
      deps.onFailure?.({ workshopId: rec.workshopId, deliveryId: id, status, error });
      if (last) return;
      await sleep(wait ?? backoffDelay(attempt, retry));
    }
  }

  /** ends a delivery that cannot be sent, saying why */
  const giveUp = (id: string, error: string) =>
    deps.store.addDeliveryAttempt(id, { at: now(), status: null, code: 'internal', error, ms: 0 }, 'failed');

  /** queued: sent in the background from `firstAttempt` on; a failure of its own ends it as failed */
  function send(rec: WebhookRecord, id: string, event: WebhookMessage['event'], body: string, firstAttempt: number) {
    inQueue++;
    void deliver(rec, id, event, body, firstAttempt)
      .catch((e: unknown) => giveUp(id, e instanceof Error ? e.message : 'the delivery failed').catch(() => {}))
      .finally(settle);
  }

  return {
    /**
     * HOOK-8: deliveries left pending by a process that stopped (no sign of its sender since
     * `staleBefore`) are taken over and sent with the attempts they have left, each by one
     * process; as many as the queue has room for. Returns how many were taken over.
     */
    async resume(staleBefore: number): Promise<number> {
      const room = maxQueue - inQueue;
      if (room <= 0) return 0;
      const claimed = await deps.store.claimStaleDeliveries(staleBefore, now(), room);
      for (const d of claimed) {
        if (d.body === null) {
          await giveUp(d.id, 'the server stopped before this was sent, and it was stored without its message');
          continue;
        }
        const rec = await deps.store.getWebhook(d.workshopId);
        if (!rec) await giveUp(d.id, 'the server stopped before this was sent, and the webhook has been removed since');
        else send(rec, d.id, d.event, d.body, Math.min(d.attempts.length + 1, retry.maxAttempts));
      }
      return claimed.length;
    },
    async notify(workshopId: string, msg: WebhookMessage): Promise<NotifyOutcome> {
      try {
        const rec = await deps.store.getWebhook(workshopId);
        if (!rec) return 'not_configured';
        if (!rec.events.includes(msg.event)) return 'not_subscribed';
        const id = newId();
        const at = now();
        const delivery: DeliveryRecord = { id, workshopId, event: msg.event, createdAt: at, status: 'pending', attempts: [] };
        if (inQueue >= maxQueue) {
          const error = `the queue is full (${maxQueue} deliveries waiting)`;
          await deps.store.addDelivery(
            { ...delivery, status: 'dropped', attempts: [{ at, status: null, code: 'queue_full', error, ms: 0 }] },
            null,
          );
          return 'dropped';
        }
        const body = JSON.stringify(
          webhookRequestBody(msg, rec.format, { deliveryId: id, occurredAt: at }, deps.texts[rec.language], rec.language),
        );
        await deps.store.addDelivery(delivery, body);
        send(rec, id, msg.event, body, 1);
        return 'queued';
      } catch {
        return 'error';
      }
    },
    /** deliveries queued or waiting for a retry */
    pending: () => inQueue,
    /** resolves when nothing is queued (tests wait on this, not on time) */
    idle: () => (inQueue === 0 ? Promise.resolve() : new Promise<void>((r) => idleWaiters.push(r))),
  };
}

export type WebhookSender = ReturnType<typeof webhookSender>;

/** HOOK-7: the configuration: URL and secret stored sealed; the answers show neither. */
export function webhookConfig(store: IntegrationStore, sealer: Sealer, now: () => number = Date.now) {
  const info = (r: WebhookRecord): WebhookInfo => ({
    urlHint: r.urlHint,
    format: r.format,
    language: r.language,
    events: r.events,
    hasSecret: true,
    updatedAt: r.updatedAt,
  });
  return {
    async save(workshopId: string, body: WebhookConfigBody): Promise<WebhookInfo> {
      const rec: WebhookRecord = {
        workshopId,
        sealedUrl: sealer.seal(body.url, urlContext(workshopId)),
        urlHint: urlHint(body.url),
        sealedSecret: sealer.seal(body.secret, secretContext(workshopId)),
        format: body.format,
        language: body.language,
        events: body.events,
        updatedAt: now(),
      };
      await store.saveWebhook(rec);
      return info(rec);
    },
    async get(workshopId: string): Promise<WebhookInfo | null> {
      const r = await store.getWebhook(workshopId);
      return r ? info(r) : null;
    },
    async remove(workshopId: string): Promise<void> {
      await store.deleteWebhook(workshopId);
    },
    async deliveries(workshopId: string, limit = 50): Promise<WebhookDeliveryInfo[]> {
      return (await store.listDeliveries(workshopId, limit)).map(({ id, event, createdAt, status, attempts }) => ({
        id,
        event,
        createdAt,
        status,
        attempts,
      }));
    },
  };
}
