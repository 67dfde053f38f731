import type { ExistingBacklog, ImportPreview } from '../../domain/backlog';
import type { WireError } from '../../domain/protocol';
import { jsonTooDeep } from '../../domain/text/json-depth';
import { ServiceError } from '../services/errors';
import { previewFromBody } from '../services/preview-body';

/** What a JSON body decodes to, or why it cannot (BODY-4/5: 400 for bad UTF-8 or JSON, 422 nested too deep). */
export type DecodedJson = { ok: true; value: unknown } | { ok: false; status: 400 | 422; message: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Pure: the same on the event loop (small bodies) and in the offload thread (large ones). */
export function decodeJsonBody(bytes: Uint8Array, maxDepth: number): DecodedJson {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { ok: false, status: 400, message: 'The body is not valid UTF-8.' };
  }
  if (jsonTooDeep(text, maxDepth)) return { ok: false, status: 422, message: `The body nests deeper than ${maxDepth} levels.` };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, status: 400, message: 'The body is not valid JSON.' };
  }
}

/** An import preview from the raw body, or why there is none: the same inline and in the offload thread. */
export type PreviewOutcome =
  { ok: true; preview: ImportPreview } | { ok: false; status: 400 | 422; message: string; fields?: WireError['fields'] };

export function previewFromBytes(bytes: Uint8Array, maxDepth: number, existing: ExistingBacklog): PreviewOutcome {
  const decoded = decodeJsonBody(bytes, maxDepth);
  if (!decoded.ok) return decoded;
  try {
    return { ok: true, preview: previewFromBody(decoded.value, existing) };
  } catch (err) {
    if (!(err instanceof ServiceError)) throw err;
    return { ok: false, status: 400, message: err.message, ...(err.fields ? { fields: err.fields } : {}) };
  }
}
