import type { BoardState } from './state';
import type { BoardEvent } from './events';

/** Applies one accepted event; the same code runs on the server and in every client. */
export function apply(board: BoardState, event: BoardEvent): BoardState {
  switch (event.type) {
    case 'card.moved':
      return {
        ...board,
        version: board.version + 1,
        placement: { ...board.placement, [event.cardId]: event.to },
        moveCount: { ...board.moveCount, [event.cardId]: (board.moveCount[event.cardId] ?? 0) + 1 },
      };
  }
}
