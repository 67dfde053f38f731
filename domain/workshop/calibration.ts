// Calibration per session: reference items with their detailed story points (rules WS-CAL-1..6).
// One concept: the workshop's AP-to-SP factor is sum SP / sum AP over the latest reference of each
// item in the locked sessions (currentCalibration); every page and the plan input use it.
import { factorOf } from '../planning/calibration';
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

/** PLAN-CAL-1 over a workshop's reference items (the planning engine's one formula). */
export function factorOfRefs(refs: CalibrationRef[]): Factor {
  const { factor, sumAp, sumSp } = factorOf(refs);
  return { factor, sumAp, sumSp, refs };
}

/** WS-CAL-1: the usable references of one session: the item lies in a sized bucket there and has SP > 0. */
export function sessionRefs(s: SessionWithReferences): CalibrationRef[] {
  return s.references.flatMap((r) => {
    const ap = s.placements[r.itemId]?.value ?? null;
    return ap !== null && ap > 0 && r.storyPoints > 0
      ? [{ itemId: r.itemId, sessionId: s.id, ap, sp: r.storyPoints, updatedAt: r.updatedAt }]
      : [];
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

/**
 * WS-CAL-7: the factor that applies to one session (its export, its write-back to Jira): the
 * workshop's factor as of that session when it is counted (locked), else the current one.
 */
export function sessionFactor(sessions: readonly SessionWithReferences[], sessionId: string): Factor {
  return calibrationHistory(sessions).find((h) => h.sessionId === sessionId)?.cumulative ?? currentCalibration(sessions);
}

/** Every usable reference entry of the counted sessions, oldest session first. */
export function allRefs(sessions: readonly SessionWithReferences[]): CalibrationRef[] {
  return sessions.filter((s) => s.counted).flatMap(sessionRefs);
}

/** A reference whose ratio is more than this factor away from the other references' factor is an outlier. */
export const OUTLIER_RATIO = 2;
/** Default share by which the workshop's factor may move from one session to the next before it is flagged. */
export const DRIFT_THRESHOLD = 0.2;

export type SessionDrift = {
  sessionId: string;
  /** this session's own factor and the spread of its references' SP/AP ratios (null without references) */
  own: number | null;
  spread: { min: number; max: number } | null;
  /** WS-CAL-5: references far off the others of the session (leave one out, 3 references or more) */
  outliers: string[];
  /** the workshop's factor after this session, and how far it moved from the one before (share, signed) */
  cumulative: number | null;
  moved: number | null;
  /** WS-CAL-6: moved by more than the threshold */
  flagged: boolean;
};

/**
 * WS-CAL-4..6: calibration drift per counted session. The spread is the lowest and highest
 * SP/AP ratio of the session's references. A reference is an outlier when its ratio and the
 * factor of the session's other references differ by more than OUTLIER_RATIO (either way); with
 * fewer than 3 references nothing is called an outlier (two disagreeing ones cannot say which is
 * off). The workshop's factor is flagged when it moved by more than `threshold` (default 20 %)
 * against the previous session's.
 */
export function calibrationDrift(sessions: readonly SessionWithReferences[], threshold = DRIFT_THRESHOLD): SessionDrift[] {
  let previous: number | null = null;
  return calibrationHistory(sessions).map((h) => {
    const refs = h.own.refs;
    const ratios = refs.map((r) => r.sp / r.ap);
    const outliers =
      refs.length < 3
        ? []
        : refs.filter((r, i) => {
            const others = factorOfRefs(refs.filter((_, j) => j !== i)).factor;
            if (others === null) return false;
            const off = ratios[i]! / others;
            return off > OUTLIER_RATIO || off < 1 / OUTLIER_RATIO;
          });
    const cumulative = h.cumulative.factor;
    const moved = previous === null || cumulative === null ? null : (cumulative - previous) / previous;
    if (cumulative !== null) previous = cumulative;
    return {
      sessionId: h.sessionId,
      own: h.own.factor,
      spread: ratios.length === 0 ? null : { min: Math.min(...ratios), max: Math.max(...ratios) },
      outliers: outliers.map((r) => r.itemId),
      cumulative,
      moved,
      flagged: moved !== null && Math.abs(moved) > threshold,
    };
  });
}
