import { z } from 'zod';
import { LIMITS } from './limits';

/** Client -> server messages. Every one carries an ack callback; see docs/protocol.md. */
const id = z.string().min(1).max(LIMITS.idLength).regex(/^[A-Za-z0-9_-]+$/, 'must be an id');
const displayName = z.string().trim().min(1, 'a display name is required').max(LIMITS.nameLength);

export const joinMessage = z.strictObject({
  sessionId: id,
  name: displayName.optional(),
  /** resume an earlier identity in this session (kept by the client) */
  participantId: id.optional(),
  participantToken: z.string().min(1).max(128).optional(),
  facilitatorSecret: z.string().min(1).max(128).optional(),
});

export const moveMessage = z.strictObject({
  cardId: id,
  /** a bucket id, or null for the unsorted pile */
  to: id.nullable(),
  /** echoed back so a client can match acks to its pending moves */
  clientMoveId: z.string().max(64).optional(),
});

export const syncMessage = z.strictObject({}).optional();

export const clientMessages = {
  'room:join': joinMessage,
  'card:move': moveMessage,
  'room:sync': syncMessage,
} as const;

export type ClientEventName = keyof typeof clientMessages;
export type JoinMessage = z.infer<typeof joinMessage>;
export type MoveMessage = z.infer<typeof moveMessage>;

export function isClientEventName(name: string): name is ClientEventName {
  return Object.hasOwn(clientMessages, name);
}
