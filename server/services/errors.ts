import type { ZodError } from 'zod';
import type { WireError, WireErrorCode } from '../../domain/protocol';

export class ServiceError extends Error {
  constructor(
    readonly code: WireErrorCode,
    message: string,
    readonly fields?: WireError['fields'],
  ) {
    super(message);
  }
  toWire(): WireError {
    return this.fields ? { code: this.code, message: this.message, fields: this.fields } : { code: this.code, message: this.message };
  }
}

export function badRequest(err: ZodError, what: string): ServiceError {
  const fields = err.issues.map((i) => ({ path: i.path.join('.') || '(root)', message: i.message }));
  const first = fields[0];
  return new ServiceError('bad_request', `Invalid ${what}: ${first ? `${first.path}: ${first.message}` : 'malformed'}`, fields);
}
