import { ServiceError } from './errors';

/**
 * How much one workshop may hold, so that nobody with a link can fill the disk (docs/hardening.md
 * SEC-QUOTA). Set from the environment (README); every limit gives a clear error when reached.
 */
export interface Quotas {
  sessionsPerWorkshop: number;
  itemsPerWorkshop: number;
  /** events in one session's log: moves, joins, ... (a real workshop writes a few thousand) */
  eventsPerSession: number;
  /** a locked session admits new participants for this long after the lock (re-joins always) */
  joinAfterLockMs: number;
}

export const DEFAULT_QUOTAS: Quotas = {
  sessionsPerWorkshop: 100,
  itemsPerWorkshop: 2000,
  eventsPerSession: 100_000,
  joinAfterLockMs: 24 * 60 * 60 * 1000,
};

export const quotaExceeded = (what: string, limit: number) =>
  new ServiceError('quota_exceeded', `This workshop has reached its limit of ${limit.toLocaleString('en')} ${what}. Nothing was changed.`);
