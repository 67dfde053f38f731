import { apply, type BoardState } from '../../domain/board';
import type { BoardEvent } from '../../domain/board';
import { getSessionVersion, loadBoard, type Db } from '../../db';

/**
 * A read-through cache of boards. It is never the truth: every read checks the
 * version stored in the database (one indexed lookup) and reloads on mismatch,
 * so another process writing the same session is picked up.
 */
export function createBoardCache(db: Db) {
  const boards = new Map<string, BoardState>();
  return {
    current(sessionId: string): BoardState | undefined {
      const version = getSessionVersion(db, sessionId);
      if (version === undefined) return undefined;
      const cached = boards.get(sessionId);
      if (cached && cached.version === version) return cached;
      const fresh = loadBoard(db, sessionId);
      if (fresh) boards.set(sessionId, fresh);
      return fresh;
    },
    /** after commit: advance the cached board by the event just persisted */
    advance(board: BoardState, event: BoardEvent): BoardState {
      const next = apply(board, event);
      boards.set(board.sessionId, next);
      return next;
    },
    forget(sessionId: string) {
      boards.delete(sessionId);
    },
  };
}

export type BoardCache = ReturnType<typeof createBoardCache>;
