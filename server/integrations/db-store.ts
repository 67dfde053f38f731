// The integrations' records in the app's database (SQLite or Postgres), behind IntegrationStore.
import type { DeliveryRow, Queries, Store, WriteBackResultRow, WriteBackRunRow } from '../../db';
import type { WriteBackResult, WriteBackRun } from '../../domain/integrations/results';
import { WEBHOOK_EVENTS, WEBHOOK_FORMATS, type WebhookEvent } from '../../domain/integrations/webhook';
import {
  DELIVERIES_KEPT,
  type DeliveryAttempt,
  type DeliveryErrorCode,
  type DeliveryRecord,
  type IntegrationStore,
  type JiraConnectionRecord,
  type WebhookRecord,
} from './store';

/*
 * Writes that could race a deletion of the workshop (a background write-back, a delivery's retry)
 * lock the workshop's row first, as the deletion does, and then check their parent row is still
 * there: a deleted workshop's run or delivery stops quietly instead of failing on a foreign key.
 * The one-run-per-session rule is the database's: the session's row is locked while the check and
 * the insert run, and the partial unique index writeback_runs_one_running backs it.
 */

const oneOf = <T extends string>(list: readonly T[], v: string, fallback: T): T => list.find((x) => x === v) ?? fallback;
const DELIVERY_STATUS = ['pending', 'delivered', 'failed', 'dropped'] as const;
const ERROR_CODES: readonly DeliveryErrorCode[] = ['http', 'redirect', 'timeout', 'network', 'refused', 'queue_full', 'internal'];
const RESULT_STATUS = ['written', 'unchanged', 'failed'] as const;

const strings = (json: string | null): string[] => {
  if (json === null) return [];
  const v: unknown = JSON.parse(json);
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
};

function toResult(r: WriteBackResultRow): WriteBackResult {
  const jira = strings(r.jiraMessages);
  return {
    itemId: r.itemId,
    key: r.key,
    status: oneOf(RESULT_STATUS, r.status, 'failed'),
    before: r.before,
    after: r.after,
    ...(r.errorCode !== null ? { error: { code: r.errorCode, message: r.errorMessage ?? '', ...(jira.length > 0 ? { jira } : {}) } } : {}),
    attempts: r.attempts,
    at: r.at,
  };
}

function toRun(r: WriteBackRunRow, results: WriteBackResult[]): WriteBackRun {
  return {
    id: r.id,
    sessionId: r.sessionId,
    fieldId: r.fieldId,
    fieldName: r.fieldName,
    via: r.via === 'board' ? 'board' : 'issue',
    mode: r.mode === 'ap' ? 'ap' : 'sp',
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    retryOf: r.retryOf,
    ...(r.interrupted ? { interrupted: true } : {}),
    results,
  };
}

async function withResults(q: Queries, rows: WriteBackRunRow[]): Promise<WriteBackRun[]> {
  const results = await q.writeBackResultsOf(rows.map((r) => r.id));
  const byRun = new Map<string, WriteBackResult[]>();
  for (const r of results) byRun.set(r.runId, [...(byRun.get(r.runId) ?? []), toResult(r)]);
  return rows.map((r) => toRun(r, byRun.get(r.id) ?? []));
}

export function dbIntegrationStore(store: Store): IntegrationStore {
  const q = store.read;
  /** delivery rows as records, with their attempts in the order made */
  async function withAttempts(rows: DeliveryRow[]): Promise<DeliveryRecord[]> {
    const attempts = await q.deliveryAttemptsOf(rows.map((r) => r.id));
    return rows.map((r) => ({
      id: r.id,
      workshopId: r.workshopId,
      event: oneOf(WEBHOOK_EVENTS, r.event, 'session.locked'),
      createdAt: r.createdAt,
      status: oneOf(DELIVERY_STATUS, r.status, 'failed'),
      attempts: attempts
        .filter((a) => a.deliveryId === r.id)
        .map(({ at, status, code, error, ms }) => ({
          at,
          status,
          code: code === null ? null : oneOf(ERROR_CODES, code, 'internal'),
          error,
          ms,
        })),
    }));
  }
  return {
    async getJiraConnection(workshopId) {
      const r = await q.getJiraConnection(workshopId);
      if (!r) return null;
      return { ...r, kind: r.kind === 'datacenter' ? 'datacenter' : 'cloud', viaBoard: r.viaBoard === 1 };
    },
    async saveJiraConnection(rec: JiraConnectionRecord) {
      await store.transaction(async (tx) => {
        if (await tx.lockWorkshop(rec.workshopId)) await tx.upsertJiraConnection({ ...rec, viaBoard: rec.viaBoard ? 1 : 0 });
      });
    },
    async deleteJiraConnection(workshopId) {
      await store.transaction((tx) => tx.deleteJiraConnection(workshopId));
    },

    createWriteBackRun(workshopId, run, lease) {
      return store.transaction(async (tx) => {
        // the same lock order as a workshop's deletion: the workshop, then its sessions
        if (!(await tx.lockWorkshop(workshopId))) return false;
        if (!(await tx.lockSessions([run.sessionId])).has(run.sessionId)) return false;
        await tx.interruptStaleRuns(lease.staleBefore, lease.at, run.sessionId);
        if (await tx.runningWriteBack(run.sessionId)) return false;
        await tx.insertWriteBackRun({
          id: run.id,
          workshopId,
          sessionId: run.sessionId,
          fieldId: run.fieldId,
          fieldName: run.fieldName,
          via: run.via,
          mode: run.mode,
          startedAt: run.startedAt,
          finishedAt: run.finishedAt,
          interrupted: run.interrupted ? 1 : 0,
          retryOf: run.retryOf,
          heartbeatAt: lease.at,
        });
        return true;
      });
    },
    async appendWriteBackResult(runId, r) {
      const run = await q.getWriteBackRun(runId);
      if (!run) return false;
      return store.transaction(async (tx) => {
        if (!(await tx.lockWorkshop(run.workshopId)) || !(await tx.getWriteBackRun(runId))) return false;
        await tx.insertWriteBackResult({
          runId,
          itemId: r.itemId,
          key: r.key,
          status: r.status,
          before: r.before,
          after: r.after,
          errorCode: r.error?.code ?? null,
          errorMessage: r.error?.message ?? null,
          jiraMessages: r.error?.jira ? JSON.stringify(r.error.jira) : null,
          attempts: r.attempts,
          at: r.at,
        });
        await tx.touchWriteBackRun(runId, r.at);
        return true;
      });
    },
    async heartbeatWriteBackRun(runId, at) {
      await store.transaction((tx) => tx.touchWriteBackRun(runId, at));
    },
    async finishWriteBackRun(runId, at, interrupted = false) {
      await store.transaction((tx) => tx.finishWriteBackRun(runId, at, interrupted));
    },
    interruptStaleRuns(staleBefore, at, sessionId) {
      return store.transaction((tx) => tx.interruptStaleRuns(staleBefore, at, sessionId ?? null));
    },
    async getWriteBackRun(runId) {
      const r = await q.getWriteBackRun(runId);
      return r ? ((await withResults(q, [r]))[0] ?? null) : null;
    },
    async listWriteBackRuns(sessionId) {
      return withResults(q, await q.writeBackRunsOfSession(sessionId));
    },
    async listWorkshopWriteBackRuns(workshopId) {
      return withResults(q, await q.writeBackRunsOfWorkshop(workshopId));
    },

    async getWebhook(workshopId) {
      const r = await q.getWebhook(workshopId);
      if (!r) return null;
      const events = strings(r.events).flatMap((e): WebhookEvent[] => {
        const known = WEBHOOK_EVENTS.find((x) => x === e);
        return known ? [known] : [];
      });
      return { ...r, format: oneOf(WEBHOOK_FORMATS, r.format, 'json'), language: r.language === 'de' ? 'de' : 'en', events };
    },
    async saveWebhook(rec: WebhookRecord) {
      await store.transaction(async (tx) => {
        if (await tx.lockWorkshop(rec.workshopId)) await tx.upsertWebhook({ ...rec, events: JSON.stringify(rec.events) });
      });
    },
    async deleteWebhook(workshopId) {
      await store.transaction((tx) => tx.deleteWebhook(workshopId));
    },
    async addDelivery(rec: DeliveryRecord, body: string | null) {
      await store.transaction(async (tx) => {
        if (!(await tx.lockWorkshop(rec.workshopId))) return;
        await tx.insertDelivery({
          id: rec.id,
          workshopId: rec.workshopId,
          event: rec.event,
          createdAt: rec.createdAt,
          status: rec.status,
          body,
        });
        for (const a of rec.attempts) await tx.insertDeliveryAttempt({ deliveryId: rec.id, ...a }, rec.status);
        await tx.pruneDeliveries(rec.workshopId, DELIVERIES_KEPT);
      });
    },
    async addDeliveryAttempt(id, attempt: DeliveryAttempt, status) {
      const d = await q.getDelivery(id);
      if (!d) return;
      await store.transaction(async (tx) => {
        if (!(await tx.lockWorkshop(d.workshopId)) || !(await tx.getDelivery(id))) return;
        await tx.insertDeliveryAttempt({ deliveryId: id, ...attempt }, status);
      });
    },
    async claimStaleDeliveries(staleBefore, at, limit) {
      // an update returns its rows in no particular order
      const rows = (await store.transaction((tx) => tx.claimStaleDeliveries(staleBefore, at, limit))).sort(
        (a, b) => a.createdAt - b.createdAt,
      );
      const records = await withAttempts(rows);
      return records.map((r, i) => ({ ...r, body: rows[i]!.body }));
    },
    async listDeliveries(workshopId, limit) {
      return withAttempts(await q.listDeliveries(workshopId, limit));
    },

    async deleteWorkshop(workshopId) {
      // the whole workshop goes through Queries.deleteWorkshop; this removes only the integration rows
      await store.transaction(async (tx) => {
        await tx.lockWorkshop(workshopId);
        await tx.deleteIntegrations(workshopId);
      });
    },
  };
}
