'use client';
import type { ActionResult, IntegrationWireError } from '../../../domain/integrations/wire';

/** The answer of an integrations route, with the error as the API gives it (code, message, Jira's side, a new preview). */
export type Answer<T> = ActionResult<T> & { status: number; preview?: unknown };

/** Calls the API with the facilitator secret; a network failure is an `internal` error (the UI says so in the reader's language). */
export async function request<T>(path: string, token: string | null, method = 'GET', body?: unknown): Promise<Answer<T>> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  try {
    const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store' });
    const json: unknown = await res.json().catch(() => null);
    if (res.ok) return { ok: true, status: res.status, data: json as T };
    const wire = json !== null && typeof json === 'object' ? (json as { error?: IntegrationWireError; preview?: unknown }) : {};
    const error: IntegrationWireError = wire.error ?? { code: res.status === 429 ? 'rate_limited' : 'internal', message: res.statusText };
    return { ok: false, status: res.status, error, ...(wire.preview !== undefined ? { preview: wire.preview } : {}) };
  } catch (e) {
    return { ok: false, status: 0, error: { code: 'network', message: e instanceof Error ? e.message : String(e) } };
  }
}
