import { sql } from 'drizzle-orm';
import { bigint, doublePrecision, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';

/*
 * The Postgres twin of db/sqlite/schema.ts: same tables, columns and indexes, so the shared SQL
 * in db/queries.ts runs on both. Milliseconds since the epoch need bigint; `seq` gives the
 * insertion order that SQLite's rowid gives.
 */
const ms = (name: string) => bigint(name, { mode: 'number' });

export const workshops = pgTable('workshops', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  secretHash: text('secret_hash').notNull(),
  createdAt: ms('created_at').notNull(),
});

export const items = pgTable(
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
    storyPoints: doublePrecision('story_points'),
    typedSizeAp: doublePrecision('typed_size_ap'),
    createdAt: ms('created_at').notNull(),
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity(),
  },
  (t) => [index('items_workshop_position').on(t.workshopId, t.position), uniqueIndex('items_workshop_key').on(t.workshopId, t.key)],
);

export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    workshopId: text('workshop_id')
      .notNull()
      .references(() => workshops.id),
    name: text('name').notNull(),
    joinCode: text('join_code').notNull(),
    version: integer('version').notNull().default(0),
    createdAt: ms('created_at').notNull(),
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity(),
  },
  (t) => [index('sessions_workshop').on(t.workshopId), uniqueIndex('sessions_join_code').on(t.joinCode)],
);

export const participants = pgTable(
  'participants',
  {
    id: text('id').primaryKey(),
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id),
    tokenHash: text('token_hash').notNull(),
    createdAt: ms('created_at').notNull(),
  },
  (t) => [index('participants_session').on(t.sessionId)],
);

export const events = pgTable(
  'events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id),
    version: integer('version').notNull(),
    type: text('type').notNull(),
    itemId: text('item_id'),
    by: text('by'),
    at: ms('at').notNull(),
    payload: text('payload').notNull(),
  },
  (t) => [uniqueIndex('events_session_version').on(t.sessionId, t.version), index('events_session_item').on(t.sessionId, t.itemId)],
);

export const sessionReferences = pgTable(
  'session_references',
  {
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id),
    itemId: text('item_id')
      .notNull()
      .references(() => items.id),
    storyPoints: doublePrecision('story_points').notNull(),
    updatedAt: ms('updated_at').notNull(),
  },
  (t) => [uniqueIndex('session_references_pk').on(t.sessionId, t.itemId)],
);

export const planSettings = pgTable('plan_settings', {
  workshopId: text('workshop_id')
    .primaryKey()
    .references(() => workshops.id),
  settings: text('settings').notNull(),
  updatedAt: ms('updated_at').notNull(),
});

export const sprints = pgTable(
  'sprints',
  {
    workshopId: text('workshop_id')
      .notNull()
      .references(() => workshops.id),
    sprintIndex: integer('sprint_index').notNull(),
    doneAp: doublePrecision('done_ap').notNull(),
    doneItemIds: text('done_item_ids').notNull().default('[]'),
    costMinor: bigint('cost_minor', { mode: 'number' }),
    scopeAddedAp: doublePrecision('scope_added_ap').notNull().default(0),
    scopeRemovedAp: doublePrecision('scope_removed_ap').notNull().default(0),
    addedItemIds: text('added_item_ids').notNull().default('[]'),
    droppedItemIds: text('dropped_item_ids').notNull().default('[]'),
    recordedAt: ms('recorded_at').notNull(),
  },
  (t) => [uniqueIndex('sprints_workshop_index').on(t.workshopId, t.sprintIndex)],
);

export const shareLinks = pgTable(
  'share_links',
  {
    id: text('id').primaryKey(),
    workshopId: text('workshop_id')
      .notNull()
      .references(() => workshops.id),
    tokenHash: text('token_hash').notNull(),
    createdAt: ms('created_at').notNull(),
    revokedAt: ms('revoked_at'),
  },
  (t) => [uniqueIndex('share_links_token').on(t.tokenHash), index('share_links_workshop').on(t.workshopId)],
);

// ---- integrations (docs/integrations.md): Jira, the write-back log, the webhook and its deliveries ----

export const jiraConnections = pgTable('jira_connections', {
  workshopId: text('workshop_id')
    .primaryKey()
    .references(() => workshops.id),
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
  boardId: bigint('board_id', { mode: 'number' }),
  viaBoard: integer('via_board').notNull().default(0),
  connectedAt: ms('connected_at').notNull(),
  updatedAt: ms('updated_at').notNull(),
});

export const writebackRuns = pgTable(
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
    via: text('via').notNull(),
    mode: text('mode').notNull(),
    startedAt: ms('started_at').notNull(),
    finishedAt: ms('finished_at'),
    interrupted: integer('interrupted').notNull().default(0),
    retryOf: text('retry_of'),
    heartbeatAt: ms('heartbeat_at').notNull(),
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity(),
  },
  (t) => [
    index('writeback_runs_session').on(t.sessionId, t.startedAt),
    index('writeback_runs_workshop').on(t.workshopId, t.startedAt),
    uniqueIndex('writeback_runs_one_running')
      .on(t.sessionId)
      .where(sql`finished_at is null`),
  ],
);

export const writebackResults = pgTable(
  'writeback_results',
  {
    runId: text('run_id')
      .notNull()
      .references(() => writebackRuns.id),
    itemId: text('item_id').notNull(),
    key: text('key').notNull(),
    status: text('status').notNull(),
    before: doublePrecision('before'),
    after: doublePrecision('after'),
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    jiraMessages: text('jira_messages'),
    attempts: integer('attempts').notNull(),
    at: ms('at').notNull(),
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity(),
  },
  (t) => [index('writeback_results_run').on(t.runId)],
);

export const webhooks = pgTable('webhooks', {
  workshopId: text('workshop_id')
    .primaryKey()
    .references(() => workshops.id),
  sealedUrl: text('sealed_url').notNull(),
  urlHint: text('url_hint').notNull(),
  sealedSecret: text('sealed_secret').notNull(),
  format: text('format').notNull(),
  language: text('language').notNull(),
  events: text('events').notNull(),
  updatedAt: ms('updated_at').notNull(),
});

export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: text('id').primaryKey(),
    workshopId: text('workshop_id')
      .notNull()
      .references(() => workshops.id),
    event: text('event').notNull(),
    createdAt: ms('created_at').notNull(),
    status: text('status').notNull(),
    body: text('body'),
    heartbeatAt: ms('heartbeat_at'),
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity(),
  },
  (t) => [index('webhook_deliveries_workshop').on(t.workshopId, t.createdAt)],
);

export const webhookAttempts = pgTable(
  'webhook_attempts',
  {
    deliveryId: text('delivery_id')
      .notNull()
      .references(() => webhookDeliveries.id),
    at: ms('at').notNull(),
    status: integer('status'),
    code: text('code'),
    error: text('error'),
    ms: integer('ms').notNull(),
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity(),
  },
  (t) => [index('webhook_attempts_delivery').on(t.deliveryId)],
);
