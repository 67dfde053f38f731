import type { VersionedEvent } from '../domain/board';
import type { Queries } from './queries';

/**
 * The one store interface the services see. Two implementations: SQLite (better-sqlite3, WAL,
 * the embedded default) and Postgres (pg). Both pass tests/integration/store-contract.test.ts.
 */
export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** committed reads, outside any transaction */
  readonly read: Queries;
  /**
   * Runs fn in one transaction; a throw rolls it back. `urgent`: the room's writer (moves people
   * wait for); where transactions take turns (SQLite), it goes before others that wait.
   */
  transaction<T>(fn: (tx: Tx) => Promise<T>, opts?: { urgent?: boolean }): Promise<T>;
  /** the database answers */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface SessionAppend {
  sessionId: string;
  /** consecutive versions after the session's current one */
  events: VersionedEvent[];
}

export interface Tx extends Queries {
  /**
   * Locks the sessions' rows until the transaction ends (in id order, so two batches never
   * deadlock) and returns their versions; an unknown id is absent from the map.
   */
  lockSessions(ids: string[]): Promise<Map<string, number>>;
  /** Locks a workshop's row (read-then-write paths: session names, sprint numbers); false if unknown. */
  lockWorkshop(id: string): Promise<boolean>;
  /** Appends events and moves each session's version on. Versions must follow the locked ones. */
  appendEvents(list: SessionAppend[]): Promise<void>;
  /** fn's writes are undone if it throws; the transaction goes on */
  savepoint<T>(fn: () => Promise<T>): Promise<T>;
}

/** Runs fn with the session locked and its version read; undefined version = no such session. */
export async function withSession<T>(store: Store, sessionId: string, fn: (tx: Tx, version: number | undefined) => Promise<T>): Promise<T> {
  return store.transaction(async (tx) => fn(tx, (await tx.lockSessions([sessionId])).get(sessionId)));
}
