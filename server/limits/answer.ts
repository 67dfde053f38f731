import type { IncomingMessage, ServerResponse } from 'node:http';
import de from '../../messages/limits.de.json';
import en from '../../messages/limits.en.json';
import { retryAfterSeconds, type RateLimited } from './guard';

/** A browser navigating (a QR code's /j/<code>, a share link's /s/<token>) rather than a script calling the API. */
export const wantsPage = (req: IncomingMessage) => (req.headers.accept ?? '').includes('text/html');

const page = (seconds: number) => {
  const part = (m: typeof en.limits.page, lang: string) =>
    `<section lang="${lang}"><h1>${m.title}</h1><p>${m.text.replace('{seconds}', String(seconds))}</p><p><a href="/">${m.back}</a></p></section>`;
  return `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>429</title></head><body>${part(en.limits.page, 'en')}${part(de.limits.page, 'de')}</body></html>`;
};

/**
 * 429 with Retry-After (whole seconds): JSON `{ error: { code: 'rate_limited', message } }` for
 * the API, a short page in English and German for a browser's navigation (docs/hardening.md RATE-1).
 */
export function sendLimited(req: IncomingMessage, res: ServerResponse, err: RateLimited) {
  const seconds = retryAfterSeconds(err.retryAfterMs);
  const headers = { 'retry-after': String(seconds), 'cache-control': 'no-store' };
  if (wantsPage(req) && !req.url?.startsWith('/api/')) {
    res.writeHead(429, { ...headers, 'content-type': 'text/html; charset=utf-8' }).end(page(seconds));
    return;
  }
  res.writeHead(429, { ...headers, 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify({ error: { code: 'rate_limited', message: err.message } }));
}
