/**
 * Per-client-address budgets of the HTTP edge (docs/hardening.md RATE-*). Each is a fixed window:
 * `points` requests per `seconds`, counted per address (an IPv6 /64 counts as one address).
 * Defaults leave room for 40 people of one company behind one NAT address.
 */
export const LIMIT_NAMES = [
  'api',
  'createWorkshop',
  'createSession',
  'joinCode',
  'plan',
  'importPreview',
  'sharedView',
  'newPerson',
] as const;
export type LimitName = (typeof LIMIT_NAMES)[number];

export interface LimitRule {
  points: number;
  seconds: number;
}

export type LimitRules = Record<LimitName, LimitRule>;

export const DEFAULT_LIMITS: LimitRules = {
  /** every /api/* request */
  api: { points: 600, seconds: 60 },
  createWorkshop: { points: 20, seconds: 3600 },
  createSession: { points: 30, seconds: 3600 },
  /** unknown join codes only (a hit is refunded): see the brute-force numbers in docs/hardening.md */
  joinCode: { points: 20, seconds: 900 },
  /** POST /api/plan: Monte Carlo over up to 10,000 items */
  plan: { points: 30, seconds: 60 },
  /** import previews and imports: parsing a file of up to 2 MB */
  importPreview: { points: 30, seconds: 60 },
  /** share-link views: the /s/<token> page and GET /api/shared/<token> */
  sharedView: { points: 120, seconds: 60 },
  /** new people joining rooms (socket `room:join` that creates a person): a company NAT of 40, with re-joins */
  newPerson: { points: 120, seconds: 3600 },
};

/** The environment variable of each budget: `LIMIT_CREATE_WORKSHOP=20/3600` (requests / seconds). */
export const LIMIT_ENV: Record<LimitName, string> = {
  api: 'LIMIT_API',
  createWorkshop: 'LIMIT_CREATE_WORKSHOP',
  createSession: 'LIMIT_CREATE_SESSION',
  joinCode: 'LIMIT_JOIN_CODE',
  plan: 'LIMIT_PLAN',
  importPreview: 'LIMIT_IMPORT',
  sharedView: 'LIMIT_SHARED_VIEW',
  newPerson: 'LIMIT_NEW_PERSON',
};

/** What the refusal names ("Too many requests to create a workshop"). */
export const LIMIT_LABEL: Record<LimitName, string> = {
  api: 'use the API',
  createWorkshop: 'create a workshop',
  createSession: 'create a session',
  joinCode: 'try join codes',
  plan: 'compute a plan',
  importPreview: 'import a file',
  sharedView: 'open shared links',
  newPerson: 'join as a new person',
};

/**
 * Creating a workshop or a session writes every item it holds (one event each): past the first,
 * every ITEMS_PER_POINT items cost one more point of the budget (RATE-CREATE-3), so the budget
 * bounds the rows written, not only the requests. 500 items: 6 points.
 */
export const ITEMS_PER_POINT = 100;
export const sizeCost = (items: number) => Math.floor(Math.max(0, items) / ITEMS_PER_POINT);
