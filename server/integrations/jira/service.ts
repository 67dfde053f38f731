// The Jira use cases: connect, fields, import preview, write-back preview and run (rules JIRA-SVC-1..7).
// The HTTP routes (phase 2) parse bodies with domain/integrations/wire.ts and call these.
import { randomBytes } from 'node:crypto';
import type { ExistingBacklog, PreviewInput } from '../../../domain/backlog';
import { chooseField, discoverStoryPointFields } from '../../../domain/integrations/fields';
import { countResults, failedKeys, ownWrittenValues, type WriteBackRun } from '../../../domain/integrations/results';
import type {
  JiraConnectBody,
  JiraConnectionInfo,
  JiraFieldsAnswer,
  JiraImportBody,
  JiraImportPreviewAnswer,
  WriteBackPreviewAnswer,
  WriteBackPreviewBody,
  WriteBackRunAnswer,
  WriteBackRunBody,
} from '../../../domain/integrations/wire';
import { planWriteBack, type WriteBackItem, type WriteBackPlan } from '../../../domain/integrations/writeback';
import type { Sealer } from '../crypto';
import type { NetPolicy } from '../net';
import type { IntegrationStore, JiraConnectionRecord } from '../store';
import { createJiraApi, type JiraApi, type JiraCredentials, type JiraDeps } from './client';
import { readCurrentValues } from './current';
import { JiraError } from './errors';
import { importInputFromJira, previewFromJira } from './import';
import { executeWriteBack } from './writeback';

/** What the service needs to know about sessions and the backlog (the lead's store provides it). */
export interface SessionSource {
  /** null when there is no such session */
  writeBackSource(
    sessionId: string,
  ): Promise<{ workshopId: string; locked: boolean; factor: number | null; items: WriteBackItem[] } | null>;
  /** what an import into this session is matched against (as the file import's existing backlog); null: no such session */
  importTarget(sessionId: string): Promise<{ workshopId: string; existing: ExistingBacklog } | null>;
}

export type IntegrationErrorCode =
  | 'integrations_off'
  | 'not_connected'
  | 'wrong_kind'
  | 'no_field'
  | 'invalid_field'
  | 'field_missing'
  | 'not_locked'
  | 'no_factor'
  | 'bad_factor'
  | 'plan_changed'
  | 'unknown_session'
  | 'unknown_run'
  | 'running'
  | 'credentials_unreadable'
  | 'jira';

/** A refusal with its HTTP status; `jira` carries Jira's failure when the cause was there. */
export class IntegrationError extends Error {
  constructor(
    readonly code: IntegrationErrorCode,
    readonly status: number,
    message: string,
    readonly jira: { code: string; status: number | null; messages: string[] } | null = null,
    readonly preview: WriteBackPreviewAnswer | null = null,
  ) {
    super(message);
    this.name = 'IntegrationError';
  }
}

export interface JiraServiceDeps {
  store: IntegrationStore;
  /** null: SECRET_KEY is missing or too short; every call says so */
  sealer: Sealer | null;
  sealerProblem?: string;
  sessions: SessionSource;
  policy: NetPolicy;
  /** builds the API for stored credentials; tests pass timeouts and a recording sleep */
  jira?: Omit<JiraDeps, 'policy'>;
  now?: () => number;
  newId?: () => string;
  /** how often a writing run says it is alive, and after how long without that it counts as left by a crash */
  heartbeatMs?: number;
  staleMs?: number;
}

export const RUN_HEARTBEAT_MS = 10_000;
export const RUN_STALE_MS = 60_000;
/** a stop waits this long for the items being written (a request with retries can take longer) */
export const RUN_STOP_WAIT_MS = 10_000;

const context = (workshopId: string) => `jira:${workshopId}`;

function fromJira(e: unknown): never {
  if (e instanceof JiraError) throw new IntegrationError('jira', 502, e.message, { code: e.code, status: e.status, messages: e.jira });
  throw e;
}

export function jiraService(deps: JiraServiceDeps) {
  const now = deps.now ?? Date.now;
  const newId = deps.newId ?? (() => randomBytes(12).toString('base64url'));
  const heartbeatMs = deps.heartbeatMs ?? RUN_HEARTBEAT_MS;
  const staleMs = deps.staleMs ?? RUN_STALE_MS;
  /** sessions this process is planning or writing (answers a second click at once; the store's guard holds across processes) */
  const running = new Set<string>();
  /** runs this process writes: a stop request, and the run's end */
  const active = new Map<string, { stop: boolean; ended: Promise<unknown> }>();

  const sealer = (): Sealer => {
    if (!deps.sealer)
      throw new IntegrationError('integrations_off', 503, deps.sealerProblem ?? 'Jira and webhooks are off: the server has no SECRET_KEY');
    return deps.sealer;
  };
  const apiFor = (creds: JiraCredentials): JiraApi => {
    try {
      return createJiraApi(creds, { ...deps.jira, policy: deps.policy });
    } catch (e) {
      return fromJira(e);
    }
  };

  async function connection(workshopId: string): Promise<{ rec: JiraConnectionRecord; api: JiraApi }> {
    const s = sealer();
    const rec = await deps.store.getJiraConnection(workshopId);
    if (!rec) throw new IntegrationError('not_connected', 409, 'the workshop is not connected to Jira');
    let secret: { apiToken?: string; token?: string };
    try {
      secret = JSON.parse(s.open(rec.sealedSecret, context(workshopId))) as typeof secret;
    } catch (e) {
      throw new IntegrationError(
        'credentials_unreadable',
        409,
        `the stored Jira credentials cannot be read: ${e instanceof Error ? e.message : 'unknown error'}`,
      );
    }
    const creds: JiraCredentials =
      rec.kind === 'cloud'
        ? { kind: 'cloud', url: rec.url, email: rec.email ?? '', apiToken: secret.apiToken ?? '' }
        : { kind: 'datacenter', url: rec.url, token: secret.token ?? '' };
    return { rec, api: apiFor(creds) };
  }

  const info = (rec: JiraConnectionRecord): JiraConnectionInfo => ({
    kind: rec.kind,
    url: rec.url,
    email: rec.email,
    account: { displayName: rec.accountName, id: rec.accountId },
    server: { version: rec.serverVersion, deploymentType: rec.deploymentType },
    field: rec.fieldId ? { id: rec.fieldId, name: rec.fieldName ?? rec.fieldId, viaBoard: rec.viaBoard } : null,
    boardId: rec.boardId,
    connectedAt: rec.connectedAt,
  });

  /**
   * JIRA-SVC-5: the plan for a session: the session's items, Jira's current values of the chosen
   * field (read fresh), the domain's planWriteBack; `retryOf` limits it to that run's failed items.
   * A chosen field that no longer exists in Jira (or is no number field any more) is `field_missing`.
   */
  async function plan(
    sessionId: string,
    body: WriteBackPreviewBody,
  ): Promise<{
    answer: WriteBackPreviewAnswer;
    workshopId: string;
    api: JiraApi;
    rec: JiraConnectionRecord;
    retryOf: WriteBackRun | null;
  }> {
    const src = await deps.sessions.writeBackSource(sessionId);
    if (!src) throw new IntegrationError('unknown_session', 404, 'no such session');
    const { rec, api } = await connection(src.workshopId);
    if (!rec.fieldId) throw new IntegrationError('no_field', 409, 'choose the story-point field first');
    let retryOf: WriteBackRun | null = null;
    if (body.retryOf) {
      retryOf = await deps.store.getWriteBackRun(body.retryOf);
      if (!retryOf || retryOf.sessionId !== sessionId)
        throw new IntegrationError('unknown_run', 404, `no write-back run ${body.retryOf} in this session`);
    }
    const onlyKeys = retryOf ? failedKeys(retryOf) : undefined;
    const keys = src.items.flatMap((i) => (i.key !== null && (!onlyKeys || onlyKeys.includes(i.key)) ? [i.key] : []));
    // an unlocked session has no plan: answer that before asking Jira anything
    const early = planWriteBack({
      locked: src.locked,
      mode: body.mode,
      rounding: body.rounding,
      factor: src.factor,
      fieldId: rec.fieldId,
      items: [],
      current: {},
    });
    if (!early.ok) throw refusal(early);
    // the chosen field may have been deleted or changed in Jira since it was chosen
    const still = chooseField(rec.fieldId, await api.fields().catch(fromJira));
    if (!still.ok) {
      throw new IntegrationError(
        'field_missing',
        409,
        `the story-point field ${rec.fieldName ?? rec.fieldId} (${rec.fieldId}) cannot be used any more: ${still.message}; choose the field again`,
      );
    }
    const current = await readCurrentValues(api, keys, rec.fieldId).catch(fromJira);
    const p = planWriteBack({
      locked: src.locked,
      mode: body.mode,
      rounding: body.rounding,
      factor: src.factor,
      fieldId: rec.fieldId,
      items: src.items,
      current,
      ...(onlyKeys ? { onlyKeys } : {}),
    });
    if (!p.ok) throw refusal(p);
    return {
      answer: {
        rows: p.rows,
        counts: p.counts,
        digest: p.digest,
        field: { id: rec.fieldId, name: rec.fieldName ?? rec.fieldId },
        via: rec.viaBoard && rec.boardId !== null ? 'board' : 'issue',
        mode: body.mode,
        factor: src.factor,
      },
      workshopId: src.workshopId,
      api,
      rec,
      retryOf,
    };
  }

  function refusal(p: Extract<WriteBackPlan, { ok: false }>): IntegrationError {
    return new IntegrationError(p.error.code, 409, p.error.message);
  }

  const service = {
    /**
     * JIRA-SVC-1: connect checks the credentials (myself) and the product (serverInfo) before
     * anything is stored: Cloud credentials against Data Center (or the reverse) are refused with
     * `wrong_kind`. The token is stored sealed; a suggested story-point field is chosen at once.
     */
    async connect(workshopId: string, body: JiraConnectBody): Promise<JiraConnectionInfo> {
      const s = sealer();
      const creds: JiraCredentials =
        body.kind === 'cloud'
          ? { kind: 'cloud', url: body.siteUrl, email: body.email, apiToken: body.apiToken }
          : { kind: 'datacenter', url: body.baseUrl, token: body.token };
      const api = apiFor(creds);
      const [me, server] = await Promise.all([api.myself(), api.serverInfo()]).catch(fromJira);
      const isCloud = server.deploymentType?.toLowerCase() === 'cloud';
      if (isCloud !== (body.kind === 'cloud')) {
        throw new IntegrationError(
          'wrong_kind',
          400,
          isCloud
            ? 'this address is a Jira Cloud site: connect it as Cloud with e-mail and API token'
            : 'this address is Jira Data Center or Server: connect it as Data Center with a personal access token',
        );
      }
      const fields = await api.fields().catch(fromJira);
      const found = discoverStoryPointFields(fields);
      const chosen = found.candidates[0] ?? null;
      const previous = await deps.store.getJiraConnection(workshopId);
      const t = now();
      const rec: JiraConnectionRecord = {
        workshopId,
        kind: body.kind,
        url: api.url,
        email: body.kind === 'cloud' ? body.email : null,
        sealedSecret: s.seal(
          JSON.stringify(body.kind === 'cloud' ? { apiToken: body.apiToken } : { token: body.token }),
          context(workshopId),
        ),
        accountId: me.accountId ?? me.key ?? me.name ?? null,
        accountName: me.displayName ?? me.name ?? null,
        serverVersion: server.version ?? null,
        deploymentType: server.deploymentType ?? null,
        fieldId: chosen?.id ?? null,
        fieldName: chosen?.name ?? null,
        boardId: null,
        viaBoard: false,
        connectedAt: previous?.connectedAt ?? t,
        updatedAt: t,
      };
      await deps.store.saveJiraConnection(rec);
      return info(rec);
    },

    async info(workshopId: string): Promise<JiraConnectionInfo | null> {
      const rec = await deps.store.getJiraConnection(workshopId);
      return rec ? info(rec) : null;
    },

    /** JIRA-SVC-7: disconnecting deletes the stored credentials; the write-back log stays with its sessions. */
    async disconnect(workshopId: string): Promise<void> {
      await deps.store.deleteJiraConnection(workshopId);
    },

    /** JIRA-SVC-2: the story-point fields found (INT-FIELD-*), with the board's estimation field when a board is given. */
    async fields(workshopId: string, boardId?: number | null): Promise<JiraFieldsAnswer> {
      const { rec, api } = await connection(workshopId);
      const board = boardId ? await api.boardConfiguration(boardId).catch(fromJira) : null;
      const fields = await api.fields().catch(fromJira);
      return { ...discoverStoryPointFields(fields, board), chosen: info(rec).field };
    },

    /** JIRA-SVC-2: the facilitator's choice (INT-FIELD-3/4): any number field, via the board when it estimates with it. */
    async chooseField(workshopId: string, body: { fieldId: string; boardId?: number | null | undefined }): Promise<JiraConnectionInfo> {
      const { rec, api } = await connection(workshopId);
      const board = body.boardId ? await api.boardConfiguration(body.boardId).catch(fromJira) : null;
      const choice = chooseField(body.fieldId, await api.fields().catch(fromJira), board);
      if (!choice.ok) throw new IntegrationError('invalid_field', 400, choice.message);
      const next: JiraConnectionRecord = {
        ...rec,
        fieldId: choice.field.id,
        fieldName: choice.field.name,
        boardId: body.boardId ?? null,
        viaBoard: choice.viaBoard,
        updatedAt: now(),
      };
      await deps.store.saveJiraConnection(next);
      return info(next);
    },

    /**
     * JIRA-SVC-3: the import preview into a session (INT-MAP-*), matched like a file import; values the
     * workshop wrote back itself are not taken as detailed estimates (INT-MAP-7). Importing the rows
     * goes through the backlog service.
     */
    async importPreview(sessionId: string, body: JiraImportBody): Promise<JiraImportPreviewAnswer> {
      const target = await deps.sessions.importTarget(sessionId);
      if (!target) throw new IntegrationError('unknown_session', 404, 'no such session');
      const { rec, api } = await connection(target.workshopId);
      const own = ownWrittenValues(await deps.store.listWorkshopWriteBackRuns(target.workshopId));
      return previewFromJira(api, body, rec.fieldId, target.existing, own).catch(fromJira);
    },

    /**
     * JIRA-SVC-3: what an import reads from Jira, as the backlog import's input (JSON items), for the
     * session's import path (server/services/backlog.ts importIntoSession); input null: no issues.
     */
    async importSource(
      sessionId: string,
      body: JiraImportBody,
    ): Promise<{ input: PreviewInput | null; keys: string[]; truncated: boolean }> {
      const target = await deps.sessions.importTarget(sessionId);
      if (!target) throw new IntegrationError('unknown_session', 404, 'no such session');
      const { rec, api } = await connection(target.workshopId);
      const own = ownWrittenValues(await deps.store.listWorkshopWriteBackRuns(target.workshopId));
      return importInputFromJira(api, body, rec.fieldId, own).catch(fromJira);
    },

    async writeBackPreview(sessionId: string, body: WriteBackPreviewBody): Promise<WriteBackPreviewAnswer> {
      return (await plan(sessionId, body)).answer;
    },

    /**
     * JIRA-SVC-4: a run writes only what the confirmed preview showed: the plan is made again and
     * its digest must equal the confirmed one, else `plan_changed` (409, with the new preview) and
     * nothing is written. One run per session at a time (`running`). The run and each result are
     * stored as they happen (INT-LOG-*); `retryOf` writes the failed items of that run only.
     * JIRA-SVC-6: a second run after a successful one finds every item unchanged and writes nothing.
     * JIRA-SVC-8: startWriteBack answers as soon as the run is stored and writes in the background
     * (200 items at Jira Cloud's pace take minutes, longer than an HTTP request should); its
     * progress is the run's log. `done` settles when the run has finished.
     */
    async startWriteBack(sessionId: string, body: WriteBackRunBody): Promise<{ run: WriteBackRun; done: Promise<WriteBackRunAnswer> }> {
      if (running.has(sessionId)) throw new IntegrationError('running', 409, 'a write-back of this session is running');
      running.add(sessionId);
      let started = false;
      try {
        const p = await plan(sessionId, body);
        if (p.answer.digest !== body.digest) {
          throw new IntegrationError(
            'plan_changed',
            409,
            'Jira or the session changed since the preview; check the new preview and confirm again',
            null,
            p.answer,
          );
        }
        const run: WriteBackRun = {
          id: newId(),
          sessionId,
          fieldId: p.answer.field.id,
          fieldName: p.answer.field.name,
          via: p.answer.via,
          mode: body.mode,
          startedAt: now(),
          finishedAt: null,
          retryOf: p.retryOf?.id ?? null,
          results: [],
        };
        const at = now();
        if (!(await deps.store.createWriteBackRun(p.workshopId, run, { at, staleBefore: at - staleMs }))) {
          throw new IntegrationError('running', 409, 'a write-back of this session is running');
        }
        const target = { fieldId: p.answer.field.id, boardId: p.answer.via === 'board' ? p.rec.boardId : null };
        const state = { stop: false, ended: Promise.resolve() as Promise<unknown> };
        const beat = setInterval(() => void deps.store.heartbeatWriteBackRun(run.id, now()).catch(() => {}), heartbeatMs);
        beat.unref();
        const done = (async (): Promise<WriteBackRunAnswer> => {
          let interrupted = true;
          try {
            const results = await executeWriteBack(p.api, p.answer.rows, target, {
              now,
              // the run is gone when its workshop was deleted meanwhile
              onResult: async (r) => {
                if (!(await deps.store.appendWriteBackResult(run.id, r))) state.stop = true;
              },
              shouldStop: () => state.stop,
            });
            interrupted = state.stop;
            const finishedAt = now();
            return { run: { ...run, finishedAt, results, ...(interrupted ? { interrupted } : {}) }, counts: countResults(results) };
          } finally {
            clearInterval(beat);
            await deps.store.finishWriteBackRun(run.id, now(), interrupted).catch(() => {});
            running.delete(sessionId);
            active.delete(run.id);
          }
        })();
        state.ended = done.catch(() => undefined);
        active.set(run.id, state);
        started = true;
        return { run, done };
      } finally {
        if (!started) running.delete(sessionId);
      }
    },

    /** The same, waiting for the run to finish (tests, scripts). */
    async writeBack(sessionId: string, body: WriteBackRunBody): Promise<WriteBackRunAnswer> {
      return (await service.startWriteBack(sessionId, body)).done;
    },

    /** A session's runs, oldest first; a run another process left unfinished (a crash) is ended as interrupted first. */
    async runs(sessionId: string): Promise<WriteBackRun[]> {
      const list = await deps.store.listWriteBackRuns(sessionId);
      if (!list.some((r) => r.finishedAt === null && !active.has(r.id))) return list;
      const at = now();
      return (await deps.store.interruptStaleRuns(at - staleMs, at, sessionId)) > 0 ? deps.store.listWriteBackRuns(sessionId) : list;
    },

    /**
     * At start-up: runs left unfinished by a crash end as interrupted. `alone`: no other process
     * shares the database (no cluster), so every unfinished run is left over; otherwise only those
     * whose writer has not been heard of for a while.
     */
    async recover(alone: boolean): Promise<number> {
      const at = now();
      return deps.store.interruptStaleRuns(alone ? at + 1 : at - staleMs, at);
    },

    /**
     * Stopping the server: runs in progress finish their current item and end as interrupted. An
     * item still waiting for Jira after `waitMs` is not waited for: its run is ended as interrupted
     * at once (the item's result, if it comes, is dropped with the closed store).
     */
    async close(waitMs = RUN_STOP_WAIT_MS): Promise<void> {
      for (const r of active.values()) r.stop = true;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)));
      await Promise.race([Promise.all([...active.values()].map((r) => r.ended)), late]);
      clearTimeout(timer);
      for (const id of [...active.keys()]) await deps.store.finishWriteBackRun(id, now(), true).catch(() => {});
    },
  };
  return service;
}

export type JiraService = ReturnType<typeof jiraService>;
