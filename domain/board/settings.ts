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
  /** hide who moved what until the session is locked (BOARD-ANON-*) */
  anonymous: boolean;
}

export const DEFAULT_SETTINGS: SessionSettings = {
  pingPong: { backAndForth: true, maxMoves: 3 },
  timebox: { sorting: 600, review: 600, discussion: 900 },
  anonymous: false,
};

/** Sessions stored before a setting existed replay with its default. */
export const withDefaults = (s: Omit<SessionSettings, 'anonymous'> & { anonymous?: boolean }): SessionSettings => ({
  ...s,
  anonymous: s.anonymous ?? false,
});

export function sameSettings(a: SessionSettings, b: SessionSettings): boolean {
  const phases = new Set([...Object.keys(a.timebox), ...Object.keys(b.timebox)]) as Set<Phase>;
  return (
    a.pingPong.backAndForth === b.pingPong.backAndForth &&
    a.pingPong.maxMoves === b.pingPong.maxMoves &&
    a.anonymous === b.anonymous &&
    [...phases].every((p) => a.timebox[p] === b.timebox[p])
  );
}
