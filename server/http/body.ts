import type { IncomingMessage } from 'node:http';
import contentType from 'content-type';
import type { Offload } from '../offload/pool';
import { decodeJsonBody } from './json-body';
import { originAllowed } from './security';

/**
 * Request bodies at the edge (docs/hardening.md BODY-*): JSON only, by the parsed media type;
 * no cross-site writes; a size limit answered with a 413 the client can read; a nesting limit.
 */

export class BodyError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export const MAX_BODY_BYTES = 64 * 1024;
/** Backlog imports carry a whole file (SPEC IMP-LIM-1: 2 MB). */
export const IMPORT_BODY_BYTES = 2 * 1024 * 1024;
/** Deeper JSON is refused before it is parsed: our bodies nest 6 levels at most. */
export const MAX_JSON_DEPTH = 32;
/**
 * After an early answer (413, 429, 403) the rest of the body is read and thrown away, so the
 * client gets to read the answer instead of a connection reset; beyond this much, or this long,
 * the connection is cut instead.
 */
export const DRAIN_BYTES = 16 * 1024 * 1024;
export const DRAIN_MS = 10_000;

const sizeLabel = (bytes: number) => (bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MB` : `${bytes / 1024} KB`);

/** BODY-1: the media type, parsed (not a substring match): application/json, UTF-8 if a charset is named. */
function checkMediaType(req: IncomingMessage) {
  const refuse = () => new BodyError(415, 'Send the body as application/json (UTF-8).');
  const header = req.headers['content-type'];
  if (!header) throw refuse();
  let parsed: contentType.ContentType;
  try {
    parsed = contentType.parse(header);
  } catch {
    throw refuse();
  }
  const charset = parsed.parameters.charset?.toLowerCase();
  if (parsed.type !== 'application/json' || (charset !== undefined && charset !== 'utf-8')) throw refuse();
}

/** Reads the whole body, up to `maxBytes`, without ever destroying the request (see discardBody). */
function readBytes(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const tooLarge = () => new BodyError(413, `The body is larger than ${sizeLabel(maxBytes)}.`);
  if (Number(req.headers['content-length'] ?? 0) > maxBytes) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        done();
        reject(tooLarge());
      } else chunks.push(chunk);
    };
    const onEnd = () => {
      done();
      resolve(Buffer.concat(chunks));
    };
    const onError = (err: Error) => {
      done();
      reject(err);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

/** Bodies above this are decoded in the offload thread (BODY-6): a 2 MB import costs the event loop about 20 ms. */
export const OFFLOAD_BODY_BYTES = 64 * 1024;

/**
 * A JSON body: 415 for another media type, 413 over the limit, 400 for invalid UTF-8 or JSON, 422
 * nested too deep. With `offload`, a body over OFFLOAD_BODY_BYTES is decoded off the event loop.
 */
/** The raw body, after the media-type and size checks (for bodies decoded elsewhere: the offload thread). */
export async function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  checkMediaType(req);
  return readBytes(req, maxBytes);
}

export async function readJson(req: IncomingMessage, maxBytes: number = MAX_BODY_BYTES, offload?: Pick<Offload, 'json'>): Promise<unknown> {
  const bytes = await readBody(req, maxBytes);
  const decoded =
    offload && bytes.length > OFFLOAD_BODY_BYTES ? await offload.json(bytes, MAX_JSON_DEPTH) : decodeJsonBody(bytes, MAX_JSON_DEPTH);
  if (!decoded.ok) throw new BodyError(decoded.status, decoded.message);
  return decoded.value;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * BODY-2: a write may not come from another site's page. Browsers send Origin on every
 * cross-origin POST (also a plain HTML form) and Sec-Fetch-Site on every request; a request
 * from a page of another origin (not this host, not in ALLOWED_ORIGINS) is refused with 403.
 * `Sec-Fetch-Site: same-origin` is accepted as is. Requests without either header come from
 * scripts, not from a page, and carry their own credentials.
 */
export function checkSameSite(req: IncomingMessage, allowedOrigins: readonly string[]) {
  if (SAFE_METHODS.has(req.method ?? 'GET')) return;
  const site = req.headers['sec-fetch-site'];
  // the browser's own word: also right behind a proxy that rewrites Host
  if (site === 'same-origin') return;
  const crossSite = site === 'cross-site' || site === 'same-site';
  const refuse = () => new BodyError(403, 'Requests from pages of other sites are not accepted.');
  if (req.headers.origin !== undefined) {
    if (!originAllowed(req, allowedOrigins)) throw refuse();
  } else if (crossSite) throw refuse();
}

/**
 * After answering early, read and drop the rest of the body (up to DRAIN_BYTES or DRAIN_MS), so
 * the connection ends cleanly and the client reads the answer; then Node reuses or closes it.
 */
export function discardBody(req: IncomingMessage) {
  if (req.complete || req.readableEnded || req.destroyed) return;
  let drained = 0;
  const cut = () => {
    cleanup();
    req.socket.destroy();
  };
  const timer = setTimeout(cut, DRAIN_MS);
  timer.unref();
  const onData = (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_BYTES) cut();
  };
  const cleanup = () => {
    clearTimeout(timer);
    req.off('data', onData);
    req.off('end', cleanup);
    req.off('close', cleanup);
  };
  req.on('data', onData);
  req.on('end', cleanup);
  req.on('close', cleanup);
  req.resume();
}
