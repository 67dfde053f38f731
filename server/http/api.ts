import type { IncomingMessage, ServerResponse } from 'node:http';
import { participantPath, type WireErrorCode } from '../../domain/protocol';
import { ServiceError } from '../services/errors';
import { BodyError, sendError } from './respond';
import type { ApiDeps, Route } from './router';
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

const routes: Route[] = [...workshopRoutes, ...sessionRoutes, ...planRoutes, ...planningRoutes];

/** Handles /j/<code> and /api/*; returns false for anything else (Next serves it). */
export function createApi(deps: ApiDeps) {
  return async function handleApi(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const code = /^\/j\/([A-Za-z0-9]{4,12})$/.exec(url.pathname)?.[1];
    if (code) {
      // short join links from the projector's QR code
      const session = await deps.store.read.sessionByJoinCode(code);
      res.writeHead(302, { location: session ? participantPath(session.id) : '/?unknownCode=1' }).end();
      return true;
    }
    if (!url.pathname.startsWith('/api/')) return false;
    try {
      const matches = routes.map((r) => ({ r, m: r.path.exec(url.pathname) })).filter((x) => x.m);
      const hit = matches.find((x) => x.r.method === req.method);
      if (!hit) {
        if (matches.length > 0) sendError(res, 405, { code: 'bad_request', message: `${req.method} is not allowed on ${url.pathname}.` });
        else sendError(res, 404, { code: 'not_found', message: `No endpoint ${req.method} ${url.pathname}.` });
        return true;
      }
      await hit.r.handle({ req, res, url, params: { ...(hit.m?.groups ?? {}) }, deps });
    } catch (err) {
      if (err instanceof BodyError) {
        // the rest of an oversized body is not worth reading: end the connection after the answer
        if (err.status === 413) res.setHeader('connection', 'close');
        sendError(res, err.status, { code: 'bad_request', message: err.message });
      }
      else if (err instanceof ServiceError) sendError(res, STATUS[err.code] ?? 400, err.toWire());
      else {
        deps.log.error({ err, path: url.pathname }, 'api failed');
        sendError(res, 500, { code: 'internal', message: 'The server could not process this. Nothing was changed.' });
      }
    }
    return true;
  };
}
