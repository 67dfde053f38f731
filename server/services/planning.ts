import {
  deriveSizes,
  placementsOf,
  planSettingsBody,
  recordFigures,
  referenceBody,
  sharePath,
  sprintBody,
  type CreatedShareLink,
  type PlanSettings,
  type PlanningSession,
  type ShareLinkInfo,
  type SprintEntry,
  type WorkshopPlanning,
} from '../../domain/workshop';
import type { Queries, SprintRow, Store } from '../../db';
import { newId, newSecret, sha256 } from '../ids';
import type { BoardCache } from './boards';
import { badRequest, ServiceError } from './errors';
import { quotaExceeded, type Quotas } from './quotas';

export interface PlanningDeps {
  store: Store;
  quotas: Quotas;
  boards: BoardCache;
  now: () => number;
}

type Workshop = { id: string; name: string; createdAt: number };

const ids = (text: string): string[] => JSON.parse(text) as string[];

const toSprint = (r: SprintRow): SprintEntry => ({
  index: r.sprintIndex,
  doneAp: r.doneAp,
  doneItemIds: ids(r.doneItemIds),
  costMinor: r.costMinor,
  scopeAddedAp: r.scopeAddedAp,
  scopeRemovedAp: r.scopeRemovedAp,
  addedItemIds: ids(r.addedItemIds),
  droppedItemIds: ids(r.droppedItemIds),
  recordedAt: r.recordedAt,
});

async function sessionsOf(deps: PlanningDeps, q: Queries, workshopId: string, readOnly: boolean): Promise<PlanningSession[]> {
  const list = await q.listSessions(workshopId);
  const refs = await q.referencesOfSessions(list.map((s) => s.id));
  const boards = await Promise.all(list.map((s) => deps.boards.at(q, s.id, s.version)));
  return list.map((s, i) => {
    const board = boards[i]!;
    return {
      // a share link shows no session id: with one, a stranger could open the room (/room/<id>)
      id: readOnly ? `session-${i + 1}` : s.id,
      name: s.name,
      createdAt: s.createdAt,
      phase: board.phase,
      counted: board.phase === 'locked',
      joinCode: readOnly ? null : s.joinCode,
      cards: board.cards.length,
      placements: placementsOf(board),
      references: refs
        .filter((r) => r.sessionId === s.id)
        .map((r) => ({ itemId: r.itemId, storyPoints: r.storyPoints, updatedAt: r.updatedAt })),
    };
  });
}

/** Everything the planning views compute from (the plan itself is computed by the caller with computePlan). */
export async function planningData(
  deps: PlanningDeps,
  w: Workshop,
  readOnly = false,
  q: Queries = deps.store.read,
): Promise<WorkshopPlanning> {
  return {
    id: w.id,
    name: w.name,
    createdAt: w.createdAt,
    readOnly,
    sessions: await sessionsOf(deps, q, w.id, readOnly),
    items: (await q.listItems(w.id)).map((i) => ({
      id: i.id,
      key: i.key,
      title: i.title,
      position: i.position,
      storyPoints: i.storyPoints,
      typedSizeAp: i.typedSizeAp,
    })),
    settings: (await q.getPlanSettings(w.id)) as PlanSettings | null,
    sprints: (await q.listSprints(w.id)).map(toSprint),
  };
}

/**
 * Marks an item of a locked session as a reference item with its detailed story points (null
 * unmarks it). References are calibration's one source (docs/planning.md "One calibration"); the
 * item's own story points (from the tracker) stay as they are.
 */
export async function setReference(
  deps: PlanningDeps,
  w: Workshop,
  sessionId: string,
  itemId: string,
  body: unknown,
): Promise<WorkshopPlanning> {
  const parsed = referenceBody.safeParse(body);
  if (!parsed.success) throw badRequest(parsed.error, 'reference');
  return deps.store.transaction(async (tx) => {
    const version = (await tx.lockSessions([sessionId])).get(sessionId);
    const sessions = await tx.listSessions(w.id);
    if (version === undefined || !sessions.some((s) => s.id === sessionId))
      throw new ServiceError('not_found', 'This workshop has no such session.');
    if (!(await tx.getItem(w.id, itemId))) throw new ServiceError('not_found', 'This workshop has no such item.');
    const board = await deps.boards.at(tx, sessionId, version);
    if (board.phase !== 'locked') throw new ServiceError('wrong_phase', 'Reference items are marked in a locked session: lock it first.');
    const sp = parsed.data.storyPoints;
    if (sp === null) {
      await tx.deleteReference(sessionId, itemId);
    } else {
      const placed = placementsOf(board)[itemId];
      if (placed?.value === null || placed?.value === undefined) {
        throw new ServiceError('invalid', 'A reference item needs a size in this session (a bucket other than "?").', [
          { path: 'itemId', message: 'not sized in this session' },
        ]);
      }
      await tx.upsertReference(sessionId, itemId, sp, deps.now());
    }
    return planningData(deps, w, false, tx);
  });
}

export async function savePlanSettings(deps: PlanningDeps, w: Workshop, body: unknown): Promise<WorkshopPlanning> {
  const parsed = planSettingsBody.safeParse(body);
  if (!parsed.success) throw badRequest(parsed.error, 'plan settings');
  return deps.store.transaction(async (tx) => {
    await tx.savePlanSettings(w.id, parsed.data, deps.now());
    return planningData(deps, w, false, tx);
  });
}

/** Records the next sprint (index = recorded + 1). */
export async function recordSprint(deps: PlanningDeps, w: Workshop, body: unknown): Promise<WorkshopPlanning> {
  const parsed = sprintBody.safeParse(body);
  if (!parsed.success) throw badRequest(parsed.error, 'sprint');
  const b = parsed.data;
  return deps.store.transaction(async (tx) => {
    // the workshop's row lock keeps sprint numbers consecutive when two requests race
    await tx.lockWorkshop(w.id);
    const before = await planningData(deps, w, false, tx);
    // WS-TRK-6: scope typed in place becomes backlog items at the end, sized as typed
    const now = deps.now();
    const typed = b.newItems.map((n, i) => ({
      id: newId(),
      key: null,
      title: n.title,
      position: before.items.length + i,
      typedSizeAp: n.sizeAp,
    }));
    if (typed.length > 0) {
      if ((await tx.countItems(w.id)) + typed.length > deps.quotas.itemsPerWorkshop)
        throw quotaExceeded('items', deps.quotas.itemsPerWorkshop);
      await tx.insertItems(w.id, typed, now);
      b.addedItemIds = [...b.addedItemIds, ...typed.map((t) => t.id)];
    }
    const data = typed.length > 0 ? await planningData(deps, w, false, tx) : before;
    const known = new Set(data.items.map((i) => i.id));
    const sizes = deriveSizes(data.sessions, data.items);
    const done = new Map(data.sprints.flatMap((s) => s.doneItemIds.map((id) => [id, s.index] as const)));
    const dropped = new Map(data.sprints.flatMap((s) => s.droppedItemIds.map((id) => [id, s.index] as const)));
    const fields: { path: string; message: string }[] = [];
    const check = (list: string[], name: string, rule: (id: string) => string | null) =>
      list.forEach((id, i) => {
        const problem = known.has(id) ? rule(id) : 'not an item of this workshop';
        if (problem) fields.push({ path: `${name}.${i}`, message: problem });
      });
    check(b.doneItemIds, 'doneItemIds', (id) =>
      done.has(id)
        ? `already done in sprint ${done.get(id)}`
        : dropped.has(id)
          ? `dropped in sprint ${dropped.get(id)}`
          : b.droppedItemIds.includes(id)
            ? 'also listed as dropped'
            : null,
    );
    check(b.droppedItemIds, 'droppedItemIds', (id) =>
      done.has(id) ? `already done in sprint ${done.get(id)}` : dropped.has(id) ? `already dropped in sprint ${dropped.get(id)}` : null,
    );
    check(b.addedItemIds, 'addedItemIds', () => null);
    if (fields.length > 0) throw new ServiceError('bad_request', `Invalid sprint: ${fields[0]!.path}: ${fields[0]!.message}`, fields);
    const figures = recordFigures(b, sizes);
    await tx.insertSprint({
      workshopId: w.id,
      sprintIndex: data.sprints.length + 1,
      doneAp: figures.doneAp,
      doneItemIds: JSON.stringify(b.doneItemIds),
      costMinor: b.costMinor ?? null,
      scopeAddedAp: figures.scopeAddedAp,
      scopeRemovedAp: figures.scopeRemovedAp,
      addedItemIds: JSON.stringify(b.addedItemIds),
      droppedItemIds: JSON.stringify(b.droppedItemIds),
      recordedAt: now,
    });
    return planningData(deps, w, false, tx);
  });
}

/** Removes the last recorded sprint (to correct it); earlier ones stay. */
export async function deleteLastSprint(deps: PlanningDeps, w: Workshop, index: number): Promise<WorkshopPlanning> {
  return deps.store.transaction(async (tx) => {
    await tx.lockWorkshop(w.id);
    const list = await tx.listSprints(w.id);
    if (list.length === 0 || list.at(-1)!.sprintIndex !== index)
      throw new ServiceError('invalid', 'Only the last recorded sprint can be removed.');
    await tx.deleteSprint(w.id, index);
    return planningData(deps, w, false, tx);
  });
}

export async function createShareLink(deps: PlanningDeps, w: Workshop): Promise<CreatedShareLink> {
  const token = newSecret();
  const id = newId();
  const createdAt = deps.now();
  await deps.store.transaction((tx) => tx.insertShareLink({ id, workshopId: w.id, tokenHash: sha256(token), createdAt }));
  return { id, createdAt, revokedAt: null, token, path: sharePath(token) };
}

export const shareLinks = (deps: PlanningDeps, w: Workshop): Promise<ShareLinkInfo[]> => deps.store.read.listShareLinks(w.id);

export async function revokeShare(deps: PlanningDeps, w: Workshop, id: string): Promise<ShareLinkInfo[]> {
  return deps.store.transaction(async (tx) => {
    if (!(await tx.revokeShareLink(w.id, id, deps.now())))
      throw new ServiceError('not_found', 'No such share link, or it is already revoked.');
    return tx.listShareLinks(w.id);
  });
}

/** The read-only data behind a share link; a revoked or unknown token is the same 404. */
export async function sharedData(deps: PlanningDeps, token: string): Promise<WorkshopPlanning> {
  const q = deps.store.read;
  const link = await q.shareLinkByHash(sha256(token));
  const w = link && link.revokedAt === null ? await q.getWorkshop(link.workshopId) : undefined;
  if (!w) throw new ServiceError('not_found', 'This link does not exist or was revoked.');
  return planningData(deps, w, true);
}
