export type DomainErrorCode =
  | 'unknown_card'
  | 'unknown_bucket'
  | 'session_locked'
  | 'not_allowed'
  | 'no_change';

export interface DomainError {
  code: DomainErrorCode;
  message: string;
}

export type Decision<T> = { ok: true; value: T } | { ok: false; error: DomainError };

export const fail = (code: DomainErrorCode, message: string): Decision<never> => ({
  ok: false,
  error: { code, message },
});
