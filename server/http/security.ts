import type { IncomingMessage, ServerResponse } from 'node:http';

/*
 * Security headers for every response of the one server (pages, API, redirects), and the
 * Origin check for socket.io. docs/hardening.md explains each choice.
 */

/**
 * Scripts run only with this response's nonce: Next reads the nonce from the request's CSP
 * header (set by the server before it renders) and stamps it on its inline bootstrap scripts
 * and chunk tags; 'strict-dynamic' lets those load the rest. Without a nonce (API answers,
 * redirects) no script runs at all. Everything else is locked to this origin: no third-party
 * script, frame, font or connection, no framing (clickjacking), no plugins or <base> rewrites.
 * Development (hot reload) also needs eval and the dev websocket.
 */
export function contentSecurityPolicy(dev: boolean, nonce?: string): string {
  const scripts = nonce ? `'nonce-${nonce}' 'strict-dynamic'` : "'none'";
  return [
    "default-src 'self'",
    dev ? "script-src 'self' 'unsafe-inline' 'unsafe-eval'" : `script-src ${scripts}`,
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
