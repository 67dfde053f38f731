'use client';
import { useCallback, useEffect, useState } from 'react';
import type { WireError } from '../../domain/protocol';
import type { WorkshopPlanning } from '../../domain/workshop';

const storageKey = (workshopId: string) => `workshop:${workshopId}`;

/**
 * The facilitator secret: from the URL fragment (`#facilitator=<secret>`, never sent to the
 * server), remembered in localStorage per workshop; the fragment is then removed from the address bar.
 */
export function workshopSecret(workshopId: string): string | null {
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('facilitator');
  if (fromHash) {
    localStorage.setItem(storageKey(workshopId), fromHash);
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
    return fromHash;
  }
  return localStorage.getItem(storageKey(workshopId));
}

/** After a deletion: the browser forgets the workshop's secret. */
export const forgetWorkshop = (workshopId: string) => localStorage.removeItem(storageKey(workshopId));

export type ApiResult<T> = { ok: true; status: number; data: T } | { ok: false; status: number; error: WireError };

export async function api<T>(path: string, opts: { method?: string; token?: string | null; body?: unknown } = {}): Promise<ApiResult<T>> {
  const headers: Record<string, string> = {};
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  try {
    const res = await fetch(path, {
      method: opts.method ?? 'GET',
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      cache: 'no-store',
    });
    const json = (await res.json().catch(() => null)) as unknown;
    if (res.ok) return { ok: true, status: res.status, data: json as T };
    const error = (json as { error?: WireError } | null)?.error ?? { code: 'internal', message: res.statusText };
    return { ok: false, status: res.status, error };
  } catch (e) {
    return { ok: false, status: 0, error: { code: 'internal', message: e instanceof Error ? e.message : String(e) } };
  }
}

export type LoadState =
  | { status: 'loading' }
  | { status: 'noSecret' }
  | { status: 'failed'; code: string; message: string }
  | { status: 'ready'; data: WorkshopPlanning };

/** The workshop's planning data, and a way to call the API with the facilitator secret that refreshes it. */
export function useWorkshop(workshopId: string) {
  const [secret, setSecret] = useState<string | null | undefined>(undefined);
  const [state, setState] = useState<LoadState>({ status: 'loading' });

  useEffect(() => {
    const s = workshopSecret(workshopId);
    setSecret(s);
    if (!s) {
      setState({ status: 'noSecret' });
      return;
    }
    let live = true;
    void api<WorkshopPlanning>(`/api/workshops/${workshopId}/planning`, { token: s }).then((r) => {
      if (!live) return;
      setState(r.ok ? { status: 'ready', data: r.data } : { status: 'failed', code: r.error.code, message: r.error.message });
    });
    return () => {
      live = false;
    };
  }, [workshopId]);

  /** Loads the planning data again (after a change made through another endpoint, e.g. a new session). */
  const reload = useCallback(async () => {
    if (!secret) return;
    const r = await api<WorkshopPlanning>(`/api/workshops/${workshopId}/planning`, { token: secret });
    if (r.ok) setState({ status: 'ready', data: r.data });
  }, [workshopId, secret]);

  /** A call whose answer is the new planning data (settings, references, sprints). */
  const update = useCallback(
    async (method: string, path: string, body?: unknown) => {
      const r = await api<WorkshopPlanning>(`/api/workshops/${workshopId}${path}`, { method, token: secret, body });
      if (r.ok) setState({ status: 'ready', data: r.data });
      return r;
    },
    [workshopId, secret],
  );

  const call = useCallback(
    <T>(method: string, path: string, body?: unknown) => api<T>(`/api/workshops/${workshopId}${path}`, { method, token: secret, body }),
    [workshopId, secret],
  );

  return { state, secret: secret ?? null, update, call, reload };
}

export type WorkshopApi = ReturnType<typeof useWorkshop>;

/** The read-only data behind a share link. */
export function useShared(token: string) {
  const [state, setState] = useState<LoadState>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    void api<WorkshopPlanning>(`/api/shared/${token}`).then((r) => {
      if (live) setState(r.ok ? { status: 'ready', data: r.data } : { status: 'failed', code: r.error.code, message: r.error.message });
    });
    return () => {
      live = false;
    };
  }, [token]);
  return state;
}
