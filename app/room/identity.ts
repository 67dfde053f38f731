import type { Me } from '../../domain/protocol';

/** Who this browser is in a session, so a reload resumes the same participant. */
const key = (sessionId: string) => `me:${sessionId}`;
const facKey = (sessionId: string) => `facilitator:${sessionId}`;

export function loadIdentity(sessionId: string): Me | null {
  try {
    const raw = localStorage.getItem(key(sessionId));
    return raw ? (JSON.parse(raw) as Me) : null;
  } catch {
    return null;
  }
}

export function saveIdentity(sessionId: string, me: Me) {
  localStorage.setItem(key(sessionId), JSON.stringify(me));
}

/** The facilitator secret travels in the URL fragment (never sent in HTTP requests) and is remembered per session. */
export function facilitatorSecretFor(sessionId: string): string | null {
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('facilitator');
  if (fromHash) {
    localStorage.setItem(facKey(sessionId), fromHash);
    return fromHash;
  }
  return localStorage.getItem(facKey(sessionId));
}

/** The facilitator's link to the workshop's planning pages, built from the secret this browser holds. */
export function workshopLinkFor(sessionId: string, workshopId: string): string | null {
  const secret = facilitatorSecretFor(sessionId);
  return secret ? `/workshop/${workshopId}#facilitator=${secret}` : null;
}
