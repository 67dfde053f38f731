import { eq } from 'drizzle-orm';
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
