// The integrations in the running app: the store, the Jira service, the webhook sender and the
// hooks the app calls after a session is locked or a sprint recorded (docs/integrations.md).
import { findBucket, type VersionedEvent } from '../../domain/board';
import { sessionLockedMessage, sprintRecordedMessage } from '../../domain/integrations/events';
import type { WriteBackItem } from '../../domain/integrations/writeback';
import { participantPath } from '../../domain/protocol';
import type { WorkshopPlanning } from '../../domain/workshop';
import en from '../../messages/integrations.en.json';
import de from '../../messages/integrations.de.json';
import type { Logger } from '../log';
import { existingBacklog } from '../services/backlog';
import { currentBoard, type RoomDeps } from '../services/rooms';
import { sessionResult } from '../services/sessions';
import type { IntegrationsConfig } from './config';
import { dbIntegrationStore } from './db-store';
import type { JiraDeps } from './jira/client';
import { IntegrationError, jiraService, type SessionSource } from './jira/service';
import type { RetryPolicy, Sleep } from './retry';
import type { IntegrationStore } from './store';
import { HOOK_STALE_MS, httpTransport, webhookConfig, webhookSender, type WebhookTransport } from './webhook';

export interface IntegrationsDeps extends RoomDeps {
  log: Logger;
  config: IntegrationsConfig;
  /** no other process shares the database: every run left unfinished at start-up is left over from a crash */
  alone: boolean;
  /** tests: short timeouts, recorded waits, a local transport; the store defaults to the app's database */
  tuning?: IntegrationsTuning;
}

export interface IntegrationsTuning {
  store?: IntegrationStore;
  jira?: Omit<JiraDeps, 'policy'>;
  webhook?: { retry?: RetryPolicy; sleep?: Sleep; timeoutMs?: number; transport?: WebhookTransport; staleMs?: number };
  heartbeatMs?: number;
  staleMs?: number;
}

/** What the write-back and the import need to know about a session (SessionSource of the Jira service). */
function sessionSource(deps: RoomDeps): SessionSource {
  return {
    async writeBackSource(sessionId) {
      const meta = await deps.store.read.getSessionMeta(sessionId);
      if (!meta) return null;
      const board = await currentBoard(deps, sessionId);
      // the factor as the export has it; the calibration's own function replaces this call later
      const { factor } = await sessionResult(deps, sessionId);
      const items = board.cards.map((card): WriteBackItem => {
        const at = board.placement[card.id] ?? null;
        const bucket = at === null ? undefined : findBucket(board.scale, at);
        return { itemId: card.id, key: card.key, title: card.title, bucketLabel: bucket?.label ?? null, ap: bucket?.value ?? null };
      });
      return { workshopId: meta.workshopId, locked: board.phase === 'locked', factor, items };
    },
    async importTarget(sessionId) {
      const meta = await deps.store.read.getSessionMeta(sessionId);
      if (!meta) return null;
      return { workshopId: meta.workshopId, existing: await existingBacklog(deps.store.read, await currentBoard(deps, sessionId)) };
    },
  };
}

export function createIntegrations(deps: IntegrationsDeps) {
  const { config, log, tuning = {} } = deps;
  const store = tuning.store ?? dbIntegrationStore(deps.store);
  const jira = jiraService({
    store,
    sealer: config.sealer,
    ...(config.problem ? { sealerProblem: config.problem } : {}),
    sessions: sessionSource(deps),
    policy: config.policy,
    ...(tuning.jira ? { jira: tuning.jira } : {}),
    now: deps.now,
    ...(tuning.heartbeatMs ? { heartbeatMs: tuning.heartbeatMs } : {}),
    ...(tuning.staleMs ? { staleMs: tuning.staleMs } : {}),
  });
  const sealer = config.sealer;
  const sender = sealer
    ? webhookSender({
        store,
        sealer,
        transport: tuning.webhook?.transport ?? httpTransport(config.policy),
        texts: { en: en.integrations.hookText, de: de.integrations.hookText },
        now: deps.now,
        ...(tuning.webhook?.retry ? { retry: tuning.webhook.retry } : {}),
        ...(tuning.webhook?.sleep ? { sleep: tuning.webhook.sleep } : {}),
        ...(tuning.webhook?.timeoutMs ? { timeoutMs: tuning.webhook.timeoutMs } : {}),
        // never the address or the secret: the log names the workshop, the delivery and the cause
        onFailure: (f) =>
          log.warn({ workshopId: f.workshopId, deliveryId: f.deliveryId, status: f.status, error: f.error }, 'webhook delivery failed'),
      })
    : null;
  const hooks = sealer ? webhookConfig(store, sealer, deps.now) : null;
  const hookStaleMs = tuning.webhook?.staleMs ?? HOOK_STALE_MS;
  let resumeTimer: ReturnType<typeof setInterval> | undefined;
  const link = (path: string) => (config.publicUrl ? `${config.publicUrl}${path}` : null);
  /** hooks still reading what to send (tests wait for them with idle()) */
  const inFlight = new Set<Promise<unknown>>();
  const track = (p: Promise<unknown>) => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  };

  async function sessionLocked(sessionId: string) {
    if (!sender) return;
    const meta = await deps.store.read.getSessionMeta(sessionId);
    if (!meta) return;
    const result = await sessionResult(deps, sessionId);
    const msg = sessionLockedMessage(
      { id: meta.workshopId, name: meta.workshopName, url: link(`/workshop/${meta.workshopId}`) },
      { id: sessionId, name: meta.name, url: link(participantPath(sessionId)) },
      result.items.map((i) => i.effortPoints),
      result.factor,
    );
    await sender.notify(meta.workshopId, msg);
  }

  return {
    status: config.status,
    store,
    jira,
    sender,
    /** the webhook's configuration; refused with the reason when the integrations are off */
    webhooks() {
      if (!hooks) throw new IntegrationError('integrations_off', 503, config.problem ?? 'Jira and webhooks are off');
      return hooks;
    },
    /** refuses with the reason when the integrations are off (every route but the status) */
    requireOn() {
      if (!config.sealer) throw new IntegrationError('integrations_off', 503, config.problem ?? 'Jira and webhooks are off');
    },
    /** after a commit (the writer's publish): a session that was just locked tells the webhook, never holding up the room */
    afterCommit(sessionId: string, events: readonly VersionedEvent[]) {
      if (!sender || !events.some((e) => e.event.type === 'phase.changed' && e.event.to === 'locked')) return;
      track(sessionLocked(sessionId).catch((err: unknown) => log.error({ err, sessionId }, 'session.locked webhook failed')));
    },
    /** after a sprint record is committed: the webhook gets the workshop's new figures; never waits */
    sprintRecorded(workshop: { id: string; name: string }, data: WorkshopPlanning) {
      if (!sender) return;
      try {
        const msg = sprintRecordedMessage({ id: workshop.id, name: workshop.name, url: link(`/workshop/${workshop.id}`) }, data);
        if (msg) track(sender.notify(workshop.id, msg));
      } catch (err) {
        log.error({ err, workshopId: workshop.id }, 'sprint.recorded webhook failed');
      }
    },
    /** resolves when every hook has handed its message over and the queue is empty */
    async idle() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
      await sender?.idle();
    },
    /**
     * start-up: write-back runs left unfinished by a crash end as interrupted; webhook deliveries
     * left pending are sent (HOOK-8). Alone, everything pending was left by an earlier run; with
     * other processes, only what nobody has attempted for a while. Looked for again every minute.
     */
    async recover() {
      const n = await jira.recover(deps.alone);
      if (n > 0) log.warn({ runs: n }, 'write-back runs left unfinished by a stop end as interrupted');
      if (sender) {
        // never throws: a webhook is no reason not to start, and what fails is looked for again in a minute
        const takeOver = (staleBefore: number) =>
          sender.resume(staleBefore).then(
            (k) => void (k > 0 && log.warn({ deliveries: k }, 'webhook deliveries left pending by a stop are sent now')),
            (err: unknown) => log.error({ err }, 'taking over webhook deliveries failed'),
          );
        const at = deps.now();
        await takeOver(deps.alone ? at + 1 : at - hookStaleMs);
        // alone too: what one take had no room for is taken later, and a live sender is never that silent
        if (!resumeTimer) {
          resumeTimer = setInterval(() => void takeOver(deps.now() - hookStaleMs), 60_000);
          resumeTimer.unref();
        }
      }
      return n;
    },
    /** stopping: runs in progress end after their current item, as interrupted */
    close: () => {
      clearInterval(resumeTimer);
      return jira.close();
    },
  };
}

export type Integrations = ReturnType<typeof createIntegrations>;
