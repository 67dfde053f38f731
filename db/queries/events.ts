import { and, asc, desc, eq, lt, type SQL } from 'drizzle-orm';
import type Database from 'better-sqlite3';
import type { BoardEvent, VersionedEvent } from '../../domain/board';
import type { Db } from '../client';
import { events } from '../schema';

const itemOf = (e: BoardEvent): string | null => ('cardId' in e ? e.cardId : e.type === 'card.added' ? e.card.id : null);

/*
 * The hot path (every move: read the version, append, bump the version) uses statements
 * prepared once per connection. Building them through the query builder on every call cost
 * more than the SQLite commit itself (docs/hardening.md, PERF-1).
 */
interface Hot {
  version: Database.Statement<[string], number>;
  insert: Database.Statement<[string, number, string, string | null, string | null, number, string]>;
  bump: Database.Statement<[number, string]>;
  since: Database.Statement<[string, number], EventRow>;
}
interface EventRow {
  version: number;
  by: string | null;
  at: number;
  payload: string;
}
const prepared = new WeakMap<Database.Database, Hot>();

function hot(db: Db): Hot {
  let h = prepared.get(db.$client);
  if (!h) {
    const c = db.$client;
    h = {
      version: c.prepare<[string], number>('select version from sessions where id = ?').pluck(),
      insert: c.prepare('insert into events (session_id, version, type, item_id, by, at, payload) values (?, ?, ?, ?, ?, ?, ?)'),
      bump: c.prepare('update sessions set version = ? where id = ?'),
      since: c.prepare<[string, number], EventRow>('select version, by, at, payload from events where session_id = ? and version > ? order by version'),
    };
    prepared.set(c, h);
  }
  return h;
}

/** The session's current version (one indexed lookup), or undefined if there is no such session. */
export function sessionVersion(db: Db, sessionId: string): number | undefined {
  return hot(db).version.get(sessionId);
}

/** Appends events after `version` and moves the session's version on. Call inside a transaction. */
export function appendEvents(db: Db, sessionId: string, list: VersionedEvent[]) {
  if (list.length === 0) return;
  const h = hot(db);
  for (const v of list) h.insert.run(sessionId, v.version, v.event.type, itemOf(v.event), v.by, v.at, JSON.stringify(v.event));
  h.bump.run(list[list.length - 1]!.version, sessionId);
}

const toVersioned = (r: EventRow): VersionedEvent => ({
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

export const eventsSince = (db: Db, sessionId: string, version: number) => hot(db).since.all(sessionId, version).map(toVersioned);

export const cardEvents = (db: Db, sessionId: string, itemId: string) => selectEvents(db, and(eq(events.sessionId, sessionId), eq(events.itemId, itemId)));

/**
 * A page of a session's log (or of one item's events): the newest `limit` events before the
 * version `before` (all when omitted), oldest first, and whether older ones exist.
 */
export function eventsPage(db: Db, sessionId: string, opts: { itemId?: string; before?: number; limit: number }): { events: VersionedEvent[]; more: boolean } {
  const rows = db
    .select({ version: events.version, by: events.by, at: events.at, payload: events.payload })
    .from(events)
    .where(
      and(
        eq(events.sessionId, sessionId),
        opts.itemId === undefined ? undefined : eq(events.itemId, opts.itemId),
        opts.before === undefined ? undefined : lt(events.version, opts.before),
      ),
    )
    .orderBy(desc(events.version))
    .limit(opts.limit + 1)
    .all();
  const more = rows.length > opts.limit;
  return { events: rows.slice(0, opts.limit).reverse().map(toVersioned), more };
}
