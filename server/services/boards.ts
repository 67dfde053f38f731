import { defaultScale, DEFAULT_SETTINGS, emptyBoard, replay, type BoardState } from '../../domain/board';
import { eventsSince, getSessionVersion, type Db } from '../../db';

/**
 * Boards are replays of the event log. This cache keeps the last replay per session and,
 * on every read, checks the version in the database (one indexed lookup) and replays only
 * the events it has not seen, so a write by another process is picked up and the database
 * stays the only truth.
 */
export function createBoardCache(db: Db) {
  const boards = new Map<string, BoardState>();
  return {
    current(sessionId: string): BoardState | undefined {
      const version = getSessionVersion(db, sessionId);
      if (version === undefined) return undefined;
      let board = boards.get(sessionId);
      if (board?.version === version) return board;
      if (!board || board.version > version) board = emptyBoard(sessionId, defaultScale(), DEFAULT_SETTINGS);
      board = replay(
        board,
        eventsSince(db, sessionId, board.version).map((v) => v.event),
      );
      boards.set(sessionId, board);
      return board;
    },
    /** after an append: keep the replay that already includes the new events */
    set(board: BoardState) {
      boards.set(board.sessionId, board);
    },
  };
}

export type BoardCache = ReturnType<typeof createBoardCache>;
