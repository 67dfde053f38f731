import type { Phase } from './state';

export interface SessionSettings {
  pingPong: {
    /** flag a card moved back to a bucket it left before (during review) */
    backAndForth: boolean;
    /** flag a card moved more than this many times during review */
    maxMoves: number;
  };
  /** default timebox per phase, in seconds */
  timebox: Partial<Record<Phase, number>>;
}

export const DEFAULT_SETTINGS: SessionSettings = {
  pingPong: { backAndForth: true, maxMoves: 3 },
  timebox: { sorting: 600, review: 600, discussion: 900 },
};
