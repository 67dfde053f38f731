import { MAX_ERRORS } from '../../../domain/planning';
import { readJson, sendError, sendJson } from '../respond';
import type { Route } from '../router';

/** A plan input can list up to 10,000 backlog items. */
const PLAN_BODY_BYTES = 1024 * 1024;

/** POST /api/plan: the planning engine as a pure function, in the offload thread (RATE-PLAN-2); no token, nothing stored. */
export const planRoutes: Route[] = [
  {
    method: 'POST',
    path: /^\/api\/plan$/,
    handle: async ({ req, res, deps }) => {
      // off the event loop; beyond the offload queue: 503 (server/http/api.ts)
      const result = await deps.offload.plan(await readJson(req, PLAN_BODY_BYTES, deps.offload));
      if (result.ok) return sendJson(res, 200, result);
      // at most MAX_ERRORS (20), one per field: a short answer whatever the body (PLAN-IO-5)
      const fields = result.errors.slice(0, MAX_ERRORS).map((e) => ({ path: e.path || '(root)', message: e.message, code: e.code }));
      const first = fields[0];
      sendError(res, 400, {
        code: 'bad_request',
        message: `Invalid plan input: ${first ? `${first.path}: ${first.message}` : 'malformed'}`,
        fields,
      });
    },
  },
];
