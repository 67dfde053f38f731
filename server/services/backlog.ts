import { previewImport, type ExistingBacklog, type ExistingItem, type ImportPreview } from '../../domain/backlog';
import { replay, type BoardCommand, type BoardEvent, type BoardState, type VersionedEvent } from '../../domain/board';
import { addItemsBody, LIMITS, storyPointsBody, type AddItemsResult, type WorkshopItem } from '../../domain/protocol';
import type { ItemPatch, Queries, Tx } from '../../db';
import { newId } from '../ids';
import { badRequest, ServiceError } from './errors';
import { previewRequest } from './preview-body';
import { API_FACILITATOR, currentBoard, decideIn, type RoomDeps } from './rooms';
import type { Quotas } from './quotas';
import type { Decided } from './writer';
import { toWorkshopItem } from './workshops';

/*
 * The backlog through the HTTP API. A request is one write job: its commands are decided one
 * after the other against the board (the same decide -> persist path as the socket hub) and
 * written together, so a request changes all it asks for or nothing. Descriptions and story
 * points live on the workshop's items, not on the board's cards (card id = item id).
 */

/** Decides commands in order as the API; the board moves on after each. */
class Script {
  events: BoardEvent[] = [];
  constructor(
    private readonly tx: Tx,
    public board: BoardState,
    private readonly now: number,
    private readonly online: string[],
    private readonly quotas: Quotas,
  ) {}

  async do(cmd: BoardCommand): Promise<BoardEvent[]> {
    const events = await decideIn(this.tx, this.board, API_FACILITATOR, cmd, this.now, this.online, this.quotas);
    this.board = replay(this.board, events);
    this.events.push(...events);
    return events;
  }

  done<T>(result: T): Decided<T> {
    if (this.board.cards.length > LIMITS.itemsPerSession) {
      throw new ServiceError(
        'invalid',
        `A session holds at most ${LIMITS.itemsPerSession} items; this would make ${this.board.cards.length}. Nothing was added.`,
      );
    }
    return { events: this.events, by: null, result };
  }
}

const addedCardId = (events: BoardEvent[]): string => {
  const e = events.find((v) => v.type === 'card.added');
  if (e?.type !== 'card.added') throw new Error('card.add produced no card.added event');
  return e.card.id;
};

/** POST /api/sessions/:id/items: new cards at the end of the board, live in the room. Setup phase only (the domain refuses otherwise). */
export async function addItems(deps: RoomDeps, sessionId: string, body: unknown, online: string[]): Promise<AddItemsResult> {
  const parsed = addItemsBody.safeParse(body);
  if (!parsed.success) throw badRequest(parsed.error, 'items');
  const { result, events } = await deps.writer.submit({
    sessionId,
    writes: true,
    run: async ({ tx, board, now }) => {
      const s = new Script(tx, board, now, online, deps.quotas);
      const ids: string[] = [];
      for (const item of parsed.data.items) {
        const id = addedCardId(await s.do({ type: 'card.add', cardId: newId(), title: item.title, key: item.key ?? null }));
        if (item.description !== undefined) await tx.updateItem(id, { description: item.description });
        ids.push(id);
      }
      const byId = new Map((await tx.itemsByIds(ids)).map((i) => [i.id, i]));
      const items = ids.flatMap((id) => {
        const row = byId.get(id);
        return row ? [{ ...toWorkshopItem(row), position: s.board.cards.find((c) => c.id === id)?.position ?? row.position }] : [];
      });
      return s.done(items);
    },
  });
  return { version: events.at(-1)?.version ?? (await currentBoard(deps, sessionId)).version, events, items: result };
}

/** What the session holds, for matching a re-import: keys, titles, and the keyed items' current fields. */
export async function existingBacklog(q: Queries, b: BoardState): Promise<ExistingBacklog> {
  const rows = new Map((await q.itemsByIds(b.cards.map((c) => c.id))).map((i) => [i.id, i]));
  const items: ExistingItem[] = [];
  for (const card of b.cards) {
    if (card.key === null) continue;
    const row = rows.get(card.id);
    items.push({ key: card.key, title: card.title, ...(row ? { description: row.description, storyPoints: row.storyPoints } : {}) });
  }
  return {
    keys: b.cards.flatMap((c) => (c.key === null ? [] : [c.key])),
    titles: b.cards.map((c) => c.title),
    items,
    itemCount: b.cards.length,
  };
}

/** What the session's board holds, for an import preview to compare against. */
export async function existingBacklogOf(deps: RoomDeps, sessionId: string): Promise<ExistingBacklog> {
  return existingBacklog(deps.store.read, await currentBoard(deps, sessionId));
}

export type ImportOutcome =
  | {
      ok: true;
      result: Extract<ImportPreview, { ok: true }> & { imported: number; updated: number; version: number };
      events: VersionedEvent[];
    }
  | { ok: false; preview: Extract<ImportPreview, { ok: false }> };

type Imported =
  | { ok: true; preview: Extract<ImportPreview, { ok: true }>; imported: number; updated: number }
  | { ok: false; preview: Extract<ImportPreview, { ok: false }> };

/**
 * POST /api/sessions/:id/import: exactly what the preview (computed in the same transaction)
 * says. 'new' rows become cards in preview order (a key the workshop already knows brings back
 * that item); 'update' rows overwrite the mapped fields of the item and, if the title changed,
 * edit the card. All or nothing: a refusal by the domain (not in setup: wrong_phase) rolls back.
 */
export async function importIntoSession(deps: RoomDeps, sessionId: string, body: unknown, online: string[]): Promise<ImportOutcome> {
  // a body that is no import request is refused before the writer is asked
  const input = previewRequest(body);
  const { result, events } = await deps.writer.submit({
    sessionId,
    writes: true,
    run: async ({ tx, board, now }): Promise<Decided<Imported>> => {
      const preview = previewImport(input, await existingBacklog(tx, board));
      if (!preview.ok) return { events: [], by: null, result: { ok: false, preview } };
      const s = new Script(tx, board, now, online, deps.quotas);
      const mapped = preview.mapping;
      let imported = 0;
      let updated = 0;
      for (const row of preview.rows) {
        const item = row.item;
        if (!item || (row.status !== 'new' && row.status !== 'update')) continue;
        const patch: ItemPatch = {
          ...(mapped.description !== null ? { description: item.description } : {}),
          ...(mapped.storyPoints !== null ? { storyPoints: item.storyPoints } : {}),
        };
        if (row.status === 'new') {
          const id = addedCardId(await s.do({ type: 'card.add', cardId: newId(), title: item.title, key: item.key }));
          await tx.updateItem(id, patch);
          imported++;
          continue;
        }
        const card = s.board.cards.find((c) => c.key === item.key);
        if (!card) throw new Error(`preview said update, but no card has key ${item.key}`);
        if (card.title !== item.title) await s.do({ type: 'card.edit', cardId: card.id, title: item.title });
        await tx.updateItem(card.id, { title: item.title, ...patch });
        updated++;
      }
      return s.done({ ok: true, preview, imported, updated });
    },
  });
  if (!result.ok) return result;
  const version = events.at(-1)?.version ?? (await currentBoard(deps, sessionId)).version;
  return { ok: true, result: { ...result.preview, imported: result.imported, updated: result.updated, version }, events };
}

/** PUT /api/workshops/:id/items/:itemId/story-points: a detailed estimate makes the item a reference for calibration. */
export async function setStoryPoints(deps: RoomDeps, workshopId: string, itemId: string, body: unknown): Promise<WorkshopItem> {
  const parsed = storyPointsBody.safeParse(body);
  if (!parsed.success) throw badRequest(parsed.error, 'story points');
  return deps.store.transaction(async (tx) => {
    if (!(await tx.getItem(workshopId, itemId))) throw new ServiceError('not_found', 'This workshop has no such item.');
    await tx.updateItem(itemId, { storyPoints: parsed.data.storyPoints });
    return toWorkshopItem((await tx.getItem(workshopId, itemId))!);
  });
}
