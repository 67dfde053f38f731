import type { IncomingMessage, ServerResponse } from 'node:http';
import { participantPath, type WireErrorCode } from '../../domain/protocol';
import { ServiceError } from '../services/errors';
import { sendLimited } from '../limits/answer';
import type { Edge } from '../limits/edge';
import { RateLimited } from '../limits/guard';
import { routeLimit, SHARED_PAGE } from '../limits/routes';
import type { LimitName } from '../limits/rules';
import { OffloadBusy } from '../offload/pool';
import { BodyError, checkSameSite, discardBody } from './body';
import { sendError, sendJson } from './respond';
import type { ApiDeps, Route } from './router';
import { integrationRoutes } from './routes/integrations';
import { planRoutes } from './routes/plan';
import { planningRoutes } from './routes/planning';
import { sessionRoutes } from './routes/sessions';
import { workshopRoutes } from './routes/workshops';

export type { ApiDeps };

const STATUS: Partial<Record<WireErrorCode, number>> = {
  bad_request: 400,
  invalid: 400,
  unauthorized: 401,
  not_joined: 401,
  forbidden: 403,
  not_allowed: 403,
  unknown_session: 404,
  unknown_card: 404,
  unknown_person: 404,
  not_found: 404,
  session_locked: 409,
  wrong_phase: 409,
  no_change: 409,
  rate_limited: 429,
  quota_exceeded: 409,
};

const routes: Route[] = [...workshopRoutes, ...sessionRoutes, ...planRoutes, ...planningRoutes, ...integrationRoutes];

const JOIN_LINK = /^\/j\/([A-Za-z0-9]{4,12})$/;
const JOIN_LOOKUP = /^\/api\/join-codes\/([A-Za-z0-9]{4,12})$/;

/**
 * Handles /j/<code> and /api/*; returns false for anything else (Next serves it).
 * `edge`: per-address budgets and allowed origins (docs/hardening.md RATE-*, BODY-*); read from
 * the environment when the caller passes none.
 */
export function createApi(deps: ApiDeps, edge: Edge) {
  const { guard } = edge;

  /** RATE-JOIN-1: every look-up takes a point, a code that exists gives it back: only misses count. */
  async function lookUpJoinCode(req: IncomingMessage, code: string) {
    await guard.limit(req, 'joinCode');
    const session = await deps.store.read.sessionByJoinCode(code);
    if (!session) return undefined;
    await guard.refund(req, 'joinCode');
    // SEC-CODE-2: the code of a session locked long ago admits nobody new
    const lockedAt = await deps.store.read.lockedAt(session.id);
    return lockedAt !== undefined && deps.now() - lockedAt > deps.quotas.joinAfterLockMs ? undefined : session;
  }

  return async function handleApi(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    try {
      const code = JOIN_LINK.exec(url.pathname)?.[1];
      if (code) {
        // short join links from the projector's QR code
        const session = await lookUpJoinCode(req, code);
        res.writeHead(302, { location: session ? participantPath(session.id) : '/?unknownCode=1' }).end();
        return true;
      }
      if (SHARED_PAGE.test(url.pathname)) {
        await guard.limit(req, 'sharedView');
        return false;
      }
      if (!url.pathname.startsWith('/api/')) return false;
      await guard.limit(req, 'api');
      checkSameSite(req, edge.allowedOrigins);
      const own = routeLimit(req.method, url.pathname);
      if (own) await guard.limit(req, own);
      const lookup = JOIN_LOOKUP.exec(url.pathname)?.[1];
      if (lookup && req.method === 'GET') {
        // the start page's "join with a code" form: the same look-up as /j/<code>, as JSON
        const session = await lookUpJoinCode(req, lookup);
        if (session) sendJson(res, 200, { sessionId: session.id, path: participantPath(session.id) });
        else sendError(res, 404, { code: 'not_found', message: 'No session has this code.' });
        return true;
      }
      const matches = routes.map((r) => ({ r, m: r.path.exec(url.pathname) })).filter((x) => x.m);
      const hit = matches.find((x) => x.r.method === req.method);
      if (!hit) {
        if (matches.length > 0) sendError(res, 405, { code: 'bad_request', message: `${req.method} is not allowed on ${url.pathname}.` });
        else sendError(res, 404, { code: 'not_found', message: `No endpoint ${req.method} ${url.pathname}.` });
        return true;
      }
      const charge = async (name: LimitName, cost: number) => {
        if (cost > 0) await guard.limit(req, name, cost);
      };
      await hit.r.handle({ req, res, url, params: { ...(hit.m?.groups ?? {}) }, deps, charge });
    } catch (err) {
      if (err instanceof RateLimited) sendLimited(req, res, err);
      else if (err instanceof BodyError)
        sendError(res, err.status, { code: err.status === 403 ? 'forbidden' : 'bad_request', message: err.message });
      else if (err instanceof ServiceError) sendError(res, STATUS[err.code] ?? 400, err.toWire());
      else if (err instanceof OffloadBusy) {
        // plans or large bodies beyond the offload queue: refused at once, nothing waits behind them (RATE-PLAN-2)
        res.setHeader('retry-after', '2');
        sendError(res, 503, { code: 'rate_limited', message: err.message });
      } else {
        deps.log.error({ err, path: url.pathname }, 'api failed');
        sendError(res, 500, { code: 'internal', message: 'The server could not process this. Nothing was changed.' });
      }
      // answered before the body was read (or only part of it): drop the rest so the client reads the answer (BODY-3)
      discardBody(req);
    }
    return true;
  };
}
