import { and, count, eq, isNull } from 'drizzle-orm';
import type { Db } from '../client';
import { participants } from '../schema';

export interface NewParticipant {
  id: string;
  sessionId: string;
  name: string;
  role: string;
  tokenHash: string;
  joinedAt: number;
}

export function insertParticipant(db: Db, p: NewParticipant) {
  db.insert(participants).values(p).run();
}

export function getParticipant(db: Db, sessionId: string, id: string) {
  return db
    .select()
    .from(participants)
    .where(and(eq(participants.id, id), eq(participants.sessionId, sessionId), isNull(participants.removedAt)))
    .get();
}

export function renameParticipant(db: Db, id: string, name: string) {
  db.update(participants).set({ name }).where(eq(participants.id, id)).run();
}

export function countParticipants(db: Db, sessionId: string): number {
  return (
    db
      .select({ n: count() })
      .from(participants)
      .where(and(eq(participants.sessionId, sessionId), isNull(participants.removedAt)))
      .get()?.n ?? 0
  );
}
