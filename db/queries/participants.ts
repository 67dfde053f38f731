import { and, eq } from 'drizzle-orm';
import type { Db } from '../client';
import { participants } from '../schema';

export function insertCredential(db: Db, c: { id: string; sessionId: string; tokenHash: string; createdAt: number }) {
  db.insert(participants).values(c).run();
}

export function getCredential(db: Db, sessionId: string, id: string) {
  return db
    .select()
    .from(participants)
    .where(and(eq(participants.id, id), eq(participants.sessionId, sessionId)))
    .get();
}
