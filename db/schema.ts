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
    /** detailed estimate for reference items (calibration) */
    storyPoints: real('story_points'),
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
