import type { IncomingMessage } from 'node:http';
import type { Store } from '../../db';
import { secretMatches } from '../ids';
import { ServiceError } from '../services/errors';

/** The facilitator secret is the API's bearer token; it authorizes one workshop and its sessions. */
export function bearer(req: IncomingMessage): string {
  const h = req.headers.authorization ?? '';
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  if (!m?.[1]) throw new ServiceError('unauthorized', 'Send the facilitator secret as "Authorization: Bearer <secret>".');
  return m[1];
}

export async function authorizeWorkshop(store: Store, req: IncomingMessage, workshopId: string) {
  const token = bearer(req);
  const w = await store.read.getWorkshop(workshopId);
  // same answer for "no such workshop" and "wrong secret": ids are not to be probed
  if (!w || !secretMatches(token, w.secretHash)) throw new ServiceError('forbidden', 'This token does not open this workshop.');
  return w;
}

export async function authorizeSession(store: Store, req: IncomingMessage, sessionId: string) {
  const token = bearer(req);
  const s = await store.read.getSessionMeta(sessionId);
  if (!s || !secretMatches(token, s.secretHash)) throw new ServiceError('forbidden', 'This token does not open this session.');
  return s;
}
