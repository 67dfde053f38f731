export type DomainErrorCode =
  | 'unknown_card'
  | 'unknown_bucket'
  | 'unknown_person'
  | 'session_locked'
  | 'wrong_phase'
  | 'not_allowed'
  | 'not_your_card'
  | 'no_change'
  | 'invalid';

export interface DomainError {
  code: DomainErrorCode;
  message: string;
}

export type Decision<T> = { ok: true; value: T } | { ok: false; error: DomainError };

export const fail = (code: DomainErrorCode, message: string): Decision<never> => ({ ok: false, error: { code, message } });
export const accept = <T>(value: T): Decision<T> => ({ ok: true, value });
