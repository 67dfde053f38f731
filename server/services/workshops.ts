import { createWorkshopBody, facilitatorPath, participantPath, type CreateWorkshopResult } from '../../domain/protocol';
import { defaultScale, DEFAULT_SETTINGS, emptyBoard, type BoardEvent } from '../../domain/board';
import { insertItems, insertSession, insertWorkshop, type Db } from '../../db';
import { newId, newJoinCode, newSecret, sha256 } from '../ids';
import type { BoardCache } from './boards';
import { badRequest } from './errors';
import { commit } from './log';

export interface WorkshopDeps {
  db: Db;
  boards: BoardCache;
  now: () => number;
}

/** Creates a workshop, its backlog and a first estimation session (in setup), in one transaction. */
export function createWorkshop(deps: WorkshopDeps, body: unknown): CreateWorkshopResult {
  const parsed = createWorkshopBody.safeParse(body);
  if (!parsed.success) throw badRequest(parsed.error, 'workshop');
  const { name, items } = parsed.data;
  const now = deps.now();
  const workshopId = newId();
  const sessionId = newId();
  const secret = newSecret();
  const joinCode = newJoinCode();
  const cards = items.map((title, position) => ({ id: newId(), key: null, title, position }));
  deps.db.transaction(() => {
    insertWorkshop(deps.db, { id: workshopId, name, secretHash: sha256(secret), createdAt: now });
    insertItems(deps.db, workshopId, cards, now);
    insertSession(deps.db, { id: sessionId, workshopId, name: 'Session 1', joinCode, createdAt: now });
    const events: BoardEvent[] = [
      { type: 'session.created', name: 'Session 1', scale: defaultScale(), settings: DEFAULT_SETTINGS, phase: 'setup' },
      ...cards.map((card): BoardEvent => ({ type: 'card.added', card })),
    ];
    commit(deps.db, deps.boards, emptyBoard(sessionId, defaultScale(), DEFAULT_SETTINGS), events, null, now);
  });
  return {
    workshopId,
    sessionId,
    joinCode,
    facilitatorSecret: secret,
    links: { participant: participantPath(sessionId), facilitator: facilitatorPath(sessionId, secret) },
  };
}
