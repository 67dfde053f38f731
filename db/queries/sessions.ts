import { and, asc, eq, isNull } from 'drizzle-orm';
import type { BoardState, Phase, Scale } from '../../domain/board';
import type { Db } from '../client';
import { items, participants, placements, sessions, workshops } from '../schema';

export interface NewSession {
  id: string;
  workshopId: string;
  name: string;
  scale: Scale;
  phase: Phase;
  joinCode: string;
  createdAt: number;
}

export function insertSession(db: Db, s: NewSession, itemIds: string[]) {
  db.insert(sessions)
    .values({ ...s, scale: JSON.stringify(s.scale) })
    .run();
  if (itemIds.length > 0) {
    db.insert(placements)
      .values(itemIds.map((itemId) => ({ sessionId: s.id, itemId })))
      .run();
  }
}

export function getSessionMeta(db: Db, sessionId: string) {
  return db
    .select({
      id: sessions.id,
      name: sessions.name,
      workshopId: sessions.workshopId,
      workshopName: workshops.name,
      secretHash: workshops.secretHash,
      version: sessions.version,
    })
    .from(sessions)
    .innerJoin(workshops, eq(workshops.id, sessions.workshopId))
    .where(eq(sessions.id, sessionId))
    .get();
}

export function getSessionVersion(db: Db, sessionId: string): number | undefined {
  return db.select({ v: sessions.version }).from(sessions).where(eq(sessions.id, sessionId)).get()?.v;
}

/** The whole board, derived from the database alone. */
export function loadBoard(db: Db, sessionId: string): BoardState | undefined {
  const s = db.select().from(sessions).where(eq(sessions.id, sessionId)).get();
  if (!s) return undefined;
  const rows = db
    .select({
      id: items.id,
      title: items.title,
      key: items.key,
      position: items.position,
      bucket: placements.bucket,
      moveCount: placements.moveCount,
    })
    .from(placements)
    .innerJoin(items, eq(items.id, placements.itemId))
    .where(eq(placements.sessionId, sessionId))
    .orderBy(asc(items.position))
    .all();
  const placement: BoardState['placement'] = {};
  const moveCount: BoardState['moveCount'] = {};
  for (const r of rows) {
    placement[r.id] = r.bucket;
    moveCount[r.id] = r.moveCount;
  }
  return {
    sessionId: s.id,
    version: s.version,
    phase: s.phase as Phase,
    scale: JSON.parse(s.scale) as Scale,
    cards: rows.map((r) => ({ id: r.id, title: r.title, key: r.key, position: r.position })),
    placement,
    moveCount,
  };
}

export function listParticipants(db: Db, sessionId: string) {
  return db
    .select({ id: participants.id, name: participants.name, role: participants.role })
    .from(participants)
    .where(and(eq(participants.sessionId, sessionId), isNull(participants.removedAt)))
    .orderBy(asc(participants.joinedAt))
    .all();
}
