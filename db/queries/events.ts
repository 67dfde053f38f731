import { and, asc, eq, gt, type SQL } from 'drizzle-orm';
import type { BoardEvent, VersionedEvent } from '../../domain/board';
import type { Db } from '../client';
import { events, sessions } from '../schema';

const itemOf = (e: BoardEvent): string | null => ('cardId' in e ? e.cardId : e.type === 'card.added' ? e.card.id : null);

/** Appends events after `version` and moves the session's version on. Call inside a transaction. */
export function appendEvents(db: Db, sessionId: string, list: VersionedEvent[]) {
  if (list.length === 0) return;
  db.insert(events)
    .values(list.map((v) => ({ sessionId, version: v.version, type: v.event.type, itemId: itemOf(v.event), by: v.by, at: v.at, payload: JSON.stringify(v.event) })))
    .run();
  db.update(sessions)
    .set({ version: list[list.length - 1]!.version })
    .where(eq(sessions.id, sessionId))
    .run();
}

const toVersioned = (r: { version: number; by: string | null; at: number; payload: string }): VersionedEvent => ({
  version: r.version,
  by: r.by,
  at: r.at,
  event: JSON.parse(r.payload) as BoardEvent,
});

function selectEvents(db: Db, where: SQL | undefined): VersionedEvent[] {
  return db
    .select({ version: events.version, by: events.by, at: events.at, payload: events.payload })
    .from(events)
    .where(where)
    .orderBy(asc(events.version))
    .all()
    .map(toVersioned);
}

export const eventsSince = (db: Db, sessionId: string, version: number) => selectEvents(db, and(eq(events.sessionId, sessionId), gt(events.version, version)));

export const cardEvents = (db: Db, sessionId: string, itemId: string) => selectEvents(db, and(eq(events.sessionId, sessionId), eq(events.itemId, itemId)));
