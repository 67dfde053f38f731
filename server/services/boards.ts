import { defaultScale, DEFAULT_SETTINGS, emptyBoard, replay, type BoardState } from '../../domain/board';
import type { Queries } from '../../db';

/** Boards kept in memory at most (least recently used first out); a board evicted is replayed when needed. */
export const DEFAULT_BOARD_CACHE_SIZE = 2000;

/**
 * Boards are replays of the event log. The cache keeps the last replay per session and brings
 * it up to the version the database has (replaying only the events it has not seen), so a
 * write by another process is picked up and the database stays the only truth.
 */
export function createBoardCache(maxBoards = DEFAULT_BOARD_CACHE_SIZE) {
  const boards = new Map<string, BoardState>();

  const remember = (board: BoardState) => {
    boards.delete(board.sessionId);
    boards.set(board.sessionId, board);
    if (boards.size > maxBoards) boards.delete(boards.keys().next().value as string);
  };

  /** the board at exactly `version` (read under the session's lock, or just read) */
  async function at(q: Queries, sessionId: string, version: number): Promise<BoardState> {
    let board = boards.get(sessionId);
    if (board?.version === version) {
      remember(board);
      return board;
    }
    if (!board || board.version > version) board = emptyBoard(sessionId, defaultScale(), DEFAULT_SETTINGS);
    const missing = await q.eventsSince(sessionId, board.version);
    board = replay(
      board,
      missing.filter((e) => e.version <= version).map((v) => v.event),
    );
    remember(board);
    return board;
  }

  return {
    at,
    /** the current board, or undefined if there is no such session */
    async current(q: Queries, sessionId: string): Promise<BoardState | undefined> {
      const version = await q.sessionVersion(sessionId);
      return version === undefined ? undefined : at(q, sessionId, version);
    },
    /** after a commit: keep the replay that already includes the new events */
    set: remember,
    get size() {
      return boards.size;
    },
    has: (sessionId: string) => boards.has(sessionId),
    /** the cached board as it is (after a commit it is the newest), without asking the database */
    peek: (sessionId: string): BoardState | undefined => boards.get(sessionId),
    /** a deleted session */
    forget: (sessionId: string) => void boards.delete(sessionId),
  };
}

export type BoardCache = ReturnType<typeof createBoardCache>;
