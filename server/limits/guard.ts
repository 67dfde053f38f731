import type { IncomingMessage } from 'node:http';
import { addressKey, addressResolver, type TrustProxy } from './address';
import { LIMIT_LABEL, LIMIT_NAMES, type LimitName, type LimitRules } from './rules';
import { memoryStore, type Budget, type BudgetStore } from './store';

/** A request over its address's budget; the API answers 429 with Retry-After (docs/hardening.md RATE-1). */
export class RateLimited extends Error {
  constructor(
    readonly limit: LimitName,
    readonly retryAfterMs: number,
  ) {
    const seconds = retryAfterSeconds(retryAfterMs);
    super(`Too many requests from your address to ${LIMIT_LABEL[limit]}. Try again in ${seconds} second${seconds === 1 ? '' : 's'}.`);
  }
}

/** Retry-After is whole seconds, at least 1. */
export const retryAfterSeconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

export interface Guard {
  /** counts the request against the named budget of its address; throws RateLimited when spent */
  limit(req: IncomingMessage, name: LimitName, cost?: number): Promise<void>;
  /** gives points back to the request's address (a join code that was found) */
  refund(req: IncomingMessage, name: LimitName, cost?: number): Promise<void>;
  /** the budget key of the request's client (its address, an IPv6 /64) */
  clientKey(req: IncomingMessage): string;
}

export interface GuardOptions {
  rules: LimitRules;
  trustProxy: TrustProxy;
  /** default: in-process memory; pass a shared store when several processes serve the same rooms */
  store?: BudgetStore;
}

/** The HTTP edge's rate limiter: `await guard.limit(req, 'createWorkshop')` before the work. */
export function createGuard(opts: GuardOptions): Guard {
  const store = opts.store ?? memoryStore();
  const budgets = Object.fromEntries(LIMIT_NAMES.map((name) => [name, store.budget(name, opts.rules[name])])) as Record<LimitName, Budget>;
  const addressOf = addressResolver(opts.trustProxy);
  const clientKey = (req: IncomingMessage) => addressKey(addressOf(req));
  return {
    clientKey,
    async limit(req, name, cost = 1) {
      const decision = await budgets[name].consume(clientKey(req), cost);
      if (!decision.ok) throw new RateLimited(name, decision.retryAfterMs);
    },
    async refund(req, name, cost = 1) {
      await budgets[name].refund(clientKey(req), cost);
    },
  };
}
