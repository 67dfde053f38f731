import { sqliteTable, text, integer, real, primaryKey, index, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const workshops = sqliteTable('workshops', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** sha-256 of the facilitator secret; the secret itself is never stored */
  secretHash: text('secret_hash').notNull(),
  createdAt: integer('created_at').notNull(),
});

/** Backlog items belong to the workshop, so several sessions over time can size them. */
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
    /** JSON of domain Scale */
    scale: text('scale').notNull(),
    phase: text('phase').notNull(),
    /** bumped in the same transaction as every accepted event */
    version: integer('version').notNull().default(0),
    /** JSON of domain SessionSettings (ping-pong thresholds, timebox) */
    settings: text('settings').notNull().default('{}'),
    /** short code typed on phones in the room; the session id stays the real secret-ish link */
    joinCode: text('join_code').notNull(),
    timerEndsAt: integer('timer_ends_at'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('sessions_workshop').on(t.workshopId), uniqueIndex('sessions_join_code').on(t.joinCode)],
);

/** Which items a session sizes and where each one currently is (null bucket = pile). */
export const placements = sqliteTable(
  'placements',
  {
    sessionId: text('session_id').notNull().references(() => sessions.id),
    itemId: text('item_id').notNull().references(() => items.id),
    bucket: text('bucket'),
    moveCount: integer('move_count').notNull().default(0),
    flagged: integer('flagged', { mode: 'boolean' }).notNull().default(false),
    /** participant whose hand this card was dealt to in silent sorting */
    assignee: text('assignee'),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.itemId] })],
);

export const participants = sqliteTable(
  'participants',
  {
    id: text('id').primaryKey(),
    sessionId: text('session_id').notNull().references(() => sessions.id),
    name: text('name').notNull(),
    role: text('role').notNull(),
    tokenHash: text('token_hash').notNull(),
    joinedAt: integer('joined_at').notNull(),
    removedAt: integer('removed_at'),
  },
  (t) => [index('participants_session').on(t.sessionId)],
);

/** The move log: every accepted move, in the order the server accepted it. */
export const moves = sqliteTable(
  'moves',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sessionId: text('session_id').notNull().references(() => sessions.id),
    version: integer('version').notNull(),
    itemId: text('item_id').notNull(),
    participantId: text('participant_id'),
    fromBucket: text('from_bucket'),
    toBucket: text('to_bucket'),
    at: integer('at').notNull(),
  },
  (t) => [uniqueIndex('moves_session_version').on(t.sessionId, t.version), index('moves_session_item').on(t.sessionId, t.itemId)],
);
