import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { LimitRule } from './rules';

/**
 * The one interface the edge counts through (docs/hardening.md RATE-STORE-1). Budgets are keyed
 * per client; the memory store serves one process, a shared store (rate-limiter-flexible's
 * RateLimiterRedis behind `fromFlexible`) serves several processes with the same counts.
 */
export type Decision = { ok: true; remaining: number } | { ok: false; retryAfterMs: number };

export interface Budget {
  /** take `cost` points from the key's budget; refused while the window's budget is spent */
  consume(key: string, cost?: number): Promise<Decision>;
  /** give points back (a join-code hit costs nothing) */
  refund(key: string, cost?: number): Promise<void>;
}

export interface BudgetStore {
  /** one budget per name; keys of different budgets never collide */
  budget(name: string, rule: LimitRule): Budget;
}

/** Adapts any rate-limiter-flexible limiter (memory, Redis, Postgres, ...) to Budget. */
export function fromFlexible(limiter: RateLimiterAbstract): Budget {
  return {
    async consume(key, cost = 1) {
      try {
        const res = await limiter.consume(key, cost);
        return { ok: true, remaining: res.remainingPoints };
      } catch (err) {
        // the library rejects with a RateLimiterRes when the budget is spent, with an Error when the store fails
        if (err instanceof RateLimiterRes) return { ok: false, retryAfterMs: Math.max(1, err.msBeforeNext) };
        throw err;
      }
    },
    async refund(key, cost = 1) {
      await limiter.reward(key, cost);
    },
  };
}

/**
 * In-process counters. Memory stays bounded: a key lives for its window (then a timer deletes
 * it), so the store holds at most the keys seen in the longest window.
 */
export function memoryStore(): BudgetStore {
  return {
    budget: (name, rule) => fromFlexible(new RateLimiterMemory({ keyPrefix: name, points: rule.points, duration: rule.seconds })),
  };
}

/**
 * Counters in Redis (REDIS_URL): every process counts against the same budgets. While Redis is
 * away, the in-memory counters of this process stand in (insurance), so limits never fail open.
 */
export function redisStore(client: unknown): BudgetStore {
  return {
    budget: (name, rule) =>
      fromFlexible(
        new RateLimiterRedis({
          storeClient: client,
          useRedisPackage: true,
          keyPrefix: `me-limit:${name}`,
          points: rule.points,
          duration: rule.seconds,
          rejectIfRedisNotReady: true,
          insuranceLimiter: new RateLimiterMemory({ keyPrefix: `${name}-insurance`, points: rule.points, duration: rule.seconds }),
        }),
      ),
  };
}
