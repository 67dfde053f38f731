import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

// ids come in hundreds at once (a backlog's items): one call to the system's CSPRNG per 256 ids, as randomUUID does
const ID_BYTES = 16;
let pool = Buffer.alloc(0);
let taken = 0;

/** 128 random bits, URL-safe: unguessable ids for workshops, sessions and participants. */
export function newId(): string {
  if (taken + ID_BYTES > pool.length) {
    pool = randomBytes(ID_BYTES * 256);
    taken = 0;
  }
  taken += ID_BYTES;
  return pool.subarray(taken - ID_BYTES, taken).toString('base64url');
}

/** 256 random bits for the facilitator secret and participant tokens. */
export const newSecret = () => randomBytes(32).toString('base64url');

// no 0/O, 1/I/L: codes are read off a projector and typed on phones
const JOIN_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export function newJoinCode(length = 6): string {
  let s = '';
  for (let i = 0; i < length; i++) s += JOIN_ALPHABET[randomInt(JOIN_ALPHABET.length)];
  return s;
}

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Compares a presented secret to a stored hash in constant time. */
export function secretMatches(presented: string, storedHash: string): boolean {
  const a = Buffer.from(sha256(presented), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
