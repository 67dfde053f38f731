import type { ServerResponse } from 'node:http';
import type { WireError } from '../../domain/protocol';

export function sendJson(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

export function sendError(res: ServerResponse, status: number, error: WireError) {
  sendJson(res, status, { error });
}

// bodies are read in body.ts; re-exported here for the routes
export { BodyError, IMPORT_BODY_BYTES, MAX_BODY_BYTES, readJson } from './body';

/** A file to download: the body as is, with an ASCII fallback name and the full UTF-8 name (RFC 6266). */
export function sendDownload(res: ServerResponse, contentType: string, filename: string, body: string) {
  const ascii =
    filename
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/-+/g, '-')
      .replace(/^-|-$/g, '') || 'export';
  const utf8 = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  res.writeHead(200, {
    'content-type': contentType,
    'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${utf8}`,
    'cache-control': 'no-store',
  });
  res.end(body);
}
