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
import {
  deleteReference,
  deleteSprint,
  getItem,
  getPlanSettings,
  getWorkshop,
  insertShareLink,
  insertSprint,
  listItems,
  listSessions,
  listShareLinks,
  listSprints,
  referencesOfSessions,
  revokeShareLink,
  savePlanSettings as saveSettingsRow,
  shareLinkByHash,
  updateItem,
  upsertReference,
  type Db,
  type SprintRow,
} from '../../db';
import { newId, newSecret, sha256 } from '../ids';
import type { BoardCache } from './boards';
import { badRequest, ServiceError } from './errors';

export interface PlanningDeps {
  db: Db;
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

function sessionsOf(deps: PlanningDeps, workshopId: string, readOnly: boolean): PlanningSession[] {
  const list = listSessions(deps.db, workshopId);
  const refs = referencesOfSessions(
    deps.db,
    list.map((s) => s.id),
  );
  return list.map((s) => {
    const board = deps.boards.current(s.id);
    if (!board) throw new ServiceError('unknown_session', 'A session of this workshop disappeared.');
    return {
      id: s.id,
      name: s.name,
      createdAt: s.createdAt,
      phase: board.phase,
      counted: board.phase === 'locked',
      joinCode: readOnly ? null : s.joinCode,
      cards: board.cards.length,
      placements: placementsOf(board),
      references: refs.filter((r) => r.sessionId === s.id).map((r) => ({ itemId: r.itemId, storyPoints: r.storyPoints, updatedAt: r.updatedAt })),
    };
  });
}

/** Everything the planning views compute from (the plan itself is computed by the caller with computePlan). */
export function planningData(deps: PlanningDeps, w: Workshop, readOnly = false): WorkshopPlanning {
  return {
    id: w.id,
    name: w.name,
    createdAt: w.createdAt,
    readOnly,
    sessions: sessionsOf(deps, w.id, readOnly),
    items: listItems(deps.db, w.id).map((i) => ({ id: i.id, key: i.key, title: i.title, position: i.position, storyPoints: i.storyPoints })),
    settings: getPlanSettings(deps.db, w.id) as PlanSettings | null,
    sprints: listSprints(deps.db, w.id).map(toSprint),
  };
}

/**
 * Marks an item of a locked session as a reference item with its detailed story points (null
 * unmarks it). The item's own story points (used by the export) follow its latest reference.
 */
export function setReference(deps: PlanningDeps, w: Workshop, sessionId: string, itemId: string, body: unknown): WorkshopPlanning {
  const parsed = referenceBody.safeParse(body);
  if (!parsed.success) throw badRequest(parsed.error, 'reference');
  deps.db.transaction(
    () => {
      if (!listSessions(deps.db, w.id).some((s) => s.id === sessionId)) throw new ServiceError('not_found', 'This workshop has no such session.');
      if (!getItem(deps.db, w.id, itemId)) throw new ServiceError('not_found', 'This workshop has no such item.');
      const board = deps.boards.current(sessionId)!;
      if (board.phase !== 'locked') throw new ServiceError('wrong_phase', 'Reference items are marked in a locked session: lock it first.');
      const sp = parsed.data.storyPoints;
      if (sp === null) {
        deleteReference(deps.db, sessionId, itemId);
        const sessions = listSessions(deps.db, w.id).map((s) => s.id);
        const left = referencesOfSessions(deps.db, sessions).filter((r) => r.itemId === itemId);
        const last = [...left].sort((a, b) => sessions.indexOf(a.sessionId) - sessions.indexOf(b.sessionId)).at(-1);
        updateItem(deps.db, itemId, { storyPoints: last?.storyPoints ?? null });
        return;
      }
      const placed = placementsOf(board)[itemId];
      if (placed?.value === null || placed?.value === undefined) {
        throw new ServiceError('invalid', 'A reference item needs a size in this session (a bucket other than "?").', [{ path: 'itemId', message: 'not sized in this session' }]);
      }
      upsertReference(deps.db, sessionId, itemId, sp, deps.now());
      updateItem(deps.db, itemId, { storyPoints: sp });
    },
    { behavior: 'immediate' },
  );
  return planningData(deps, w);
}

export function savePlanSettings(deps: PlanningDeps, w: Workshop, body: unknown): WorkshopPlanning {
  const parsed = planSettingsBody.safeParse(body);
  if (!parsed.success) throw badRequest(parsed.error, 'plan settings');
  saveSettingsRow(deps.db, w.id, parsed.data, deps.now());
  return planningData(deps, w);
}

/** Records the next sprint (index = recorded + 1). */
export function recordSprint(deps: PlanningDeps, w: Workshop, body: unknown): WorkshopPlanning {
  const parsed = sprintBody.safeParse(body);
  if (!parsed.success) throw badRequest(parsed.error, 'sprint');
  const b = parsed.data;
  deps.db.transaction(
    () => {
      const data = planningData(deps, w);
      const known = new Set(data.items.map((i) => i.id));
      const sizes = deriveSizes(data.sessions);
      const done = new Map(data.sprints.flatMap((s) => s.doneItemIds.map((id) => [id, s.index] as const)));
      const dropped = new Map(data.sprints.flatMap((s) => s.droppedItemIds.map((id) => [id, s.index] as const)));
      const fields: { path: string; message: string }[] = [];
      const check = (list: string[], name: string, rule: (id: string) => string | null) =>
        list.forEach((id, i) => {
          const problem = known.has(id) ? rule(id) : 'not an item of this workshop';
          if (problem) fields.push({ path: `${name}.${i}`, message: problem });
        });
      check(b.doneItemIds, 'doneItemIds', (id) =>
        done.has(id) ? `already done in sprint ${done.get(id)}` : dropped.has(id) ? `dropped in sprint ${dropped.get(id)}` : b.droppedItemIds.includes(id) ? 'also listed as dropped' : null,
      );
      check(b.droppedItemIds, 'droppedItemIds', (id) => (done.has(id) ? `already done in sprint ${done.get(id)}` : dropped.has(id) ? `already dropped in sprint ${dropped.get(id)}` : null));
      check(b.addedItemIds, 'addedItemIds', () => null);
      if (fields.length > 0) throw new ServiceError('bad_request', `Invalid sprint: ${fields[0]!.path}: ${fields[0]!.message}`, fields);
      const figures = recordFigures(b, sizes);
      insertSprint(deps.db, {
        workshopId: w.id,
        sprintIndex: data.sprints.length + 1,
        doneAp: figures.doneAp,
        doneItemIds: JSON.stringify(b.doneItemIds),
        costMinor: b.costMinor ?? null,
        scopeAddedAp: figures.scopeAddedAp,
        scopeRemovedAp: figures.scopeRemovedAp,
        addedItemIds: JSON.stringify(b.addedItemIds),
        droppedItemIds: JSON.stringify(b.droppedItemIds),
        recordedAt: deps.now(),
      });
    },
    { behavior: 'immediate' },
  );
  return planningData(deps, w);
}

/** Removes the last recorded sprint (to correct it); earlier ones stay. */
export function deleteLastSprint(deps: PlanningDeps, w: Workshop, index: number): WorkshopPlanning {
  deps.db.transaction(
    () => {
      const list = listSprints(deps.db, w.id);
      if (list.length === 0 || list.at(-1)!.sprintIndex !== index) throw new ServiceError('invalid', 'Only the last recorded sprint can be removed.');
      deleteSprint(deps.db, w.id, index);
    },
    { behavior: 'immediate' },
  );
  return planningData(deps, w);
}

export function createShareLink(deps: PlanningDeps, w: Workshop): CreatedShareLink {
  const token = newSecret();
  const id = newId();
  const createdAt = deps.now();
  insertShareLink(deps.db, { id, workshopId: w.id, tokenHash: sha256(token), createdAt });
  return { id, createdAt, revokedAt: null, token, path: sharePath(token) };
}

export const shareLinks = (deps: PlanningDeps, w: Workshop): ShareLinkInfo[] => listShareLinks(deps.db, w.id);

export function revokeShare(deps: PlanningDeps, w: Workshop, id: string): ShareLinkInfo[] {
  if (!revokeShareLink(deps.db, w.id, id, deps.now())) throw new ServiceError('not_found', 'No such share link, or it is already revoked.');
  return listShareLinks(deps.db, w.id);
}

/** The read-only data behind a share link; a revoked or unknown token is the same 404. */
export function sharedData(deps: PlanningDeps, token: string): WorkshopPlanning {
  const link = shareLinkByHash(deps.db, sha256(token));
  const w = link && link.revokedAt === null ? getWorkshop(deps.db, link.workshopId) : undefined;
  if (!w) throw new ServiceError('not_found', 'This link does not exist or was revoked.');
  return planningData(deps, w, true);
}
