import type { Queries, Store } from '../../db';
import type { BoardCache } from './boards';
import { ServiceError } from './errors';
import type { PlanningDeps } from './planning';

/*
 * A workshop's whole life: its data leaves in one JSON file on request, and goes away on request
 * or after the retention period without a change (docs/hardening.md SEC-DATA).
 */

export interface LifecycleDeps extends PlanningDeps {
  /** after a deletion: close the rooms of the deleted sessions */
  closeRooms?: (sessionIds: string[]) => Promise<void>;
}

type Workshop = { id: string; name: string; createdAt: number };

export const EXPORT_FORMAT = 'magic-estimation/workshop@1';

/** GET /api/workshops/:id/export: everything the workshop holds, secrets (hashes, tokens) left out. */
export async function exportWorkshop(deps: LifecycleDeps, w: Workshop) {
  const q = deps.store.read;
  const sessions = await q.listSessions(w.id);
  const items = await q.listItems(w.id);
  return {
    format: EXPORT_FORMAT,
    exportedAt: new Date(deps.now()).toISOString(),
    workshop: { id: w.id, name: w.name, createdAt: w.createdAt },
    items: items.map(({ workshopId: _w, ...i }) => i),
    sessions: await Promise.all(
      sessions.map(async (s) => ({
        id: s.id,
        name: s.name,
        joinCode: s.joinCode,
        createdAt: s.createdAt,
        version: s.version,
        events: await q.eventsSince(s.id, 0),
      })),
    ),
    references: await q.referencesOfSessions(sessions.map((s) => s.id)),
    planSettings: await q.getPlanSettings(w.id),
    sprints: (await q.listSprints(w.id)).map(({ workshopId: _w, ...s }) => s),
    shareLinks: await q.listShareLinks(w.id),
    integrations: await integrationsOf(q, w.id),
  };
}

/** Jira connection and write-back log, webhook deliveries: what the facilitator may see, never a sealed secret. */
async function integrationsOf(q: Queries, workshopId: string) {
  const jira = await q.getJiraConnection(workshopId);
  const runs = await q.writeBackRunsOfWorkshop(workshopId);
  const results = await q.writeBackResultsOf(runs.map((r) => r.id));
  const webhook = await q.getWebhook(workshopId);
  const deliveries = await q.listDeliveries(workshopId, 200);
  const attempts = await q.deliveryAttemptsOf(deliveries.map((d) => d.id));
  return {
    jira: jira
      ? {
          kind: jira.kind,
          url: jira.url,
          email: jira.email,
          fieldId: jira.fieldId,
          fieldName: jira.fieldName,
          boardId: jira.boardId,
          connectedAt: jira.connectedAt,
        }
      : null,
    writeBackRuns: runs.map((r) => ({ ...r, results: results.filter((x) => x.runId === r.id) })),
    webhook: webhook
      ? {
          urlHint: webhook.urlHint,
          format: webhook.format,
          language: webhook.language,
          events: JSON.parse(webhook.events) as string[],
          updatedAt: webhook.updatedAt,
        }
      : null,
    webhookDeliveries: deliveries.map((d) => ({ ...d, attempts: attempts.filter((a) => a.deliveryId === d.id) })),
  };
}

async function remove(store: Store, boards: BoardCache, workshopId: string) {
  const { sessionIds, rows } = await store.transaction(async (tx) => {
    if (!(await tx.lockWorkshop(workshopId))) throw new ServiceError('not_found', 'This workshop does not exist.');
    const sessionIds = (await tx.listSessions(workshopId)).map((s) => s.id);
    // writes in flight wait for these locks, then find no session
    await tx.lockSessions(sessionIds);
    return { sessionIds, rows: await tx.deleteWorkshop(workshopId) };
  });
  for (const id of sessionIds) boards.forget(id);
  return { sessionIds, rows };
}

/** DELETE /api/workshops/:id: at once and for good; people still in its rooms are told and disconnected. */
export async function deleteWorkshop(deps: LifecycleDeps, w: Workshop) {
  const { sessionIds, rows } = await remove(deps.store, deps.boards, w.id);
  await deps.closeRooms?.(sessionIds);
  return { deleted: true, sessions: sessionIds.length, rows };
}

/** Deletes workshops without a change for `idleMs`; returns how many went. */
export async function purgeIdle(deps: LifecycleDeps, idleMs: number): Promise<number> {
  const before = deps.now() - idleMs;
  let purged = 0;
  for (;;) {
    const idle = await deps.store.read.idleWorkshops(before, 50);
    if (idle.length === 0) return purged;
    for (const { id } of idle) {
      try {
        const { sessionIds } = await remove(deps.store, deps.boards, id);
        await deps.closeRooms?.(sessionIds);
        purged++;
      } catch (err) {
        // another process purged it first
        if (!(err instanceof ServiceError && err.code === 'not_found')) throw err;
      }
    }
  }
}
