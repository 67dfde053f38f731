import type { EdgeConfig } from '../config';
import { createGuard, type Guard } from './guard';
import type { BudgetStore } from './store';

/** What the HTTP API needs from the edge: the per-address guard and the origins allowed to write. */
export interface Edge {
  guard: Guard;
  allowedOrigins: string[];
}

/** `store`: the in-process memory store by default; a shared one (Redis) for several processes. */
export function createEdge(config: EdgeConfig, store?: BudgetStore): Edge {
  return {
    guard: createGuard({ rules: config.limits, trustProxy: config.trustProxy, ...(store ? { store } : {}) }),
    allowedOrigins: config.allowedOrigins,
  };
}
