import type { BoardState } from './state';
import type { BoardCommand, BoardEvent } from './events';
import { findBucket } from './scale';
import { fail, type Decision } from './errors';

export interface Actor {
  participantId: string | null;
  canMove: boolean;
}

/** Pure decision: is this command allowed on this board, and what event does it produce? */
export function decide(board: BoardState, cmd: BoardCommand, actor: Actor, now: number): Decision<BoardEvent> {
  switch (cmd.type) {
    case 'card.move': {
      if (!actor.canMove) return fail('not_allowed', 'Observers cannot move cards.');
      if (board.phase === 'locked') return fail('session_locked', 'The session is locked; cards can no longer move.');
      if (!Object.hasOwn(board.placement, cmd.cardId)) return fail('unknown_card', `Card ${cmd.cardId} is not on this board.`);
      if (cmd.to !== null && !findBucket(board.scale, cmd.to)) {
        return fail('unknown_bucket', `Bucket ${cmd.to} is not on this board's scale.`);
      }
      const from = board.placement[cmd.cardId] ?? null;
      if (from === cmd.to) return fail('no_change', 'The card is already there.');
      return { ok: true, value: { type: 'card.moved', cardId: cmd.cardId, from, to: cmd.to, by: actor.participantId, at: now } };
    }
  }
}
