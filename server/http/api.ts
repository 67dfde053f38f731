import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WireErrorCode } from '../../domain/protocol';
import { isReachable, sessionByJoinCode, type Db } from '../../db';
import { participantPath } from '../../domain/protocol';
import type { Logger } from '../log';
import type { BoardCache } from '../services/boards';
import { ServiceError } from '../services/errors';
import { createWorkshop } from '../services/workshops';
import { BodyError, readJson, sendError, sendJson } from './respond';

export interface ApiDeps {
  db: Db;
  boards: BoardCache;
  now: () => number;
  log: Logger;
}

const STATUS: Partial<Record<WireErrorCode, number>> = {
  bad_request: 400,
  forbidden: 403,
  unknown_session: 404,
  not_joined: 401,
  session_locked: 409,
};

/** Handles /healthz and /api/*; returns false for anything else (Next serves it). */
export function createApi(deps: ApiDeps) {
  return async function handleApi(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/healthz') {
      const ok = isReachable(deps.db);
      sendJson(res, ok ? 200 : 503, { status: ok ? 'ok' : 'database unreachable' });
      return true;
    }
    const code = /^\/j\/([A-Za-z0-9]{4,12})$/.exec(url.pathname)?.[1];
    if (code) {
      // short join links from the projector's QR code
      const session = sessionByJoinCode(deps.db, code);
      res.writeHead(302, { location: session ? participantPath(session.id) : '/?unknownCode=1' }).end();
      return true;
    }
    if (!url.pathname.startsWith('/api/')) return false;
    try {
      if (req.method === 'POST' && url.pathname === '/api/workshops') {
        sendJson(res, 201, createWorkshop(deps, await readJson(req)));
        return true;
      }
      sendError(res, 404, { code: 'bad_request', message: `No endpoint ${req.method} ${url.pathname}.` });
    } catch (err) {
      if (err instanceof BodyError) sendError(res, err.status, { code: 'bad_request', message: err.message });
      else if (err instanceof ServiceError) sendError(res, STATUS[err.code] ?? 400, err.toWire());
      else {
        deps.log.error({ err, path: url.pathname }, 'api failed');
        sendError(res, 500, { code: 'internal', message: 'The server could not process this. Nothing was changed.' });
      }
    }
    return true;
  };
}
