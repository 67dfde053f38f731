import { jsonTooDeep } from '../text/json-depth';
import { EXPORT_JSON_FORMAT } from './export';
import type { RawRecord, TableResult } from './table';
import { excerptOf } from './text';

/**
 * JSON reading (SPEC IMP-JSON-*): an array of item objects, or an object with an `items` array
 * (which includes this module's own export). The columns are the property names found, in order
 * of first appearance, so the same header detection and mapping apply as for CSV.
 */
/** A backlog file nests 3 levels; deeper ones would overflow the stack when a value is shown (IMP-JSON-4). */
export const MAX_FILE_DEPTH = 32;

export function parseJson(text: string): TableResult {
  if (jsonTooDeep(text, MAX_FILE_DEPTH)) {
    return {
      ok: false,
      error: { code: 'json_too_deep', message: `the file nests deeper than ${MAX_FILE_DEPTH} levels; a backlog file is a list of items` },
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const detail = e instanceof Error ? `: ${e.message}` : '';
    return { ok: false, error: { code: 'json_invalid', message: `the file is not valid JSON${detail}` } };
  }
  const items = Array.isArray(value) ? value : isObject(value) && Array.isArray(value.items) ? (value.items as unknown[]) : null;
  if (!items) {
    return { ok: false, error: { code: 'json_shape', message: 'expected an array of items or an object with an "items" array' } };
  }
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    if (!isObject(item)) continue;
    for (const name of Object.keys(item)) {
      if (!seen.has(name)) {
        seen.add(name);
        columns.push(name);
      }
    }
  }
  const records: RawRecord[] = items.map((item, i) =>
    isObject(item)
      ? { line: i + 1, cells: columns.map((c) => (Object.hasOwn(item, c) ? item[c] : undefined)) }
      : {
          line: i + 1,
          cells: [],
          problem: { code: 'not_an_object', reason: `the item is ${describe(item)}, not an object` },
          excerpt: excerptOf(JSON.stringify(item) ?? ''),
        },
  );
  const own =
    isObject(value) && value.format === EXPORT_JSON_FORMAT && typeof value.version === 'number' ? { exportVersion: value.version } : {};
  return { ok: true, table: { format: 'json', columns, records, ...own } };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return `a ${typeof v}`;
}
