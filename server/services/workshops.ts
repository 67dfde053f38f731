import { createWorkshopBody, facilitatorPath, participantPath, type CreateWorkshopResult } from '../../domain/protocol';
import { defaultScale } from '../../domain/board';
import { insertItems, insertSession, insertWorkshop, type Db } from '../../db';
import { newId, newJoinCode, newSecret, sha256 } from '../ids';
import { badRequest } from './errors';

export interface WorkshopDeps {
  db: Db;
  now: () => number;
}

/** Creates a workshop, its backlog and a first estimation session, in one transaction. */
export function createWorkshop(deps: WorkshopDeps, body: unknown): CreateWorkshopResult {
  const parsed = createWorkshopBody.safeParse(body);
  if (!parsed.success) throw badRequest(parsed.error, 'workshop');
  const { name, items } = parsed.data;
  const now = deps.now();
  const workshopId = newId();
  const sessionId = newId();
  const secret = newSecret();
  const joinCode = newJoinCode();
  const itemRows = items.map((title, position) => ({ id: newId(), key: null, title, position }));
  deps.db.transaction(() => {
    insertWorkshop(deps.db, { id: workshopId, name, secretHash: sha256(secret), createdAt: now });
    insertItems(deps.db, workshopId, itemRows, now);
    insertSession(
      deps.db,
      { id: sessionId, workshopId, name: 'Session 1', scale: defaultScale(), phase: 'sorting', joinCode, createdAt: now },
      itemRows.map((i) => i.id),
    );
  });
  return {
    workshopId,
    sessionId,
    joinCode,
    facilitatorSecret: secret,
    links: { participant: participantPath(sessionId), facilitator: facilitatorPath(sessionId, secret) },
  };
}
