import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { items, workshops } from '../schema';

export interface NewWorkshop {
  id: string;
  name: string;
  secretHash: string;
  createdAt: number;
}

export interface NewItem {
  id: string;
  key: string | null;
  title: string;
  description?: string;
  position: number;
}

export function insertWorkshop(db: Db, w: NewWorkshop) {
  db.insert(workshops).values(w).run();
}

export function getWorkshop(db: Db, id: string) {
  return db.select().from(workshops).where(eq(workshops.id, id)).get();
}

export function insertItems(db: Db, workshopId: string, list: NewItem[], createdAt: number) {
  if (list.length === 0) return;
  db.insert(items)
    .values(list.map((i) => ({ ...i, description: i.description ?? '', workshopId, createdAt })))
    .run();
}

export function renameItem(db: Db, id: string, title: string) {
  db.update(items).set({ title }).where(eq(items.id, id)).run();
}

/** An item that is already in the workshop is not inserted again (a card re-added in a later session). */
export function hasItem(db: Db, id: string): boolean {
  return db.select({ id: items.id }).from(items).where(eq(items.id, id)).get() !== undefined;
}

export type Item = typeof items.$inferSelect;

/** The workshop's backlog in priority order (ties: oldest first). */
export function listItems(db: Db, workshopId: string): Item[] {
  return db.select().from(items).where(eq(items.workshopId, workshopId)).orderBy(asc(items.position), asc(items.createdAt), asc(sql`rowid`)).all();
}

export function itemsByIds(db: Db, ids: string[]): Item[] {
  if (ids.length === 0) return [];
  return db.select().from(items).where(inArray(items.id, ids)).all();
}

export function getItem(db: Db, workshopId: string, id: string): Item | undefined {
  return db
    .select()
    .from(items)
    .where(and(eq(items.workshopId, workshopId), eq(items.id, id)))
    .get();
}

/** Keys are unique per workshop. */
export function itemByKey(db: Db, workshopId: string, key: string): Item | undefined {
  return db
    .select()
    .from(items)
    .where(and(eq(items.workshopId, workshopId), eq(items.key, key)))
    .get();
}

export interface ItemPatch {
  title?: string;
  description?: string;
  storyPoints?: number | null;
}

export function updateItem(db: Db, id: string, patch: ItemPatch) {
  const set = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as ItemPatch;
  if (Object.keys(set).length === 0) return;
  db.update(items).set(set).where(eq(items.id, id)).run();
}
