import type { BoardEvent, VersionedEvent } from '../domain/board';
import { marks, type Executor, type Param } from './sql';

/*
 * Every query of the app, written once for both engines (db/sql.ts). Services reach them
 * through the store (db/store.ts): `store.read` outside a transaction, `tx` inside one.
 */

export interface Workshop {
  id: string;
  name: string;
  secretHash: string;
  createdAt: number;
}

export interface Item {
  id: string;
  workshopId: string;
  key: string | null;
  title: string;
  description: string;
  position: number;
  /** the item's own story points (from the tracker); calibration reads session references only */
  storyPoints: number | null;
  /** a size in AP typed when the item was added during a sprint */
  typedSizeAp: number | null;
  createdAt: number;
}

export interface NewItem {
  id: string;
  key: string | null;
  title: string;
  description?: string;
  position: number;
  typedSizeAp?: number | null;
}

export interface ItemPatch {
  title?: string;
  description?: string;
  storyPoints?: number | null;
}

export interface NewSession {
  id: string;
  workshopId: string;
  name: string;
  joinCode: string;
  createdAt: number;
}

export interface SessionMeta {
  id: string;
  name: string;
  joinCode: string;
  workshopId: string;
  workshopName: string;
  secretHash: string;
  version: number;
}

export interface SessionRow {
  id: string;
  name: string;
  joinCode: string;
  version: number;
  createdAt: number;
}

export interface Credential {
  id: string;
  sessionId: string;
  tokenHash: string;
  createdAt: number;
}

export interface ReferenceRow {
  sessionId: string;
  itemId: string;
  storyPoints: number;
  updatedAt: number;
}

export interface SprintRow {
  workshopId: string;
  sprintIndex: number;
  doneAp: number;
  /** JSON array of item ids */
  doneItemIds: string;
  costMinor: number | null;
  scopeAddedAp: number;
  scopeRemovedAp: number;
  addedItemIds: string;
  droppedItemIds: string;
  recordedAt: number;
}

export interface ShareLinkRow {
  id: string;
  workshopId: string;
  tokenHash: string;
  createdAt: number;
  revokedAt: number | null;
}

interface EventRow {
  version: number;
  by: string | null;
  at: number;
  payload: string;
}

const ITEM = `id, workshop_id as "workshopId", key, title, description, position, story_points as "storyPoints",
  typed_size_ap as "typedSizeAp", created_at as "createdAt"`;
// ---- integrations' rows (server/integrations/db-store.ts maps them to its records) ----

export interface JiraConnectionRow {
  workshopId: string;
  kind: string;
  url: string;
  email: string | null;
  sealedSecret: string;
  accountId: string | null;
  accountName: string | null;
  serverVersion: string | null;
  deploymentType: string | null;
  fieldId: string | null;
  fieldName: string | null;
  boardId: number | null;
  viaBoard: number;
  connectedAt: number;
  updatedAt: number;
}

export interface WriteBackRunRow {
  id: string;
  workshopId: string;
  sessionId: string;
  fieldId: string;
  fieldName: string;
  via: string;
  mode: string;
  startedAt: number;
  finishedAt: number | null;
  interrupted: number;
  retryOf: string | null;
  heartbeatAt: number;
}

export interface WriteBackResultRow {
  runId: string;
  itemId: string;
  key: string;
  status: string;
  before: number | null;
  after: number | null;
  errorCode: string | null;
  errorMessage: string | null;
  /** JSON array */
  jiraMessages: string | null;
  attempts: number;
  at: number;
}

export interface WebhookRow {
  workshopId: string;
  sealedUrl: string;
  urlHint: string;
  sealedSecret: string;
  format: string;
  language: string;
  /** JSON array */
  events: string;
  updatedAt: number;
}

export interface DeliveryRow {
  id: string;
  workshopId: string;
  event: string;
  createdAt: number;
  status: string;
}

/** A pending delivery taken over from a sender that went silent (HOOK-8): what it was sending. */
export interface ClaimedDeliveryRow extends DeliveryRow {
  body: string | null;
}

export interface DeliveryAttemptRow {
  deliveryId: string;
  at: number;
  status: number | null;
  code: string | null;
  error: string | null;
  ms: number;
}

const RUN = `id, workshop_id as "workshopId", session_id as "sessionId", field_id as "fieldId", field_name as "fieldName", via, mode,
  started_at as "startedAt", finished_at as "finishedAt", interrupted, retry_of as "retryOf", heartbeat_at as "heartbeatAt"`;
const RESULT = `run_id as "runId", item_id as "itemId", key, status, before, after, error_code as "errorCode", error_message as "errorMessage",
  jira_messages as "jiraMessages", attempts, at`;

/** A workshop's integration rows, children first (run before deleteWorkshop's own deletes: runs refer to sessions). */
const INTEGRATION_DELETES = [
  'delete from writeback_results where run_id in (select id from writeback_runs where workshop_id = ?)',
  'delete from writeback_runs where workshop_id = ?',
  'delete from webhook_attempts where delivery_id in (select id from webhook_deliveries where workshop_id = ?)',
  'delete from webhook_deliveries where workshop_id = ?',
  'delete from webhooks where workshop_id = ?',
  'delete from jira_connections where workshop_id = ?',
];

const SPRINT = `workshop_id as "workshopId", sprint_index as "sprintIndex", done_ap as "doneAp", done_item_ids as "doneItemIds",
  cost_minor as "costMinor", scope_added_ap as "scopeAddedAp", scope_removed_ap as "scopeRemovedAp",
  added_item_ids as "addedItemIds", dropped_item_ids as "droppedItemIds", recorded_at as "recordedAt"`;

const itemOf = (e: BoardEvent): string | null => ('cardId' in e ? e.cardId : e.type === 'card.added' ? e.card.id : null);

const toVersioned = (r: EventRow): VersionedEvent => ({
  version: r.version,
  by: r.by,
  at: r.at,
  event: JSON.parse(r.payload) as BoardEvent,
});

/** Rows per multi-row insert (SQLite allows 32,766 parameters; 7 per event). */
const EVENT_ROWS_PER_INSERT = 500;

export class Queries {
  /** insertion order: SQLite's rowid, a generated identity column in Postgres */
  private readonly seq: string;

  constructor(protected readonly x: Executor) {
    this.seq = x.dialect === 'sqlite' ? 'rowid' : 'seq';
  }

  // ---- workshops and their backlog ----

  async insertWorkshop(w: Workshop) {
    await this.x.run('insert into workshops (id, name, secret_hash, created_at) values (?, ?, ?, ?)', [
      w.id,
      w.name,
      w.secretHash,
      w.createdAt,
    ]);
  }

  getWorkshop(id: string) {
    return this.x.get<Workshop>('select id, name, secret_hash as "secretHash", created_at as "createdAt" from workshops where id = ?', [
      id,
    ]);
  }

  async insertItems(workshopId: string, list: NewItem[], createdAt: number) {
    for (let i = 0; i < list.length; i += EVENT_ROWS_PER_INSERT) {
      const chunk = list.slice(i, i + EVENT_ROWS_PER_INSERT);
      const params: Param[] = chunk.flatMap((it) => [
        it.id,
        workshopId,
        it.key,
        it.title,
        it.description ?? '',
        it.position,
        it.typedSizeAp ?? null,
        createdAt,
      ]);
      const rows = chunk.map(() => `(${marks(8)})`).join(', ');
      await this.x.run(
        `insert into items (id, workshop_id, key, title, description, position, typed_size_ap, created_at) values ${rows}`,
        params,
      );
    }
  }

  async renameItem(id: string, title: string) {
    await this.x.run('update items set title = ? where id = ?', [title, id]);
  }

  async hasItem(id: string): Promise<boolean> {
    return (await this.x.get('select 1 as one from items where id = ?', [id])) !== undefined;
  }

  /** The workshop's backlog in priority order (ties: oldest first). */
  listItems(workshopId: string) {
    return this.x.all<Item>(`select ${ITEM} from items where workshop_id = ? order by position, created_at, ${this.seq}`, [workshopId]);
  }

  itemsByIds(ids: string[]): Promise<Item[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.x.all<Item>(`select ${ITEM} from items where id in (${marks(ids.length)})`, ids);
  }

  getItem(workshopId: string, id: string) {
    return this.x.get<Item>(`select ${ITEM} from items where workshop_id = ? and id = ?`, [workshopId, id]);
  }

  /** Keys are unique per workshop. */
  itemByKey(workshopId: string, key: string) {
    return this.x.get<Item>(`select ${ITEM} from items where workshop_id = ? and key = ?`, [workshopId, key]);
  }

  async countItems(workshopId: string): Promise<number> {
    return (await this.x.get<{ n: number }>('select count(*) as n from items where workshop_id = ?', [workshopId]))?.n ?? 0;
  }

  async updateItem(id: string, patch: ItemPatch) {
    const cols: [string, Param][] = [];
    if (patch.title !== undefined) cols.push(['title', patch.title]);
    if (patch.description !== undefined) cols.push(['description', patch.description]);
    if (patch.storyPoints !== undefined) cols.push(['story_points', patch.storyPoints]);
    if (cols.length === 0) return;
    await this.x.run(`update items set ${cols.map(([c]) => `${c} = ?`).join(', ')} where id = ?`, [...cols.map(([, v]) => v), id]);
  }

  // ---- sessions ----

  async insertSession(s: NewSession) {
    await this.x.run('insert into sessions (id, workshop_id, name, join_code, created_at) values (?, ?, ?, ?, ?)', [
      s.id,
      s.workshopId,
      s.name,
      s.joinCode,
      s.createdAt,
    ]);
  }

  getSessionMeta(sessionId: string) {
    return this.x.get<SessionMeta>(
      `select s.id, s.name, s.join_code as "joinCode", s.workshop_id as "workshopId", w.name as "workshopName",
        w.secret_hash as "secretHash", s.version
       from sessions s join workshops w on w.id = s.workshop_id where s.id = ?`,
      [sessionId],
    );
  }

  /** The session's current version (one indexed lookup), or undefined if there is no such session. */
  async sessionVersion(sessionId: string): Promise<number | undefined> {
    return (await this.x.get<{ version: number }>('select version from sessions where id = ?', [sessionId]))?.version;
  }

  sessionByJoinCode(code: string) {
    return this.x.get<{ id: string }>('select id from sessions where join_code = ?', [code.toUpperCase()]);
  }

  /** A workshop's sessions, oldest first. */
  listSessions(workshopId: string) {
    return this.x.all<SessionRow>(
      `select id, name, join_code as "joinCode", version, created_at as "createdAt" from sessions
       where workshop_id = ? order by created_at, ${this.seq}`,
      [workshopId],
    );
  }

  /** When the session was last locked (the time of its latest phase change to locked), if it is. */
  async lockedAt(sessionId: string): Promise<number | undefined> {
    const row = await this.x.get<{ at: number; payload: string }>(
      "select at, payload from events where session_id = ? and type = 'phase.changed' order by version desc limit 1",
      [sessionId],
    );
    if (!row) return undefined;
    const e = JSON.parse(row.payload) as BoardEvent;
    return e.type === 'phase.changed' && e.to === 'locked' ? Number(row.at) : undefined;
  }

  // ---- a workshop as a whole: export, deletion, retention ----

  /** Workshops created before `before` whose last write (events, sprints, settings, references, links) is before it too. */
  idleWorkshops(before: number, limit = 100) {
    return this.x.all<{ id: string }>(
      `select w.id from workshops w
       where w.created_at < ?
         and coalesce((select max(e.at) from sessions s join events e on e.session_id = s.id and e.version = s.version where s.workshop_id = w.id), 0) < ?
         and coalesce((select max(recorded_at) from sprints where workshop_id = w.id), 0) < ?
         and coalesce((select max(updated_at) from plan_settings where workshop_id = w.id), 0) < ?
         and coalesce((select max(r.updated_at) from session_references r join sessions s on s.id = r.session_id where s.workshop_id = w.id), 0) < ?
         and coalesce((select max(created_at) from share_links where workshop_id = w.id), 0) < ?
       order by w.created_at limit ?`,
      [before, before, before, before, before, before, limit],
    );
  }

  /** Everything of a workshop, children first; returns how many rows went. */
  async deleteWorkshop(workshopId: string): Promise<number> {
    const inSessions = 'session_id in (select id from sessions where workshop_id = ?)';
    let n = 0;
    for (const sql of [
      ...INTEGRATION_DELETES,
      `delete from events where ${inSessions}`,
      `delete from participants where ${inSessions}`,
      `delete from session_references where ${inSessions}`,
      'delete from sessions where workshop_id = ?',
      'delete from sprints where workshop_id = ?',
      'delete from plan_settings where workshop_id = ?',
      'delete from share_links where workshop_id = ?',
      'delete from items where workshop_id = ?',
      'delete from workshops where id = ?',
    ]) {
      n += await this.x.run(sql, [workshopId]);
    }
    return n;
  }

  // ---- participants (credentials only; who a person is lives in the event log) ----

  async insertCredential(c: Credential) {
    await this.x.run('insert into participants (id, session_id, token_hash, created_at) values (?, ?, ?, ?)', [
      c.id,
      c.sessionId,
      c.tokenHash,
      c.createdAt,
    ]);
  }

  getCredential(sessionId: string, id: string) {
    return this.x.get<Credential>(
      'select id, session_id as "sessionId", token_hash as "tokenHash", created_at as "createdAt" from participants where id = ? and session_id = ?',
      [id, sessionId],
    );
  }

  // ---- the event log ----

  async eventsSince(sessionId: string, version: number): Promise<VersionedEvent[]> {
    const rows = await this.x.all<EventRow>(
      'select version, by, at, payload from events where session_id = ? and version > ? order by version',
      [sessionId, version],
    );
    return rows.map(toVersioned);
  }

  async cardEvents(sessionId: string, itemId: string): Promise<VersionedEvent[]> {
    const rows = await this.x.all<EventRow>(
      'select version, by, at, payload from events where session_id = ? and item_id = ? order by version',
      [sessionId, itemId],
    );
    return rows.map(toVersioned);
  }

  /**
   * A page of a session's log (or of one item's events): the newest `limit` events before the
   * version `before` (all when omitted), oldest first, and whether older ones exist.
   */
  async eventsPage(
    sessionId: string,
    opts: { itemId?: string | undefined; before?: number | undefined; limit: number },
  ): Promise<{ events: VersionedEvent[]; more: boolean }> {
    const where = ['session_id = ?'];
    const params: Param[] = [sessionId];
    if (opts.itemId !== undefined) {
      where.push('item_id = ?');
      params.push(opts.itemId);
    }
    if (opts.before !== undefined) {
      where.push('version < ?');
      params.push(opts.before);
    }
    const rows = await this.x.all<EventRow>(
      `select version, by, at, payload from events where ${where.join(' and ')} order by version desc limit ?`,
      [...params, opts.limit + 1],
    );
    return { events: rows.slice(0, opts.limit).reverse().map(toVersioned), more: rows.length > opts.limit };
  }

  /** Inserts events (no version bump: the store's appendEvents does both). */
  protected async insertEvents(rows: { sessionId: string; e: VersionedEvent }[]) {
    for (let i = 0; i < rows.length; i += EVENT_ROWS_PER_INSERT) {
      const chunk = rows.slice(i, i + EVENT_ROWS_PER_INSERT);
      const params: Param[] = chunk.flatMap(({ sessionId, e }) => [
        sessionId,
        e.version,
        e.event.type,
        itemOf(e.event),
        e.by,
        e.at,
        JSON.stringify(e.event),
      ]);
      await this.x.run(
        `insert into events (session_id, version, type, item_id, by, at, payload) values ${chunk.map(() => `(${marks(7)})`).join(', ')}`,
        params,
      );
    }
  }

  // ---- reference items per session ----

  referencesOfSessions(sessionIds: string[]): Promise<ReferenceRow[]> {
    if (sessionIds.length === 0) return Promise.resolve([]);
    return this.x.all<ReferenceRow>(
      `select session_id as "sessionId", item_id as "itemId", story_points as "storyPoints", updated_at as "updatedAt"
       from session_references where session_id in (${marks(sessionIds.length)}) order by updated_at`,
      sessionIds,
    );
  }

  async upsertReference(sessionId: string, itemId: string, storyPoints: number, at: number) {
    await this.x.run(
      `insert into session_references (session_id, item_id, story_points, updated_at) values (?, ?, ?, ?)
       on conflict (session_id, item_id) do update set story_points = excluded.story_points, updated_at = excluded.updated_at`,
      [sessionId, itemId, storyPoints, at],
    );
  }

  async deleteReference(sessionId: string, itemId: string) {
    await this.x.run('delete from session_references where session_id = ? and item_id = ?', [sessionId, itemId]);
  }

  // ---- plan settings ----

  async getPlanSettings(workshopId: string): Promise<unknown> {
    const row = await this.x.get<{ settings: string }>('select settings from plan_settings where workshop_id = ?', [workshopId]);
    return row ? (JSON.parse(row.settings) as unknown) : null;
  }

  async savePlanSettings(workshopId: string, settings: unknown, at: number) {
    await this.x.run(
      `insert into plan_settings (workshop_id, settings, updated_at) values (?, ?, ?)
       on conflict (workshop_id) do update set settings = excluded.settings, updated_at = excluded.updated_at`,
      [workshopId, JSON.stringify(settings), at],
    );
  }

  // ---- sprints ----

  listSprints(workshopId: string) {
    return this.x.all<SprintRow>(`select ${SPRINT} from sprints where workshop_id = ? order by sprint_index`, [workshopId]);
  }

  async insertSprint(r: SprintRow) {
    await this.x.run(
      `insert into sprints (workshop_id, sprint_index, done_ap, done_item_ids, cost_minor, scope_added_ap, scope_removed_ap,
        added_item_ids, dropped_item_ids, recorded_at) values (${marks(10)})`,
      [
        r.workshopId,
        r.sprintIndex,
        r.doneAp,
        r.doneItemIds,
        r.costMinor,
        r.scopeAddedAp,
        r.scopeRemovedAp,
        r.addedItemIds,
        r.droppedItemIds,
        r.recordedAt,
      ],
    );
  }

  async deleteSprint(workshopId: string, index: number) {
    await this.x.run('delete from sprints where workshop_id = ? and sprint_index = ?', [workshopId, index]);
  }

  // ---- share links ----

  async insertShareLink(row: { id: string; workshopId: string; tokenHash: string; createdAt: number }) {
    await this.x.run('insert into share_links (id, workshop_id, token_hash, created_at) values (?, ?, ?, ?)', [
      row.id,
      row.workshopId,
      row.tokenHash,
      row.createdAt,
    ]);
  }

  listShareLinks(workshopId: string) {
    return this.x.all<{ id: string; createdAt: number; revokedAt: number | null }>(
      'select id, created_at as "createdAt", revoked_at as "revokedAt" from share_links where workshop_id = ? order by created_at',
      [workshopId],
    );
  }

  async revokeShareLink(workshopId: string, id: string, at: number): Promise<boolean> {
    return (
      (await this.x.run('update share_links set revoked_at = ? where workshop_id = ? and id = ? and revoked_at is null', [
        at,
        workshopId,
        id,
      ])) > 0
    );
  }

  shareLinkByHash(tokenHash: string) {
    return this.x.get<ShareLinkRow>(
      'select id, workshop_id as "workshopId", token_hash as "tokenHash", created_at as "createdAt", revoked_at as "revokedAt" from share_links where token_hash = ?',
      [tokenHash],
    );
  }

  // ==== integrations (server/integrations/db-store.ts): Jira connection, write-back log, webhook ====
  // Kept apart from the hot-path queries above. Writes that must not race a workshop's deletion
  // run in a transaction that locks the workshop's row first (db-store.ts).

  /** A workshop's integration rows only (Queries.deleteWorkshop removes them with everything else). */
  async deleteIntegrations(workshopId: string): Promise<number> {
    let n = 0;
    for (const sql of INTEGRATION_DELETES) n += await this.x.run(sql, [workshopId]);
    return n;
  }

  getJiraConnection(workshopId: string) {
    return this.x.get<JiraConnectionRow>(
      `select workshop_id as "workshopId", kind, url, email, sealed_secret as "sealedSecret", account_id as "accountId",
        account_name as "accountName", server_version as "serverVersion", deployment_type as "deploymentType",
        field_id as "fieldId", field_name as "fieldName", board_id as "boardId", via_board as "viaBoard",
        connected_at as "connectedAt", updated_at as "updatedAt"
       from jira_connections where workshop_id = ?`,
      [workshopId],
    );
  }

  async upsertJiraConnection(r: JiraConnectionRow) {
    await this.x.run(
      `insert into jira_connections (workshop_id, kind, url, email, sealed_secret, account_id, account_name, server_version,
        deployment_type, field_id, field_name, board_id, via_board, connected_at, updated_at) values (${marks(15)})
       on conflict (workshop_id) do update set kind = excluded.kind, url = excluded.url, email = excluded.email,
        sealed_secret = excluded.sealed_secret, account_id = excluded.account_id, account_name = excluded.account_name,
        server_version = excluded.server_version, deployment_type = excluded.deployment_type, field_id = excluded.field_id,
        field_name = excluded.field_name, board_id = excluded.board_id, via_board = excluded.via_board,
        connected_at = excluded.connected_at, updated_at = excluded.updated_at`,
      [
        r.workshopId,
        r.kind,
        r.url,
        r.email,
        r.sealedSecret,
        r.accountId,
        r.accountName,
        r.serverVersion,
        r.deploymentType,
        r.fieldId,
        r.fieldName,
        r.boardId,
        r.viaBoard,
        r.connectedAt,
        r.updatedAt,
      ],
    );
  }

  async deleteJiraConnection(workshopId: string) {
    await this.x.run('delete from jira_connections where workshop_id = ?', [workshopId]);
  }

  async insertWriteBackRun(r: WriteBackRunRow) {
    await this.x.run(
      `insert into writeback_runs (id, workshop_id, session_id, field_id, field_name, via, mode, started_at, finished_at, interrupted,
        retry_of, heartbeat_at) values (${marks(12)})`,
      [
        r.id,
        r.workshopId,
        r.sessionId,
        r.fieldId,
        r.fieldName,
        r.via,
        r.mode,
        r.startedAt,
        r.finishedAt,
        r.interrupted,
        r.retryOf,
        r.heartbeatAt,
      ],
    );
  }

  getWriteBackRun(id: string) {
    return this.x.get<WriteBackRunRow>(`select ${RUN} from writeback_runs where id = ?`, [id]);
  }

  /** the session's unfinished run, if any (at most one: writeback_runs_one_running) */
  runningWriteBack(sessionId: string) {
    return this.x.get<WriteBackRunRow>(`select ${RUN} from writeback_runs where session_id = ? and finished_at is null`, [sessionId]);
  }

  /** Unfinished runs whose writer has not been heard of since `staleBefore` (a crash) end as interrupted. */
  interruptStaleRuns(staleBefore: number, now: number, sessionId: string | null) {
    return this.x.run(
      `update writeback_runs set finished_at = ?, interrupted = 1
       where finished_at is null and heartbeat_at < ?${sessionId === null ? '' : ' and session_id = ?'}`,
      sessionId === null ? [now, staleBefore] : [now, staleBefore, sessionId],
    );
  }

  async insertWriteBackResult(r: WriteBackResultRow) {
    await this.x.run(
      `insert into writeback_results (run_id, item_id, key, status, before, after, error_code, error_message, jira_messages, attempts, at)
       values (${marks(11)})`,
      [r.runId, r.itemId, r.key, r.status, r.before, r.after, r.errorCode, r.errorMessage, r.jiraMessages, r.attempts, r.at],
    );
  }

  async touchWriteBackRun(id: string, at: number) {
    await this.x.run('update writeback_runs set heartbeat_at = ? where id = ? and finished_at is null', [at, id]);
  }

  async finishWriteBackRun(id: string, at: number, interrupted: boolean) {
    await this.x.run('update writeback_runs set finished_at = ?, interrupted = ? where id = ? and finished_at is null', [
      at,
      interrupted ? 1 : 0,
      id,
    ]);
  }

  writeBackRunsOfSession(sessionId: string) {
    return this.x.all<WriteBackRunRow>(`select ${RUN} from writeback_runs where session_id = ? order by started_at, ${this.seq}`, [
      sessionId,
    ]);
  }

  writeBackRunsOfWorkshop(workshopId: string) {
    return this.x.all<WriteBackRunRow>(`select ${RUN} from writeback_runs where workshop_id = ? order by started_at, ${this.seq}`, [
      workshopId,
    ]);
  }

  /** the runs' results, each run's in the order written */
  writeBackResultsOf(runIds: string[]): Promise<WriteBackResultRow[]> {
    if (runIds.length === 0) return Promise.resolve([]);
    return this.x.all<WriteBackResultRow>(
      `select ${RESULT} from writeback_results where run_id in (${marks(runIds.length)}) order by ${this.seq}`,
      runIds,
    );
  }

  getWebhook(workshopId: string) {
    return this.x.get<WebhookRow>(
      `select workshop_id as "workshopId", sealed_url as "sealedUrl", url_hint as "urlHint", sealed_secret as "sealedSecret", format, language,
        events, updated_at as "updatedAt" from webhooks where workshop_id = ?`,
      [workshopId],
    );
  }

  async upsertWebhook(r: WebhookRow) {
    await this.x.run(
      `insert into webhooks (workshop_id, sealed_url, url_hint, sealed_secret, format, language, events, updated_at) values (${marks(8)})
       on conflict (workshop_id) do update set sealed_url = excluded.sealed_url, url_hint = excluded.url_hint,
        sealed_secret = excluded.sealed_secret, format = excluded.format, language = excluded.language, events = excluded.events,
        updated_at = excluded.updated_at`,
      [r.workshopId, r.sealedUrl, r.urlHint, r.sealedSecret, r.format, r.language, r.events, r.updatedAt],
    );
  }

  async deleteWebhook(workshopId: string) {
    await this.x.run('delete from webhooks where workshop_id = ?', [workshopId]);
  }

  /** `body`: kept while pending, so that another process can send it if this one stops */
  async insertDelivery(r: DeliveryRow & { body: string | null }) {
    await this.x.run(
      'insert into webhook_deliveries (id, workshop_id, event, created_at, status, body, heartbeat_at) values (?, ?, ?, ?, ?, ?, ?)',
      [r.id, r.workshopId, r.event, r.createdAt, r.status, r.status === 'pending' ? r.body : null, r.createdAt],
    );
  }

  getDelivery(id: string) {
    return this.x.get<DeliveryRow>(
      'select id, workshop_id as "workshopId", event, created_at as "createdAt", status from webhook_deliveries where id = ?',
      [id],
    );
  }

  async insertDeliveryAttempt(a: DeliveryAttemptRow, status: string) {
    await this.x.run('insert into webhook_attempts (delivery_id, at, status, code, error, ms) values (?, ?, ?, ?, ?, ?)', [
      a.deliveryId,
      a.at,
      a.status,
      a.code,
      a.error,
      a.ms,
    ]);
    // an attempt is its sender's sign of life; a delivery that is over needs its body no more
    await this.x.run(
      `update webhook_deliveries set status = ?, heartbeat_at = ?, body = case when ? = 'pending' then body else null end where id = ?`,
      [status, a.at + a.ms, status, a.deliveryId],
    );
  }

  /**
   * HOOK-8: takes over up to `limit` pending deliveries whose sender has not been heard of since
   * `staleBefore` (a process that stopped): marks them as heard of at `at` and returns them, so
   * that each is taken over once, by one process (Postgres: rows another process is taking are
   * skipped; the condition is checked again on the locked row).
   */
  claimStaleDeliveries(staleBefore: number, at: number, limit: number): Promise<ClaimedDeliveryRow[]> {
    const skipLocked = this.x.dialect === 'postgres' ? ' for update skip locked' : '';
    const stale = `status = 'pending' and coalesce(heartbeat_at, created_at) < ?`;
    // the pick is materialized: an IN (subquery with LIMIT) may be run again per row and take more
    return this.x.all<ClaimedDeliveryRow>(
      `with picked as materialized (select id from webhook_deliveries where ${stale} order by created_at limit ?${skipLocked})
       update webhook_deliveries set heartbeat_at = ? where ${stale} and id in (select id from picked)
       returning id, workshop_id as "workshopId", event, created_at as "createdAt", status, body`,
      [staleBefore, limit, at, staleBefore],
    );
  }

  /** newest first */
  listDeliveries(workshopId: string, limit: number) {
    return this.x.all<DeliveryRow>(
      `select id, workshop_id as "workshopId", event, created_at as "createdAt", status from webhook_deliveries
       where workshop_id = ? order by created_at desc, ${this.seq} desc limit ?`,
      [workshopId, limit],
    );
  }

  deliveryAttemptsOf(ids: string[]): Promise<DeliveryAttemptRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.x.all<DeliveryAttemptRow>(
      `select delivery_id as "deliveryId", at, status, code, error, ms from webhook_attempts where delivery_id in (${marks(ids.length)}) order by ${this.seq}`,
      ids,
    );
  }

  /** Keeps the newest `keep` deliveries of a workshop (and their attempts); returns how many deliveries went. */
  async pruneDeliveries(workshopId: string, keep: number): Promise<number> {
    const old = `select id from webhook_deliveries where workshop_id = ? order by created_at desc, ${this.seq} desc limit 1000000 offset ?`;
    await this.x.run(`delete from webhook_attempts where delivery_id in (${old})`, [workshopId, keep]);
    return this.x.run(`delete from webhook_deliveries where id in (${old})`, [workshopId, keep]);
  }
}
