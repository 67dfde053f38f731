// What the integrations keep, as an interface; the lead's store implements it (phase 2), the
// in-memory one below serves the tests. All methods are async, as the store is.
import type { WriteBackResult, WriteBackRun } from '../../domain/integrations/results';
import type { WebhookEvent, WebhookFormat } from '../../domain/integrations/webhook';
import type { JiraKind } from '../../domain/integrations/wire';

/** One Jira site per workshop. The credential is only ever stored sealed (crypto.ts). */
export interface JiraConnectionRecord {
  workshopId: string;
  kind: JiraKind;
  url: string;
  /** Cloud: the account's e-mail (shown, not secret); Data Center: null */
  email: string | null;
  /** sealed JSON: Cloud `{ apiToken }`, Data Center `{ token }`; context `jira:<workshopId>` */
  sealedSecret: string;
  accountId: string | null;
  accountName: string | null;
  serverVersion: string | null;
  deploymentType: string | null;
  fieldId: string | null;
  fieldName: string | null;
  boardId: number | null;
  /** write through the board's estimation API (the board estimates with fieldId) */
  viaBoard: boolean;
  connectedAt: number;
  updatedAt: number;
}

export interface WebhookRecord {
  workshopId: string;
  /** sealed, like the secret: a Slack or Teams webhook address is itself a credential */
  sealedUrl: string;
  /** what may be shown: scheme, host and the last 4 characters ("https://hooks.slack.com/…x9Qz") */
  urlHint: string;
  /** sealed shared secret; context `webhook:<workshopId>` */
  sealedSecret: string;
  format: WebhookFormat;
  language: 'en' | 'de';
  events: WebhookEvent[];
  updatedAt: number;
}

export type DeliveryErrorCode = 'http' | 'redirect' | 'timeout' | 'network' | 'refused' | 'queue_full' | 'internal';

export interface DeliveryAttempt {
  at: number;
  /** HTTP status, null when no answer came */
  status: number | null;
  /** null when delivered; the UI shows its text for the code */
  code: DeliveryErrorCode | null;
  /** the cause in English, for the API and the server log */
  error: string | null;
  ms: number;
}

export interface DeliveryRecord {
  id: string;
  workshopId: string;
  event: WebhookEvent;
  createdAt: number;
  status: 'pending' | 'delivered' | 'failed' | 'dropped';
  attempts: DeliveryAttempt[];
}

/** A pending delivery taken over from a sender that went silent (HOOK-8), with the body it was sending. */
export interface ClaimedDelivery extends DeliveryRecord {
  /** null: stored before bodies were kept; it cannot be sent again */
  body: string | null;
}

/** When a run may start: now, and since when an unfinished run's writer counts as gone (a crash). */
export interface RunLease {
  at: number;
  /** an unfinished run whose heartbeat is older than this was left by a crash: it ends as interrupted */
  staleBefore: number;
}

/** Deliveries kept per workshop (the newest); older ones and their attempts go. */
export const DELIVERIES_KEPT = 200;

export interface IntegrationStore {
  getJiraConnection(workshopId: string): Promise<JiraConnectionRecord | null>;
  saveJiraConnection(rec: JiraConnectionRecord): Promise<void>;
  deleteJiraConnection(workshopId: string): Promise<void>;

  /**
   * A run starts with no results; results are appended one by one as items are written.
   * At most one unfinished run per session, across processes: false when another one is writing
   * (a stale one, see RunLease, is first ended as interrupted).
   */
  createWriteBackRun(workshopId: string, run: WriteBackRun, lease: RunLease): Promise<boolean>;
  /** also the run's heartbeat; false when the run is gone (its workshop was deleted): stop writing */
  appendWriteBackResult(runId: string, result: WriteBackResult): Promise<boolean>;
  /** the writer is alive (between results: an item may take a while with retries) */
  heartbeatWriteBackRun(runId: string, at: number): Promise<void>;
  finishWriteBackRun(runId: string, finishedAt: number, interrupted?: boolean): Promise<void>;
  /** ends unfinished runs (of one session, or all) whose heartbeat is older than staleBefore; returns how many */
  interruptStaleRuns(staleBefore: number, at: number, sessionId?: string): Promise<number>;
  getWriteBackRun(runId: string): Promise<WriteBackRun | null>;
  /** a session's runs, oldest first */
  listWriteBackRuns(sessionId: string): Promise<WriteBackRun[]>;
  /** all runs of a workshop's sessions, oldest first (what the workshop wrote to Jira) */
  listWorkshopWriteBackRuns(workshopId: string): Promise<WriteBackRun[]>;

  getWebhook(workshopId: string): Promise<WebhookRecord | null>;
  saveWebhook(rec: WebhookRecord): Promise<void>;
  deleteWebhook(workshopId: string): Promise<void>;
  /** `body` is kept while the delivery is pending, for a process that takes it over (HOOK-8) */
  addDelivery(rec: DeliveryRecord, body: string | null): Promise<void>;
  /** also its sender's sign of life */
  addDeliveryAttempt(id: string, attempt: DeliveryAttempt, status: DeliveryRecord['status']): Promise<void>;
  /**
   * HOOK-8: pending deliveries whose sender has not been heard of since `staleBefore` (created or
   * last attempted), at most `limit`, oldest first: each is marked as heard of at `at` and so
   * returned to one caller only, across processes.
   */
  claimStaleDeliveries(staleBefore: number, at: number, limit: number): Promise<ClaimedDelivery[]>;
  /** newest first, at most `limit` */
  listDeliveries(workshopId: string, limit: number): Promise<DeliveryRecord[]>;

  /** with the workshop: its connection (and so its credentials), webhook, deliveries and write-back log */
  deleteWorkshop(workshopId: string): Promise<void>;
}

/** Keeps everything in maps; for tests and for running without a database. */
export function memoryIntegrationStore(): IntegrationStore & { size(): number } {
  const connections = new Map<string, JiraConnectionRecord>();
  const runs = new Map<string, { workshopId: string; run: WriteBackRun; heartbeatAt: number }>();
  const webhooks = new Map<string, WebhookRecord>();
  const deliveries = new Map<string, DeliveryRecord>();
  const sending = new Map<string, { body: string | null; heartbeatAt: number }>();
  const copy = <T>(v: T): T => structuredClone(v);
  const store: IntegrationStore & { size(): number } = {
    async getJiraConnection(id) {
      const c = connections.get(id);
      return c ? copy(c) : null;
    },
    async saveJiraConnection(rec) {
      connections.set(rec.workshopId, copy(rec));
    },
    async deleteJiraConnection(id) {
      connections.delete(id);
    },
    async createWriteBackRun(workshopId, r, lease) {
      await store.interruptStaleRuns(lease.staleBefore, lease.at, r.sessionId);
      if ([...runs.values()].some((x) => x.run.sessionId === r.sessionId && x.run.finishedAt === null)) return false;
      runs.set(r.id, { workshopId, run: copy(r), heartbeatAt: lease.at });
      return true;
    },
    async appendWriteBackResult(runId, result) {
      const r = runs.get(runId);
      if (!r) return false;
      r.run.results.push(copy(result));
      r.heartbeatAt = Math.max(r.heartbeatAt, result.at);
      return true;
    },
    async heartbeatWriteBackRun(runId, at) {
      const r = runs.get(runId);
      if (r) r.heartbeatAt = at;
    },
    async finishWriteBackRun(runId, at, interrupted = false) {
      const r = runs.get(runId)?.run;
      if (!r || r.finishedAt !== null) return;
      r.finishedAt = at;
      if (interrupted) r.interrupted = true;
    },
    async interruptStaleRuns(staleBefore, at, sessionId) {
      let n = 0;
      for (const r of runs.values()) {
        if (r.run.finishedAt !== null || r.heartbeatAt >= staleBefore || (sessionId !== undefined && r.run.sessionId !== sessionId))
          continue;
        r.run.finishedAt = at;
        r.run.interrupted = true;
        n++;
      }
      return n;
    },
    async getWriteBackRun(runId) {
      const r = runs.get(runId);
      return r ? copy(r.run) : null;
    },
    async listWriteBackRuns(sessionId) {
      return [...runs.values()]
        .map((r) => r.run)
        .filter((r) => r.sessionId === sessionId)
        .sort((a, b) => a.startedAt - b.startedAt)
        .map(copy);
    },
    async listWorkshopWriteBackRuns(workshopId) {
      return [...runs.values()]
        .filter((r) => r.workshopId === workshopId)
        .map((r) => r.run)
        .sort((a, b) => a.startedAt - b.startedAt)
        .map(copy);
    },
    async getWebhook(id) {
      const w = webhooks.get(id);
      return w ? copy(w) : null;
    },
    async saveWebhook(rec) {
      webhooks.set(rec.workshopId, copy(rec));
    },
    async deleteWebhook(id) {
      webhooks.delete(id);
    },
    async addDelivery(rec, body) {
      deliveries.set(rec.id, copy(rec));
      if (rec.status === 'pending') sending.set(rec.id, { body, heartbeatAt: rec.createdAt });
      const mine = [...deliveries.values()]
        .filter((d) => d.workshopId === rec.workshopId)
        .reverse()
        .sort((a, b) => b.createdAt - a.createdAt);
      for (const d of mine.slice(DELIVERIES_KEPT)) {
        deliveries.delete(d.id);
        sending.delete(d.id);
      }
    },
    async addDeliveryAttempt(id, attempt, status) {
      const d = deliveries.get(id);
      if (!d) return;
      d.attempts.push(copy(attempt));
      d.status = status;
      const s = sending.get(id);
      if (s && status === 'pending') s.heartbeatAt = attempt.at + attempt.ms;
      else sending.delete(id);
    },
    async claimStaleDeliveries(staleBefore, at, limit) {
      const stale = [...deliveries.values()]
        .filter((d) => d.status === 'pending' && (sending.get(d.id)?.heartbeatAt ?? d.createdAt) < staleBefore)
        .sort((a, b) => a.createdAt - b.createdAt)
        .slice(0, limit);
      return stale.map((d) => {
        const s = sending.get(d.id) ?? { body: null, heartbeatAt: at };
        s.heartbeatAt = at;
        sending.set(d.id, s);
        return { ...copy(d), body: s.body };
      });
    },
    async listDeliveries(workshopId, limit) {
      return [...deliveries.values()]
        .filter((d) => d.workshopId === workshopId)
        .sort((a, b) => b.createdAt - a.createdAt)
        .slice(0, limit)
        .map(copy);
    },
    async deleteWorkshop(id) {
      connections.delete(id);
      webhooks.delete(id);
      for (const [k, d] of deliveries)
        if (d.workshopId === id) {
          deliveries.delete(k);
          sending.delete(k);
        }
      for (const [k, r] of runs) if (r.workshopId === id) runs.delete(k);
    },
    size: () => connections.size + runs.size + webhooks.size + deliveries.size,
  };
  return store;
}
