/**
 * Names every plain object already answers to (`__proto__`, `constructor`, `toString`, ...).
 * An id like that would read an inherited value from a record keyed by id, so the protocol
 * refuses them and the domain looks ids up with own-property checks only (BOARD-ID-1, BOARD-ID-2).
 */
const RESERVED = new Set<string>([...Object.getOwnPropertyNames(Object.prototype), 'prototype', '__proto__']);

export const isReservedId = (id: string): boolean => RESERVED.has(id);

/** The value stored under `key` itself, never one inherited from Object.prototype. */
export function own<V>(record: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
