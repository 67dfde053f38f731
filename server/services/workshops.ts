import {
  createSessionBody,
  createWorkshopBody,
  facilitatorPath,
  workshopFacilitatorPath,
  participantPath,
  LIMITS,
  type CreateSessionResult,
  type CreateWorkshopResult,
  type WorkshopItem,
  type WorkshopOverview,
} from '../../domain/protocol';
import { defaultScale, DEFAULT_SETTINGS, emptyBoard, totals, type BoardEvent, type Card, type VersionedEvent } from '../../domain/board';
import { insertItems, insertSession, insertWorkshop, listItems, listSessions, type Db, type Item } from '../../db';
import { newId, newJoinCode, newSecret, sha256 } from '../ids';
import type { BoardCache } from './boards';
import { badRequest, ServiceError } from './errors';
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
  const secret = newSecret();
  const cards = items.map((title, position) => ({ id: newId(), key: null, title, position }));
  const session = deps.db.transaction(() => {
    insertWorkshop(deps.db, { id: workshopId, name, secretHash: sha256(secret), createdAt: now });
    insertItems(deps.db, workshopId, cards, now);
    return openSession(deps, workshopId, 'Session 1', cards, now);
  });
  return { workshopId, ...session, facilitatorSecret: secret, links: { ...links(session.sessionId, secret), workshop: workshopFacilitatorPath(workshopId, secret) } };
}

const links = (sessionId: string, secret: string) => ({ participant: participantPath(sessionId), facilitator: facilitatorPath(sessionId, secret) });

/** A new session in setup with these cards (ids = item ids): `session.created` and one `card.added` each. Call inside a transaction. */
function openSession(deps: WorkshopDeps, workshopId: string, name: string, cards: Card[], now: number) {
  const sessionId = newId();
  const joinCode = newJoinCode();
  insertSession(deps.db, { id: sessionId, workshopId, name, joinCode, createdAt: now });
  const events: BoardEvent[] = [
    { type: 'session.created', name, scale: defaultScale(), settings: DEFAULT_SETTINGS, phase: 'setup' },
    ...cards.map((card): BoardEvent => ({ type: 'card.added', card })),
  ];
  commit(deps.db, deps.boards, emptyBoard(sessionId, defaultScale(), DEFAULT_SETTINGS), events, null, now);
  return { sessionId, joinCode };
}

/**
 * Another estimation session in the same workshop (a revisit): the chosen items, or all of them,
 * in backlog order. The secret is the caller's bearer token, already checked.
 */
export function createSession(deps: WorkshopDeps, workshopId: string, secret: string, body: unknown): CreateSessionResult {
  const parsed = createSessionBody.safeParse(body);
  if (!parsed.success) throw badRequest(parsed.error, 'session');
  const now = deps.now();
  const session = deps.db.transaction(
    () => {
      const backlog = listItems(deps.db, workshopId);
      const chosen = pick(backlog, parsed.data.itemIds);
      if (chosen.length > LIMITS.itemsPerSession) {
        throw new ServiceError('bad_request', `The workshop has ${chosen.length} items; a session holds at most ${LIMITS.itemsPerSession}. Choose them with itemIds.`, [
          { path: 'itemIds', message: `required when the workshop has more than ${LIMITS.itemsPerSession} items` },
        ]);
      }
      const name = parsed.data.name ?? `Session ${listSessions(deps.db, workshopId).length + 1}`;
      const cards = chosen.map((item, position): Card => ({ id: item.id, key: item.key, title: item.title, position }));
      return openSession(deps, workshopId, name, cards, now);
    },
    { behavior: 'immediate' },
  );
  return { ...session, links: links(session.sessionId, secret) };
}

/**
 * People still in the workshop's other sessions are told that a new one started, so they can
 * follow (BOARD-NEXT-1): a `session.next` event appended to each of them. The caller publishes them.
 */
export function announceSession(deps: WorkshopDeps, workshopId: string, sessionId: string): { sessionId: string; events: VersionedEvent[] }[] {
  return deps.db.transaction(
    () => {
      const all = listSessions(deps.db, workshopId);
      const created = all.find((s) => s.id === sessionId);
      if (!created) return [];
      return all.flatMap((s) => {
        const board = s.id === sessionId ? undefined : deps.boards.current(s.id);
        if (!board) return [];
        const events = commit(deps.db, deps.boards, board, [{ type: 'session.next', next: { sessionId, name: created.name } }], null, deps.now());
        return [{ sessionId: s.id, events }];
      });
    },
    { behavior: 'immediate' },
  );
}

function pick(backlog: Item[], ids: string[] | undefined): Item[] {
  if (ids === undefined) return backlog;
  const known = new Set(backlog.map((i) => i.id));
  const unknown = ids.flatMap((id, i) => (known.has(id) ? [] : [{ path: `itemIds.${i}`, message: 'not an item of this workshop' }]));
  if (unknown.length > 0) throw new ServiceError('bad_request', `Invalid session: ${unknown[0]!.path}: ${unknown[0]!.message}`, unknown);
  const wanted = new Set(ids);
  return backlog.filter((i) => wanted.has(i.id));
}

export const toWorkshopItem = (i: Item): WorkshopItem => ({
  id: i.id,
  key: i.key,
  title: i.title,
  description: i.description,
  position: i.position,
  storyPoints: i.storyPoints,
});

/** The workshop, its sessions (phase and totals from each board) and its backlog. */
export function workshopOverview(deps: WorkshopDeps, workshop: { id: string; name: string; createdAt: number }): WorkshopOverview {
  const sessions = listSessions(deps.db, workshop.id).map((s) => {
    const board = deps.boards.current(s.id);
    if (!board) throw new ServiceError('unknown_session', 'A session of this workshop disappeared.');
    const t = totals(board);
    return {
      id: s.id,
      name: s.name,
      joinCode: s.joinCode,
      phase: board.phase,
      version: board.version,
      createdAt: s.createdAt,
      totals: { cards: board.cards.length, placed: t.placed, unplaced: t.unplaced, flagged: t.flagged, total: t.total },
    };
  });
  return { id: workshop.id, name: workshop.name, createdAt: workshop.createdAt, sessions, items: listItems(deps.db, workshop.id).map(toWorkshopItem) };
}
