import { z } from 'zod';
import type { Phase, VersionedEvent } from '../board';
import { BACKLOG_LIMITS } from '../backlog/limits';
import { blockText, keyText, lineText } from '../text/schema';
import { LIMITS } from './limits';
import { commandMessage } from './messages';

// normalized first (NFC, no control or invisible characters, one space): docs/hardening.md TEXT-*
const title = lineText({ max: LIMITS.titleLength, empty: 'an item needs a title' });

export const createWorkshopBody = z.strictObject({
  name: lineText({ max: LIMITS.workshopNameLength, empty: 'a workshop needs a name' }),
  items: z.array(title).max(LIMITS.itemsPerSession, `at most ${LIMITS.itemsPerSession} items per session`).default([]),
});

export type CreateWorkshopBody = z.input<typeof createWorkshopBody>;

export interface CreateWorkshopResult {
  workshopId: string;
  sessionId: string;
  joinCode: string;
  facilitatorSecret: string;
  /** workshop: the workshop's planning pages (`/workshop/<id>#facilitator=<secret>`) */
  links: { participant: string; facilitator: string; workshop: string };
}

/** Splits pasted text into item titles: one per line, blanks and list bullets dropped. */
export function parseBacklogLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.replace(/^\s*(?:[-*•]|\d+[.)])\s+/, '').trim())
    .filter((l) => l.length > 0);
}

export const participantPath = (sessionId: string) => `/room/${sessionId}`;
export const facilitatorPath = (sessionId: string, secret: string) => `/room/${sessionId}#facilitator=${secret}`;
export const workshopFacilitatorPath = (workshopId: string, secret: string) => `/workshop/${workshopId}#facilitator=${secret}`;

// ---- HTTP API bodies and answers (docs/api.md) ----

const itemId = z
  .string()
  .min(1)
  .max(LIMITS.idLength)
  .regex(/^[A-Za-z0-9_-]+$/, 'must be an id');
const itemKey = keyText({ max: BACKLOG_LIMITS.keyLength, empty: 'an empty key: leave it out' });

/** POST /api/workshops/:workshopId/sessions: a new estimation session over (some of) the workshop's items. */
export const createSessionBody = z.strictObject({
  name: lineText({ max: LIMITS.nameLength, empty: 'a session name must not be empty' }).optional(),
  /** default: every item of the workshop; the session keeps the backlog order */
  itemIds: z
    .array(itemId)
    .max(LIMITS.itemsPerSession, `at most ${LIMITS.itemsPerSession} items per session`)
    .refine((ids) => new Set(ids).size === ids.length, 'an item id is listed twice')
    .optional(),
});

/** POST /api/sessions/:sessionId/items */
export const addItemsBody = z.strictObject({
  items: z
    .array(
      z.strictObject({
        title,
        key: itemKey.nullable().optional(),
        description: blockText({ max: BACKLOG_LIMITS.descriptionLength }).optional(),
      }),
    )
    .min(1, 'send at least one item')
    .max(LIMITS.itemsPerSession, `at most ${LIMITS.itemsPerSession} items per session`)
    .superRefine((list, ctx) => {
      const seen = new Set<string>();
      list.forEach((item, i) => {
        if (!item.key) return;
        if (seen.has(item.key)) ctx.addIssue({ code: 'custom', path: [i, 'key'], message: `duplicate key ${item.key} in this request` });
        seen.add(item.key);
      });
    }),
});

/** PUT /api/workshops/:workshopId/items/:itemId/story-points: a reference item for calibration (or null to unmark). */
export const storyPointsBody = z.strictObject({
  storyPoints: z
    .number()
    .finite()
    .min(0, 'must not be negative')
    .max(BACKLOG_LIMITS.storyPointsMax, `at most ${BACKLOG_LIMITS.storyPointsMax}`)
    .nullable(),
});

/**
 * POST /api/sessions/:sessionId/commands: the socket's `room:command` union plus `card.move`
 * (which sockets send as `card:move`), so everything a facilitator does has an endpoint.
 */
export const apiCommandBody = z.discriminatedUnion('type', [
  ...commandMessage.options,
  z.strictObject({ type: z.literal('card.move'), cardId: itemId, to: itemId.nullable() }),
]);

export const exportFormatQuery = z.enum(['json', 'csv']);

export type CreateSessionBody = z.input<typeof createSessionBody>;
export type AddItemsBody = z.input<typeof addItemsBody>;
export type StoryPointsBody = z.input<typeof storyPointsBody>;
export type ApiCommandBody = z.input<typeof apiCommandBody>;

export interface SessionLinks {
  participant: string;
  facilitator: string;
}

export interface CreateSessionResult {
  sessionId: string;
  joinCode: string;
  links: SessionLinks;
}

export interface WorkshopItem {
  id: string;
  key: string | null;
  title: string;
  description: string;
  position: number;
  storyPoints: number | null;
}

export interface SessionSummary {
  id: string;
  name: string;
  joinCode: string;
  phase: Phase;
  version: number;
  createdAt: number;
  totals: { cards: number; placed: number; unplaced: number; flagged: number; /** effort points (AP) over sized buckets */ total: number };
}

export interface WorkshopOverview {
  id: string;
  name: string;
  createdAt: number;
  sessions: SessionSummary[];
  items: WorkshopItem[];
}

/** The answer of every endpoint that changes a board: the events, already sent to the open room. */
export interface CommandResult {
  /** the session version after the change */
  version: number;
  events: VersionedEvent[];
}

export interface AddItemsResult extends CommandResult {
  items: WorkshopItem[];
}
