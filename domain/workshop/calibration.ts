// Calibration per session: reference items with their detailed story points (rules WS-CAL-1..3).
import type { SessionSizes } from './sizes';

export type ReferenceEntry = { itemId: string; storyPoints: number; updatedAt: number };

export interface SessionWithReferences extends SessionSizes {
  references: readonly ReferenceEntry[];
}

/** A reference item as used for a factor: AP = its bucket value in the session that holds the entry. */
export type CalibrationRef = { itemId: string; sessionId: string; ap: number; sp: number; updatedAt: number };

export type Factor = { factor: number | null; sumAp: number; sumSp: number; refs: CalibrationRef[] };

export type SessionCalibration = {
  sessionId: string;
  /** this session's own reference items */
  own: Factor;
  /** WS-CAL-2: the workshop's factor as of this session: every item's latest reference up to here */
  cumulative: Factor;
};

export function factorOfRefs(refs: CalibrationRef[]): Factor {
  let sumAp = 0;
  let sumSp = 0;
  for (const r of refs) {
    sumAp += r.ap;
    sumSp += r.sp;
  }
  return { factor: refs.length === 0 || sumAp <= 0 ? null : sumSp / sumAp, sumAp, sumSp, refs };
}

/** WS-CAL-1: the usable references of one session: the item lies in a sized bucket there and has SP > 0. */
export function sessionRefs(s: SessionWithReferences): CalibrationRef[] {
  return s.references.flatMap((r) => {
    const ap = s.placements[r.itemId]?.value ?? null;
    return ap !== null && ap > 0 && r.storyPoints > 0 ? [{ itemId: r.itemId, sessionId: s.id, ap, sp: r.storyPoints, updatedAt: r.updatedAt }] : [];
  });
}

/**
 * WS-CAL-2: the factor of every counted session, oldest first (kept: it is derived from that
 * session's board and references, which later sessions do not change). A later session's
 * reference of the same item replaces the earlier one in the cumulative factor.
 */
export function calibrationHistory(sessions: readonly SessionWithReferences[]): SessionCalibration[] {
  const latest = new Map<string, CalibrationRef>();
  const out: SessionCalibration[] = [];
  for (const s of sessions) {
    if (!s.counted) continue;
    const own = sessionRefs(s);
    for (const r of own) {
      latest.delete(r.itemId); // keep insertion order = when it was last refined
      latest.set(r.itemId, r);
    }
    out.push({ sessionId: s.id, own: factorOfRefs(own), cumulative: factorOfRefs([...latest.values()]) });
  }
  return out;
}

/** WS-CAL-3: the workshop's current calibration: the cumulative factor after the last counted session. */
export function currentCalibration(sessions: readonly SessionWithReferences[]): Factor {
  const history = calibrationHistory(sessions);
  return history.at(-1)?.cumulative ?? factorOfRefs([]);
}

/** Every usable reference entry of the counted sessions, oldest session first. */
export function allRefs(sessions: readonly SessionWithReferences[]): CalibrationRef[] {
  return sessions.filter((s) => s.counted).flatMap(sessionRefs);
}
