import { sql } from 'drizzle-orm';
import { sqliteTable, text, integer, real, index, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const workshops = sqliteTable('workshops', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** sha-256 of the facilitator secret; the secret itself is never stored */
  secretHash: text('secret_hash').notNull(),
  createdAt: integer('created_at').notNull(),
});

/** The workshop's backlog; several estimation sessions over time size these items. */
export const items = sqliteTable(
  'items',
  {
    id: text('id').primaryKey(),
    workshopId: text('workshop_id')
      .notNull()
      .references(() => workshops.id),
    key: text('key'),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    position: integer('position').notNull(),
    /** the item's own story points (from the tracker: import, Jira, the API); calibration reads session references only */
    storyPoints: real('story_points'),
    /** WS-SIZE-5: a size in AP typed when the item was added during a sprint */
    typedSizeAp: real('typed_size_ap'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('items_workshop_position').on(t.workshopId, t.position), uniqueIndex('items_workshop_key').on(t.workshopId, t.key)],
);

export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    workshopId: text('workshop_id')
      .notNull()
      .references(() => workshops.id),
    name: text('name').notNull(),
    /** short code typed on phones in the room */
    joinCode: text('join_code').notNull(),
    /** version of the last event; bumped in the same transaction as every append */
    version: integer('version').notNull().default(0),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('sessions_workshop').on(t.workshopId), uniqueIndex('sessions_join_code').on(t.joinCode)],
);

/** Credentials only: who a person is in the session (name, role) lives in the event log. */
export const participants = sqliteTable(
  'participants',
  {
    id: text('id').primaryKey(),
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id),
    tokenHash: text('token_hash').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('participants_session').on(t.sessionId)],
);

/** The session's event log, in the order the server accepted it. Replaying it rebuilds the board. */
export const events = sqliteTable(
  'events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id),
    version: integer('version').notNull(),
    type: text('type').notNull(),
    /** the card the event is about, for per-card history */
    itemId: text('item_id'),
    by: text('by'),
    at: integer('at').notNull(),
    payload: text('payload').notNull(),
  },
  (t) => [uniqueIndex('events_session_version').on(t.sessionId, t.version), index('events_session_item').on(t.sessionId, t.itemId)],
);

// ---- planning after estimation: calibration per session, plan settings, sprints, share links ----

/** A reference item of one session: its detailed estimate; its AP is its bucket value in that session. */
export const sessionReferences = sqliteTable(
  'session_references',
  {
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id),
    itemId: text('item_id')
      .notNull()
      .references(() => items.id),
    storyPoints: real('story_points').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [uniqueIndex('session_references_pk').on(t.sessionId, t.itemId)],
);

/** The workshop's saved plan inputs (velocity, sprint calendar, team, currency, budget): JSON validated by the planning input schema. */
export const planSettings = sqliteTable('plan_settings', {
  workshopId: text('workshop_id')
    .primaryKey()
    .references(() => workshops.id),
  settings: text('settings').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/** One finished sprint: what was done, what it cost, how the scope changed. */
export const sprints = sqliteTable(
  'sprints',
  {
    workshopId: text('workshop_id')
      .notNull()
      .references(() => workshops.id),
    /** 1, 2, 3, ... */
    sprintIndex: integer('sprint_index').notNull(),
    doneAp: real('done_ap').notNull(),
    /** JSON array of item ids finished in the sprint */
    doneItemIds: text('done_item_ids').notNull().default('[]'),
    /** null: the planned cost per sprint */
    costMinor: integer('cost_minor'),
    scopeAddedAp: real('scope_added_ap').notNull().default(0),
    scopeRemovedAp: real('scope_removed_ap').notNull().default(0),
    /** JSON arrays of item ids added to / dropped from the scope in the sprint */
    addedItemIds: text('added_item_ids').notNull().default('[]'),
    droppedItemIds: text('dropped_item_ids').notNull().default('[]'),
    recordedAt: integer('recorded_at').notNull(),
  },
  (t) => [uniqueIndex('sprints_workshop_index').on(t.workshopId, t.sprintIndex)],
);

/** Read-only links for stakeholders; only the SHA-256 of the token is stored. */
export const shareLinks = sqliteTable(
  'share_links',
  {
    id: text('id').primaryKey(),
    workshopId: text('workshop_id')
      .notNull()
      .references(() => workshops.id),
    tokenHash: text('token_hash').notNull(),
    createdAt: integer('created_at').notNull(),
    revokedAt: integer('revoked_at'),
  },
  (t) => [uniqueIndex('share_links_token').on(t.tokenHash), index('share_links_workshop').on(t.workshopId)],
);

// ---- integrations (docs/integrations.md): Jira, the write-back log, the webhook and its deliveries ----

/** One Jira site per workshop; the credential only sealed (AES-256-GCM with SECRET_KEY). */
export const jiraConnections = sqliteTable('jira_connections', {
  workshopId: text('workshop_id')
    .primaryKey()
    .references(() => workshops.id),
  /** 'cloud' | 'datacenter' */
  kind: text('kind').notNull(),
  url: text('url').notNull(),
  email: text('email'),
  sealedSecret: text('sealed_secret').notNull(),
  accountId: text('account_id'),
  accountName: text('account_name'),
  serverVersion: text('server_version'),
  deploymentType: text('deployment_type'),
  fieldId: text('field_id'),
  fieldName: text('field_name'),
  boardId: integer('board_id'),
  /** 1: write through the board's estimation API */
  viaBoard: integer('via_board').notNull().default(0),
  connectedAt: integer('connected_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/** A write-back of a session; at most one unfinished per session (the partial unique index holds across processes). */
export const writebackRuns = sqliteTable(
  'writeback_runs',
  {
    id: text('id').primaryKey(),
    workshopId: text('workshop_id')
      .notNull()
      .references(() => workshops.id),
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id),
    fieldId: text('field_id').notNull(),
    fieldName: text('field_name').notNull(),
    /** 'board' | 'issue' */
    via: text('via').notNull(),
    /** 'sp' | 'ap' */
    mode: text('mode').notNull(),
    startedAt: integer('started_at').notNull(),
    /** null while the run writes */
    finishedAt: integer('finished_at'),
    /** 1: the server stopped (or crashed) before the run had written every item */
    interrupted: integer('interrupted').notNull().default(0),
    retryOf: text('retry_of'),
    /** the writing process says it is alive; a run without a recent one was left by a crash */
    heartbeatAt: integer('heartbeat_at').notNull(),
  },
  (t) => [
    index('writeback_runs_session').on(t.sessionId, t.startedAt),
    index('writeback_runs_workshop').on(t.workshopId, t.startedAt),
    uniqueIndex('writeback_runs_one_running')
      .on(t.sessionId)
      .where(sql`finished_at is null`),
  ],
);

/** One item's outcome in a run, in the order written. */
export const writebackResults = sqliteTable(
  'writeback_results',
  {
    runId: text('run_id')
      .notNull()
      .references(() => writebackRuns.id),
    itemId: text('item_id').notNull(),
    key: text('key').notNull(),
    /** 'written' | 'unchanged' | 'failed' */
    status: text('status').notNull(),
    before: real('before'),
    after: real('after'),
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    /** JSON array of Jira's own messages */
    jiraMessages: text('jira_messages'),
    attempts: integer('attempts').notNull(),
    at: integer('at').notNull(),
  },
  (t) => [index('writeback_results_run').on(t.runId)],
);

/** The workshop's outgoing webhook: address and secret sealed, a hint shown. */
export const webhooks = sqliteTable('webhooks', {
  workshopId: text('workshop_id')
    .primaryKey()
    .references(() => workshops.id),
  sealedUrl: text('sealed_url').notNull(),
  urlHint: text('url_hint').notNull(),
  sealedSecret: text('sealed_secret').notNull(),
  format: text('format').notNull(),
  language: text('language').notNull(),
  /** JSON array of event names */
  events: text('events').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/** One message to the webhook; the newest 200 per workshop are kept. */
export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  {
    id: text('id').primaryKey(),
    workshopId: text('workshop_id')
      .notNull()
      .references(() => workshops.id),
    event: text('event').notNull(),
    createdAt: integer('created_at').notNull(),
    /** 'pending' | 'delivered' | 'failed' | 'dropped' */
    status: text('status').notNull(),
    /** the request body while the delivery is pending (a process that takes it over sends it); null after */
    body: text('body'),
    /** when its sender was last heard of: a pending delivery silent for long was left by a stopped process (HOOK-8) */
    heartbeatAt: integer('heartbeat_at'),
  },
  (t) => [index('webhook_deliveries_workshop').on(t.workshopId, t.createdAt)],
);

/** Each request of a delivery: its answer or why there was none. */
export const webhookAttempts = sqliteTable(
  'webhook_attempts',
  {
    deliveryId: text('delivery_id')
      .notNull()
      .references(() => webhookDeliveries.id),
    at: integer('at').notNull(),
    status: integer('status'),
    code: text('code'),
    error: text('error'),
    ms: integer('ms').notNull(),
  },
  (t) => [index('webhook_attempts_delivery').on(t.deliveryId)],
);
