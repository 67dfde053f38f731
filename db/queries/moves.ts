import { and, eq, sql } from 'drizzle-orm';
import type { CardMoved } from '../../domain/board';
import type { Db } from '../client';
import { moves, placements, sessions } from '../schema';

/** Persists one accepted move and bumps the session version. Call inside a transaction. */
export function appendMove(db: Db, sessionId: string, version: number, e: CardMoved) {
  db.insert(moves)
    .values({
      sessionId,
      version,
      itemId: e.cardId,
      participantId: e.by,
      fromBucket: e.from,
      toBucket: e.to,
      at: e.at,
    })
    .run();
  db.update(placements)
    .set({ bucket: e.to, moveCount: sql`${placements.moveCount} + 1` })
    .where(and(eq(placements.sessionId, sessionId), eq(placements.itemId, e.cardId)))
    .run();
  db.update(sessions).set({ version }).where(eq(sessions.id, sessionId)).run();
}

export function listMoves(db: Db, sessionId: string) {
  return db.select().from(moves).where(eq(moves.sessionId, sessionId)).orderBy(moves.version).all();
}
