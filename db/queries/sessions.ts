import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { sessions, workshops } from '../schema';

export interface NewSession {
  id: string;
  workshopId: string;
  name: string;
  joinCode: string;
  createdAt: number;
}

export function insertSession(db: Db, s: NewSession) {
  db.insert(sessions).values(s).run();
}

export function getSessionMeta(db: Db, sessionId: string) {
  return db
    .select({
      id: sessions.id,
      name: sessions.name,
      joinCode: sessions.joinCode,
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

export { sessionVersion as getSessionVersion } from './events';

export function sessionByJoinCode(db: Db, code: string) {
  return db.select({ id: sessions.id }).from(sessions).where(eq(sessions.joinCode, code.toUpperCase())).get();
}

/** A workshop's sessions, oldest first. */
export function listSessions(db: Db, workshopId: string) {
  return db
    .select({ id: sessions.id, name: sessions.name, joinCode: sessions.joinCode, version: sessions.version, createdAt: sessions.createdAt })
    .from(sessions)
    .where(eq(sessions.workshopId, workshopId))
    .orderBy(asc(sessions.createdAt), asc(sql`rowid`))
    .all();
}
