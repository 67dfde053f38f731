import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseLimit, readEdgeConfig } from '../../server/config';
import { addressKey, parseTrustProxy } from '../../server/limits/address';
import { createGuard, RateLimited } from '../../server/limits/guard';
import { DEFAULT_LIMITS, LIMIT_NAMES } from '../../server/limits/rules';
import { memoryStore, type BudgetStore, type Decision } from '../../server/limits/store';

afterEach(() => {
  vi.useRealTimers();
});

describe('the counter store behind the limits (docs/hardening.md RATE-STORE-*)', () => {
  it('RATE-STORE-1 a budget refuses once spent, says how long to wait, and is whole again after its window', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const budget = memoryStore().budget('t', { points: 2, seconds: 60 });
    expect(await budget.consume('a')).toEqual({ ok: true, remaining: 1 });
    expect(await budget.consume('a')).toEqual({ ok: true, remaining: 0 });
    const refused = (await budget.consume('a')) as Extract<Decision, { ok: false }>;
    expect(refused.ok).toBe(false);
    expect(refused.retryAfterMs).toBe(60_000);
    // other keys are separate
    expect((await budget.consume('b')).ok).toBe(true);
    vi.advanceTimersByTime(30_000);
    expect(await budget.consume('a')).toEqual({ ok: false, retryAfterMs: 30_000 });
    vi.advanceTimersByTime(30_000);
    expect(await budget.consume('a')).toEqual({ ok: true, remaining: 1 });
  });

  it('RATE-STORE-1 a refund gives a point back; budgets of different names never share a key', async () => {
    const store = memoryStore();
    const a = store.budget('x', { points: 1, seconds: 60 });
    const b = store.budget('y', { points: 1, seconds: 60 });
    expect((await a.consume('k')).ok).toBe(true);
    expect((await b.consume('k')).ok).toBe(true);
    await a.refund('k');
    expect((await a.consume('k')).ok).toBe(true);
    expect((await b.consume('k')).ok).toBe(false);
  });

  it('RATE-STORE-2 the guard only talks to the BudgetStore interface (a shared store can replace memory)', async () => {
    const calls: string[] = [];
    const counts = new Map<string, number>();
    const shared: BudgetStore = {
      budget: (name, rule) => ({
        async consume(key) {
          calls.push(`${name}:${key}`);
          const n = (counts.get(`${name}:${key}`) ?? 0) + 1;
          counts.set(`${name}:${key}`, n);
          return n <= rule.points ? { ok: true, remaining: rule.points - n } : { ok: false, retryAfterMs: 1500 };
        },
        async refund() {},
      }),
    };
    const rules = { ...DEFAULT_LIMITS, plan: { points: 1, seconds: 60 } };
    const guard = createGuard({ rules, trustProxy: { kind: 'none' }, store: shared });
    // a request whose socket has no peer address (already closed) counts as "unknown"
    const req = new IncomingMessage(new Socket());
    await guard.limit(req, 'plan');
    const err = await guard.limit(req, 'plan').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimited);
    expect((err as RateLimited).retryAfterMs).toBe(1500);
    expect((err as RateLimited).message).toBe('Too many requests from your address to compute a plan. Try again in 2 seconds.');
    expect(calls).toEqual(['plan:unknown', 'plan:unknown']);
  });

  it('RATE-STORE-3 memory stays bounded: a key is dropped when its window ends', async () => {
    vi.useFakeTimers({ now: 0 });
    const budget = memoryStore().budget('m', { points: 1, seconds: 10 });
    for (let i = 0; i < 1000; i++) await budget.consume(`k${i}`);
    // every key had its own timer; after the window none is left
    expect(vi.getTimerCount()).toBe(1000);
    vi.advanceTimersByTime(10_000);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('configuration (README, docs/hardening.md RATE-CONF-*)', () => {
  it('RATE-CONF-1 LIMIT_* are "requests/seconds"; anything else is refused with the variable named', () => {
    expect(parseLimit('LIMIT_PLAN', ' 30 / 60 ', DEFAULT_LIMITS.plan)).toEqual({ points: 30, seconds: 60 });
    expect(parseLimit('LIMIT_PLAN', undefined, DEFAULT_LIMITS.plan)).toBe(DEFAULT_LIMITS.plan);
    for (const bad of ['30', '0/60', '30/0', '-1/60', '1.5/60', 'many']) {
      expect(() => parseLimit('LIMIT_PLAN', bad, DEFAULT_LIMITS.plan), bad).toThrow(/^LIMIT_PLAN must be "requests\/seconds"/);
    }
    const cfg = readEdgeConfig({ NODE_ENV: 'test', LIMIT_CREATE_WORKSHOP: '5/60', ALLOWED_ORIGINS: 'https://a.example' });
    expect(cfg.limits.createWorkshop).toEqual({ points: 5, seconds: 60 });
    expect(cfg.limits.api).toEqual(DEFAULT_LIMITS.api);
    expect(Object.keys(cfg.limits).sort()).toEqual([...LIMIT_NAMES].sort());
    expect(cfg.allowedOrigins).toEqual(['https://a.example']);
    expect(cfg.trustProxy).toEqual({ kind: 'none' });
  });

  it('RATE-CONF-2 TRUST_PROXY: off, a number of hops, or proxy addresses; "true" and garbage are refused', () => {
    expect(parseTrustProxy(undefined)).toEqual({ kind: 'none' });
    expect(parseTrustProxy('false')).toEqual({ kind: 'none' });
    expect(parseTrustProxy('0')).toEqual({ kind: 'none' });
    expect(parseTrustProxy('2')).toEqual({ kind: 'hops', hops: 2 });
    expect(parseTrustProxy('loopback, 10.0.0.0/8 fd00::/8')).toEqual({ kind: 'list', addresses: ['loopback', '10.0.0.0/8', 'fd00::/8'] });
    expect(() => parseTrustProxy('true')).toThrow(/any client choose its address/);
    expect(() => parseTrustProxy('proxy.example')).toThrow(/^TRUST_PROXY: invalid IP address/);
  });

  it('RATE-ADDR-3 budget keys: IPv4 as is, mapped IPv4 unwrapped, IPv6 by /64', () => {
    expect(addressKey('203.0.113.9')).toBe('203.0.113.9');
    expect(addressKey('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(addressKey('2001:db8:a:b:1:2:3:4')).toBe('2001:db8:a:b::/64');
    expect(addressKey('2001:DB8:A:B::9')).toBe('2001:db8:a:b::/64');
    expect(addressKey('::1')).toBe('::/64');
  });
});
