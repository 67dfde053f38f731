import { defaultScale, DEFAULT_SETTINGS, emptyBoard, ownedCopy, replayOwned, type BoardState } from '../../domain/board';
import type { Queries } from '../../db';

/** Boards kept in memory at most (least recently used first out); a board evicted is replayed when needed. */
export const DEFAULT_BOARD_CACHE_SIZE = 2000;
/** A board nobody has read or written for this long is dropped (everyone left, or the workshop paused). */
export const DEFAULT_BOARD_IDLE_MS = 2 * 60_000;

export interface BoardCacheOptions {
  maxBoards?: number;
  idleMs?: number;
  now?: () => number;
}

interface Entry {
  /** the writer's board: its records change in place (applyOwned), nobody else holds it */
  owned: BoardState;
  /** a copy for readers at owned's version, made when first asked for; never changed */
  stable: BoardState | undefined;
  /** a batch is writing: `owned` may hold uncommitted events until it ends */
  writing: { ended: Promise<void>; end: () => void } | undefined;
  usedAt: number;
}

const blank = (sessionId: string) => emptyBoard(sessionId, defaultScale(), DEFAULT_SETTINGS);

/**
 * Boards are replays of the event log. The cache keeps the last replay per session and brings
 * it up to the version the database has (replaying only the events it has not seen), so a
 * write by another process is picked up and the database stays the only truth.
 *
 * The writer changes its board in place (a move costs O(1), not a copy of every record of a
 * 200-card board); readers get a copy that never changes. Bounded: at most `maxBoards`, and a
 * board idle for `idleMs` is dropped (swept as the cache is used, no timer).
 */
export function createBoardCache(opts: BoardCacheOptions | number = {}) {
  const {
    maxBoards = DEFAULT_BOARD_CACHE_SIZE,
    idleMs = DEFAULT_BOARD_IDLE_MS,
    now = Date.now,
  } = typeof opts === 'number' ? { maxBoards: opts } : opts;
  const entries = new Map<string, Entry>();
  let sweptAt = now();

  function touch(id: string, e: Entry) {
    e.usedAt = now();
    // Map order is the LRU order
    entries.delete(id);
    entries.set(id, e);
    if (entries.size > maxBoards) evictOldest();
    if (e.usedAt - sweptAt > idleMs / 4) sweep();
  }

  function evictOldest() {
    for (const [id, e] of entries) {
      if (entries.size <= maxBoards) return;
      if (!e.writing) entries.delete(id);
    }
  }

  /** drops the boards idle for idleMs; returns how many */
  function sweep(): number {
    const t = now();
    sweptAt = t;
    let n = 0;
    // oldest first: stop at the first one still in use
    for (const [id, e] of entries) {
      if (t - e.usedAt < idleMs) break;
      if (e.writing) continue;
      entries.delete(id);
      n++;
    }
    return n;
  }

  function install(board: BoardState): Entry {
    const e: Entry = { owned: board, stable: undefined, writing: undefined, usedAt: now() };
    touch(board.sessionId, e);
    return e;
  }

  /** The board at exactly `version`, for readers: a copy that never changes. */
  async function at(q: Queries, sessionId: string, version: number): Promise<BoardState> {
    for (;;) {
      const e = entries.get(sessionId);
      if (e?.writing) {
        // the writer's board may hold events not yet committed: wait for its batch
        if (e.stable?.version === version) return e.stable;
        await e.writing.ended;
        continue;
      }
      if (e && e.owned.version === version) {
        touch(sessionId, e);
        return (e.stable ??= ownedCopy(e.owned));
      }
      // behind (another process wrote) or unknown: replay what is missing onto a copy
      const base = e && e.owned.version < version ? e.owned : undefined;
      const missing = await q.eventsSince(sessionId, base?.version ?? 0);
      // changed meanwhile: look again
      if (entries.get(sessionId) !== e || e?.writing) continue;
      const board = replayOwned(
        base ? ownedCopy(base) : blank(sessionId),
        missing.filter((v) => v.version <= version).map((v) => v.event),
      );
      const stable = ownedCopy(board);
      if (!e || board.version > e.owned.version) install(board).stable = stable;
      return stable;
    }
  }

  return {
    at,
    /**
     * The current board for readers, or undefined if there is no such session. A board committed
     * since the version was read is as current (with Postgres a batch may commit meanwhile), and
     * saves a replay.
     */
    async current(q: Queries, sessionId: string): Promise<BoardState | undefined> {
      const version = await q.sessionVersion(sessionId);
      if (version === undefined) return undefined;
      const e = entries.get(sessionId);
      const committed = e?.writing ? e.stable : e && (e.stable ??= ownedCopy(e.owned));
      if (e && committed && committed.version > version) {
        touch(sessionId, e);
        return committed;
      }
      return at(q, sessionId, version);
    },
    /**
     * The writer's own board at `version` (read under the session's lock), to change in place with
     * applyOwned until the batch ends with committed() or aborted().
     */
    async forWrite(q: Queries, sessionId: string, version: number): Promise<BoardState> {
      let e = entries.get(sessionId);
      if (e?.writing) throw new Error(`session ${sessionId} is already being written`);
      if (!e || e.owned.version > version) e = install(blank(sessionId));
      let end = () => {};
      const ended = new Promise<void>((r) => (end = r));
      e.writing = { ended, end };
      touch(sessionId, e);
      if (e.owned.version < version) {
        const missing = await q.eventsSince(sessionId, e.owned.version);
        e.owned = replayOwned(
          e.owned,
          missing.filter((v) => v.version <= version).map((v) => v.event),
        );
        e.stable = undefined;
      }
      return e.owned;
    },
    /** after the commit: the boards the batch ended with */
    committed(boards: Iterable<BoardState>) {
      for (const b of boards) {
        const e = entries.get(b.sessionId);
        if (!e) continue;
        if (e.owned !== b) {
          e.owned = b;
          e.stable = undefined;
        }
        end(e);
      }
    },
    /** the batch failed: its boards may hold events that were rolled back, so they are replayed when next needed */
    aborted(sessionIds: Iterable<string>) {
      for (const id of sessionIds) {
        const e = entries.get(id);
        if (!e) continue;
        entries.delete(id);
        end(e);
      }
    },
    /** a board nobody else holds (a new session, built with replayOwned): kept as it is, no copy */
    adopt(board: BoardState) {
      if (entries.has(board.sessionId)) return;
      install(board);
    },
    /** a board replayed elsewhere (a new session); the cache keeps its own copy */
    set(board: BoardState) {
      const e = entries.get(board.sessionId);
      if (e?.writing || (e && e.owned.version >= board.version)) return;
      install(ownedCopy(board));
    },
    sweep,
    get size() {
      return entries.size;
    },
    has: (sessionId: string) => entries.has(sessionId),
    /**
     * The cached board as it is, without asking the database: for reading settings and people
     * only (never change it; during a batch it may be ahead by that batch's events).
     */
    peek: (sessionId: string): BoardState | undefined => entries.get(sessionId)?.owned,
    /** a deleted session */
    forget: (sessionId: string) => void entries.delete(sessionId),
  };

  function end(e: Entry) {
    e.writing?.end();
    e.writing = undefined;
  }
}

export type BoardCache = ReturnType<typeof createBoardCache>;
