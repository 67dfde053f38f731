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
    workshopId: text('workshop_id').notNull().references(() => workshops.id),
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
    workshopId: text('workshop_id').notNull().references(() => workshops.id),
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
    sessionId: text('session_id').notNull().references(() => sessions.id),
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
    sessionId: text('session_id').notNull().references(() => sessions.id),
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
    sessionId: text('session_id').notNull().references(() => sessions.id),
    itemId: text('item_id').notNull().references(() => items.id),
    storyPoints: real('story_points').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [uniqueIndex('session_references_pk').on(t.sessionId, t.itemId)],
);

/** The workshop's saved plan inputs (velocity, sprint calendar, team, currency, budget): JSON validated by the planning input schema. */
export const planSettings = sqliteTable('plan_settings', {
  workshopId: text('workshop_id').primaryKey().references(() => workshops.id),
  settings: text('settings').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/** One finished sprint: what was done, what it cost, how the scope changed. */
export const sprints = sqliteTable(
  'sprints',
  {
    workshopId: text('workshop_id').notNull().references(() => workshops.id),
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
    workshopId: text('workshop_id').notNull().references(() => workshops.id),
    tokenHash: text('token_hash').notNull(),
    createdAt: integer('created_at').notNull(),
    revokedAt: integer('revoked_at'),
  },
  (t) => [uniqueIndex('share_links_token').on(t.tokenHash), index('share_links_workshop').on(t.workshopId)],
);
