import type { Me } from '../../domain/protocol';

/** Who this browser is in a session, so a reload resumes the same participant. */
const key = (sessionId: string) => `me:${sessionId}`;
const facKey = (sessionId: string) => `facilitator:${sessionId}`;
/** the workshop pages keep the facilitator secret under this key too (app/workshop/client.ts) */
const workshopKey = (workshopId: string) => `workshop:${workshopId}`;
const personKey = (workshopId: string) => `person:${workshopId}`;

function read<T>(k: string): T | null {
  try {
    const raw = localStorage.getItem(k);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

export function loadIdentity(sessionId: string): Me | null {
  return read<Me>(key(sessionId));
}

export function saveIdentity(sessionId: string, me: Me) {
  localStorage.setItem(key(sessionId), JSON.stringify(me));
}

/** A person's name and observer choice, kept per workshop: the next session of the same workshop needs no name again (BOARD-NEXT-2). */
export interface WorkshopPerson {
  name: string;
  observer: boolean;
}

export const loadWorkshopPerson = (workshopId: string) => read<WorkshopPerson>(personKey(workshopId));

export function saveWorkshopPerson(workshopId: string, p: WorkshopPerson) {
  localStorage.setItem(personKey(workshopId), JSON.stringify(p));
}

/**
 * The facilitator secret travels in the URL fragment (never sent in HTTP requests), is
 * remembered per session, and is removed from the address bar at once, so a projected or
 * shared screen never shows it.
 */
export function facilitatorSecretFor(sessionId: string): string | null {
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('facilitator');
  if (fromHash) {
    localStorage.setItem(facKey(sessionId), fromHash);
    window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
    return fromHash;
  }
  return localStorage.getItem(facKey(sessionId));
}

/** Once the workshop is known: keep the secret per workshop too (its other sessions and its pages use it), or find it there. */
export function workshopSecret(sessionId: string, workshopId: string): string | null {
  const own = facilitatorSecretFor(sessionId);
  if (own) {
    localStorage.setItem(workshopKey(workshopId), own);
    return own;
  }
  const shared = localStorage.getItem(workshopKey(workshopId));
  if (shared) localStorage.setItem(facKey(sessionId), shared);
  return shared;
}

/**
 * The facilitator's link to the workshop's pages (calibration: of this session). The pages find
 * the secret under the workshop's key in this browser, so the link itself carries none.
 */
export function workshopLinkFor(sessionId: string, workshopId: string, view: '' | 'calibration' = ''): string | null {
  if (!workshopSecret(sessionId, workshopId)) return null;
  return `/workshop/${workshopId}${view ? `/${view}?session=${encodeURIComponent(sessionId)}` : ''}`;
}
