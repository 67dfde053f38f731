import { z } from 'zod';
import { LIMITS } from './limits';

const title = z.string().trim().min(1, 'an item needs a title').max(LIMITS.titleLength, `at most ${LIMITS.titleLength} characters`);

export const createWorkshopBody = z.strictObject({
  name: z.string().trim().min(1, 'a workshop needs a name').max(LIMITS.workshopNameLength),
  items: z.array(title).max(LIMITS.itemsPerSession, `at most ${LIMITS.itemsPerSession} items per session`).default([]),
});

export type CreateWorkshopBody = z.input<typeof createWorkshopBody>;

export interface CreateWorkshopResult {
  workshopId: string;
  sessionId: string;
  joinCode: string;
  facilitatorSecret: string;
  links: { participant: string; facilitator: string };
}

/** Splits pasted text into item titles: one per line, blanks and list bullets dropped. */
export function parseBacklogLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.replace(/^\s*(?:[-*•]|\d+[.)])\s+/, '').trim())
    .filter((l) => l.length > 0);
}

export const participantPath = (sessionId: string) => `/room/${sessionId}`;
export const facilitatorPath = (sessionId: string, secret: string) => `/room/${sessionId}#facilitator=${secret}`;
