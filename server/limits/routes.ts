import type { LimitName } from './rules';

const ID = '[A-Za-z0-9_-]{1,64}';

/** The API requests that have a budget of their own besides the general one (docs/hardening.md RATE-*). */
const ROUTE_LIMITS: { method: string; path: RegExp; limit: LimitName }[] = [
  { method: 'POST', path: /^\/api\/workshops$/, limit: 'createWorkshop' },
  { method: 'POST', path: new RegExp(`^/api/workshops/${ID}/sessions$`), limit: 'createSession' },
  { method: 'POST', path: /^\/api\/plan$/, limit: 'plan' },
  { method: 'POST', path: new RegExp(`^/api/sessions/${ID}/(?:jira/)?import(?:/preview)?$`), limit: 'importPreview' },
  { method: 'GET', path: new RegExp(`^/api/shared/${ID}$`), limit: 'sharedView' },
];

export function routeLimit(method: string | undefined, pathname: string): LimitName | null {
  return ROUTE_LIMITS.find((r) => r.method === method && r.path.test(pathname))?.limit ?? null;
}

/** Pages with a budget: the share link's page (the API budget does not see it). */
export const SHARED_PAGE = new RegExp(`^/s/${ID}/?$`);
