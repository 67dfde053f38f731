import { z } from 'zod';
import { isReservedId } from '../board/ids';
import { PHASES } from '../board/state';
import { keyText, lineText } from '../text/schema';
import { LIMITS, PAGE } from './limits';

/** Client -> server messages. Every one carries an ack callback; see docs/protocol.md. */
const id = z
  .string()
  .min(1)
  .max(LIMITS.idLength)
  .regex(/^[A-Za-z0-9_-]+$/, 'must be an id')
  // `__proto__`, `constructor`, `toString`, ... would name what every object inherits (BOARD-ID-1)
  .refine((s) => !isReservedId(s), 'must not be a reserved name');
// normalized first (NFC, no control or invisible characters, one space): docs/hardening.md TEXT-*
const displayName = lineText({ max: LIMITS.nameLength, empty: 'a display name is required' });
const title = lineText({ max: LIMITS.titleLength, empty: 'a title is required' });
const key = keyText({ max: 64, empty: 'an empty key: send null' });

export const joinMessage = z.strictObject({
  sessionId: id,
  name: displayName.optional(),
  /** join to watch only (product owner, stakeholder) */
  observer: z.boolean().optional(),
  /** resume an earlier identity in this session (kept by the client) */
  participantId: id.optional(),
  participantToken: z.string().min(1).max(128).optional(),
  facilitatorSecret: z.string().min(1).max(128).optional(),
});

export const watchMessage = z.strictObject({ sessionId: id });

export const moveMessage = z.strictObject({
  cardId: id,
  /** a bucket id, or null for the unsorted pile */
  to: id.nullable(),
  /** echoed back so a client can match acks to its pending moves */
  clientMoveId: z.string().max(64).optional(),
});

const phase = z.enum(PHASES);
const role = z.enum(['facilitator', 'participant', 'observer']);

/** Everything else a person can do, one discriminated union. `card.add` gets its id from the server. */
export const commandMessage = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('card.flag'), cardId: id }),
  z.strictObject({ type: z.literal('card.unflag'), cardId: id }),
  z.strictObject({ type: z.literal('card.add'), title, key: key.nullable().default(null) }),
  z.strictObject({ type: z.literal('card.edit'), cardId: id, title }),
  z.strictObject({ type: z.literal('card.remove'), cardId: id }),
  z.strictObject({
    type: z.literal('scale.set'),
    scale: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('effort') }),
      z.strictObject({ kind: z.literal('tshirt') }),
      z.strictObject({ kind: z.literal('custom'), values: z.array(z.number().finite().positive().max(10_000)).min(2).max(20) }),
    ]),
  }),
  z.strictObject({
    type: z.literal('settings.set'),
    pingPong: z.strictObject({ backAndForth: z.boolean(), maxMoves: z.number().int().min(1).max(50) }),
    timebox: z.partialRecord(phase, z.number().int().min(10).max(7200)).optional(),
    /** hide who moved what until lock (BOARD-ANON-1) */
    anonymous: z.boolean().optional(),
  }),
  z.strictObject({ type: z.literal('phase.set'), phase }),
  z.strictObject({ type: z.literal('cards.deal') }),
  z.strictObject({ type: z.literal('person.rename'), personId: id, name: displayName }),
  z.strictObject({ type: z.literal('person.setRole'), personId: id, role }),
  z.strictObject({ type: z.literal('person.remove'), personId: id }),
  z.strictObject({ type: z.literal('timer.start'), seconds: z.number().int().min(10).max(7200) }),
  z.strictObject({ type: z.literal('timer.stop') }),
  /** the card under discussion, shown large everywhere; null ends the spotlight (BOARD-SPOT-1) */
  z.strictObject({ type: z.literal('card.spotlight'), cardId: id.nullable() }),
  /** asynchronous silent sorting: when it should end (ms since epoch), or null (BOARD-ASYNC-1) */
  z.strictObject({ type: z.literal('deadline.set'), at: z.number().int().positive().nullable() }),
]);

export const hoverMessage = z.strictObject({ cardId: id.nullable() });
/** a page of the log: events before `before` (a version), newest `limit` of them, oldest first (BOARD-PAGE-1) */
const page = {
  before: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(PAGE.max).optional(),
};
export const historyMessage = z.strictObject({ cardId: id, ...page });
export const timelineMessage = z.strictObject({ ...page });
export const emptyMessage = z.strictObject({});

export const clientMessages = {
  'room:join': joinMessage,
  'room:watch': watchMessage,
  'card:move': moveMessage,
  'room:command': commandMessage,
  'room:sync': emptyMessage,
  'drag:hover': hoverMessage,
  'card:history': historyMessage,
  'room:timeline': timelineMessage,
} as const;

export type ClientEventName = keyof typeof clientMessages;
export type JoinMessage = z.infer<typeof joinMessage>;
export type WatchMessage = z.infer<typeof watchMessage>;
export type MoveMessage = z.infer<typeof moveMessage>;
export type CommandMessage = z.input<typeof commandMessage>;
export type HoverMessage = z.infer<typeof hoverMessage>;
export type HistoryMessage = z.infer<typeof historyMessage>;
export type TimelineMessage = z.infer<typeof timelineMessage>;

export function isClientEventName(name: string): name is ClientEventName {
  return Object.hasOwn(clientMessages, name);
}
