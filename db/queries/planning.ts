import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../client';
import { planSettings, sessionReferences, shareLinks, sprints } from '../schema';

// ---- reference items per session ----

export function referencesOfSessions(db: Db, sessionIds: string[]) {
  if (sessionIds.length === 0) return [];
  return db.select().from(sessionReferences).where(inArray(sessionReferences.sessionId, sessionIds)).orderBy(asc(sessionReferences.updatedAt)).all();
}

export function upsertReference(db: Db, sessionId: string, itemId: string, storyPoints: number, at: number) {
  db.insert(sessionReferences)
    .values({ sessionId, itemId, storyPoints, updatedAt: at })
    .onConflictDoUpdate({ target: [sessionReferences.sessionId, sessionReferences.itemId], set: { storyPoints, updatedAt: at } })
    .run();
}

export function deleteReference(db: Db, sessionId: string, itemId: string) {
  db.delete(sessionReferences)
    .where(and(eq(sessionReferences.sessionId, sessionId), eq(sessionReferences.itemId, itemId)))
    .run();
}

// ---- plan settings ----

export function getPlanSettings(db: Db, workshopId: string): unknown {
  const row = db.select().from(planSettings).where(eq(planSettings.workshopId, workshopId)).get();
  return row ? (JSON.parse(row.settings) as unknown) : null;
}

export function savePlanSettings(db: Db, workshopId: string, settings: unknown, at: number) {
  const text = JSON.stringify(settings);
  db.insert(planSettings)
    .values({ workshopId, settings: text, updatedAt: at })
    .onConflictDoUpdate({ target: planSettings.workshopId, set: { settings: text, updatedAt: at } })
    .run();
}

// ---- sprints ----

export type SprintRow = typeof sprints.$inferSelect;

export function listSprints(db: Db, workshopId: string): SprintRow[] {
  return db.select().from(sprints).where(eq(sprints.workshopId, workshopId)).orderBy(asc(sprints.sprintIndex)).all();
}

export function insertSprint(db: Db, row: typeof sprints.$inferInsert) {
  db.insert(sprints).values(row).run();
}

export function deleteSprint(db: Db, workshopId: string, index: number) {
  db.delete(sprints)
    .where(and(eq(sprints.workshopId, workshopId), eq(sprints.sprintIndex, index)))
    .run();
}

// ---- share links ----

export function insertShareLink(db: Db, row: { id: string; workshopId: string; tokenHash: string; createdAt: number }) {
  db.insert(shareLinks).values(row).run();
}

export function listShareLinks(db: Db, workshopId: string) {
  return db
    .select({ id: shareLinks.id, createdAt: shareLinks.createdAt, revokedAt: shareLinks.revokedAt })
    .from(shareLinks)
    .where(eq(shareLinks.workshopId, workshopId))
    .orderBy(asc(shareLinks.createdAt))
    .all();
}

export function revokeShareLink(db: Db, workshopId: string, id: string, at: number): boolean {
  const res = db
    .update(shareLinks)
    .set({ revokedAt: at })
    .where(and(eq(shareLinks.workshopId, workshopId), eq(shareLinks.id, id), isNull(shareLinks.revokedAt)))
    .run();
  return res.changes > 0;
}

export function shareLinkByHash(db: Db, tokenHash: string) {
  return db.select().from(shareLinks).where(eq(shareLinks.tokenHash, tokenHash)).get();
}
