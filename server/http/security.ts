import type { IncomingMessage, ServerResponse } from 'node:http';

/*
 * Security headers for every response of the one server (pages, API, redirects), and the
 * Origin check for socket.io. docs/hardening.md explains each choice.
 */

/**
 * Next's production pages carry inline bootstrap scripts (self.__next_f.push(...)) without
 * nonces, so scripts need 'unsafe-inline'; everything else is locked to this origin. No
 * third-party script, frame, font or connection is ever allowed, the app cannot be framed
 * (clickjacking), and plugins and <base> rewrites are off. Development (hot reload) also needs
 * eval and the dev websocket.
 */
export function contentSecurityPolicy(dev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? ' ws: wss:' : ''}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function securityHeaders(dev: boolean): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy(dev),
    'x-content-type-options': 'nosniff',
    // the facilitator secret travels in the URL fragment, which browsers never put in a Referer; be safe anyway
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
  };
}

export function applySecurityHeaders(res: ServerResponse, headers: Record<string, string>) {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
}

/**
 * May this request open a socket? Browsers always send Origin on websocket and XHR requests:
 * a page of this server (Origin host = Host) or of an origin listed in ALLOWED_ORIGINS may; any
 * other page may not (cross-site websocket hijacking). Requests without Origin come from
 * non-browser clients (tests, the benchmark, scripts), which no browser page can forge, and
 * are allowed: the socket protocol has its own credentials (participant token, facilitator secret).
 */
export function originAllowed(req: IncomingMessage, allowed: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  if (allowed.includes('*')) return true;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false; // "null" (sandboxed frames, file://) and garbage
  }
  if (parsed.host === req.headers.host && (parsed.protocol === 'http:' || parsed.protocol === 'https:')) return true;
  return allowed.includes(parsed.origin);
}
