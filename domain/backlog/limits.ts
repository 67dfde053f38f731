import { LIMITS } from '../protocol/limits';

/**
 * Limits of the backlog import (SPEC.md IMP-LIM-*). Lengths are JavaScript string lengths
 * (UTF-16 code units), the same measure the wire schemas use.
 */
export const BACKLOG_LIMITS = {
  /** items a session may hold, existing and imported together */
  itemsPerSession: LIMITS.itemsPerSession,
  titleLength: LIMITS.titleLength,
  descriptionLength: 5000,
  keyLength: 64,
  priorityLength: 60,
  /** story points above this are rejected as a typo */
  storyPointsMax: 10_000,
  /** the text of one file; 2 MB counted as characters (the server also caps the request body) */
  fileChars: 2 * 1024 * 1024,
} as const;

export type BacklogLimits = typeof BACKLOG_LIMITS;
