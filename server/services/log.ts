import { replay, type BoardEvent, type BoardState, type VersionedEvent } from '../../domain/board';
import { appendEvents, type Db } from '../../db';
import type { BoardCache } from './boards';

/** Stamps events with the next versions, writes them, and advances the cached board. Call inside a transaction. */
export function commit(db: Db, boards: BoardCache, board: BoardState, events: BoardEvent[], by: string | null, at: number): VersionedEvent[] {
  const stamped = events.map((event, i) => ({ version: board.version + 1 + i, by, at, event }));
  appendEvents(db, board.sessionId, stamped);
  boards.set(replay(board, events));
  return stamped;
}
