import { previewImport, previewInputSchema, type ExistingBacklog, type ExistingItem, type ImportPreview, type PreviewInputBody } from '../../domain/backlog';
import type { BoardState, VersionedEvent } from '../../domain/board';
import { addItemsBody, LIMITS, storyPointsBody, type AddItemsResult, type WorkshopItem } from '../../domain/protocol';
import { getItem, itemsByIds, updateItem, type ItemPatch } from '../../db';
import { newId } from '../ids';
import type { BoardCache } from './boards';
import { badRequest, ServiceError } from './errors';
import { executeAsFacilitator, type RoomDeps } from './rooms';
import { toWorkshopItem } from './workshops';

/*
 * The backlog through the HTTP API. Every change to a board goes through executeAsFacilitator
 * (the same decide -> persist path as the socket hub), inside one outer transaction, so a request
 * changes all it asks for or nothing. Descriptions and story points live on the workshop's items,
 * not on the board's cards (card id = item id).
 */

function boardOf(boards: BoardCache, sessionId: string): BoardState {
  const b = boards.current(sessionId);
  if (!b) throw new ServiceError('unknown_session', 'This session does not exist.');
  return b;
}

const addedCardId = (events: VersionedEvent[]): string => {
  const e = events.find((v) => v.event.type === 'card.added')?.event;
  if (e?.type !== 'card.added') throw new Error('card.add produced no card.added event');
  return e.card.id;
};

function checkCapacity(b: BoardState) {
  if (b.cards.length > LIMITS.itemsPerSession) {
    throw new ServiceError('invalid', `A session holds at most ${LIMITS.itemsPerSession} items; this would make ${b.cards.length}. Nothing was added.`);
  }
}

/** POST /api/sessions/:id/items: new cards at the end of the board, live in the room. Setup phase only (the domain refuses otherwise). */
export function addItems(deps: RoomDeps, sessionId: string, body: unknown, online: string[]): AddItemsResult {
  const parsed = addItemsBody.safeParse(body);
  if (!parsed.success) throw badRequest(parsed.error, 'items');
  return deps.db.transaction(
    () => {
      const events: VersionedEvent[] = [];
      const ids: string[] = [];
      for (const item of parsed.data.items) {
        const added = executeAsFacilitator(deps, sessionId, { type: 'card.add', cardId: newId(), title: item.title, key: item.key ?? null }, online);
        const id = addedCardId(added);
        if (item.description !== undefined) updateItem(deps.db, id, { description: item.description });
        events.push(...added);
        ids.push(id);
      }
      checkCapacity(boardOf(deps.boards, sessionId));
      const byId = new Map(itemsByIds(deps.db, ids).map((i) => [i.id, i]));
      const b = boardOf(deps.boards, sessionId);
      const items = ids.flatMap((id) => {
        const row = byId.get(id);
        return row ? [{ ...toWorkshopItem(row), position: b.cards.find((c) => c.id === id)?.position ?? row.position }] : [];
      });
      return { version: b.version, events, items };
    },
    { behavior: 'immediate' },
  );
}

/** What the session holds, for matching a re-import: keys, titles, and the keyed items' current fields. */
function existingBacklog(deps: RoomDeps, b: BoardState): ExistingBacklog {
  const rows = new Map(itemsByIds(deps.db, b.cards.map((c) => c.id)).map((i) => [i.id, i]));
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

function parsePreviewBody(body: unknown): PreviewInputBody {
  const parsed = previewInputSchema.safeParse(body);
  if (!parsed.success) throw badRequest(parsed.error, 'import');
  return parsed.data;
}

const previewInput = (p: PreviewInputBody) => ({ text: p.text, ...(p.format ? { format: p.format } : {}), ...(p.mapping ? { mapping: p.mapping } : {}) });

/** POST /api/sessions/:id/import/preview: what importing would do; changes nothing. */
export function previewForSession(deps: RoomDeps, sessionId: string, body: unknown): ImportPreview {
  const input = parsePreviewBody(body);
  return previewImport(previewInput(input), existingBacklog(deps, boardOf(deps.boards, sessionId)));
}

export type ImportOutcome =
  | { ok: true; result: Extract<ImportPreview, { ok: true }> & { imported: number; updated: number; version: number }; events: VersionedEvent[] }
  | { ok: false; preview: Extract<ImportPreview, { ok: false }> };

/**
 * POST /api/sessions/:id/import: exactly what the preview (computed in the same transaction)
 * says. 'new' rows become cards in preview order (a key the workshop already knows brings back
 * that item); 'update' rows overwrite the mapped fields of the item and, if the title changed,
 * edit the card. All or nothing: a refusal by the domain (not in setup: wrong_phase) rolls back.
 */
export function importIntoSession(deps: RoomDeps, sessionId: string, body: unknown, online: string[]): ImportOutcome {
  const input = parsePreviewBody(body);
  return deps.db.transaction(
    (): ImportOutcome => {
      const before = boardOf(deps.boards, sessionId);
      const preview = previewImport(previewInput(input), existingBacklog(deps, before));
      if (!preview.ok) return { ok: false, preview };
      const mapped = preview.mapping;
      const events: VersionedEvent[] = [];
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
          const added = executeAsFacilitator(deps, sessionId, { type: 'card.add', cardId: newId(), title: item.title, key: item.key }, online);
          updateItem(deps.db, addedCardId(added), patch);
          events.push(...added);
          imported++;
          continue;
        }
        const card = boardOf(deps.boards, sessionId).cards.find((c) => c.key === item.key);
        if (!card) throw new Error(`preview said update, but no card has key ${item.key}`);
        if (card.title !== item.title) events.push(...executeAsFacilitator(deps, sessionId, { type: 'card.edit', cardId: card.id, title: item.title }, online));
        updateItem(deps.db, card.id, { title: item.title, ...patch });
        updated++;
      }
      checkCapacity(boardOf(deps.boards, sessionId));
      return { ok: true, result: { ...preview, imported, updated, version: boardOf(deps.boards, sessionId).version }, events };
    },
    { behavior: 'immediate' },
  );
}

/** PUT /api/workshops/:id/items/:itemId/story-points: a detailed estimate makes the item a reference for calibration. */
export function setStoryPoints(deps: RoomDeps, workshopId: string, itemId: string, body: unknown): WorkshopItem {
  const parsed = storyPointsBody.safeParse(body);
  if (!parsed.success) throw badRequest(parsed.error, 'story points');
  return deps.db.transaction(() => {
    if (!getItem(deps.db, workshopId, itemId)) throw new ServiceError('not_found', 'This workshop has no such item.');
    updateItem(deps.db, itemId, { storyPoints: parsed.data.storyPoints });
    return toWorkshopItem(getItem(deps.db, workshopId, itemId)!);
  });
}
