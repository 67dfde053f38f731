'use client';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslations } from 'use-intl';
import { countResults, type WriteBackRun } from '../../../domain/integrations/results';
import type {
  ActionResult,
  IntegrationsStatus,
  JiraConnectionInfo,
  JiraFieldsAnswer,
  JiraImportBody,
  JiraImportPreviewAnswer,
  WebhookDeliveryInfo,
  WebhookInfo,
  WriteBackPreviewAnswer,
  WriteBackPreviewBody,
  WriteBackRunAnswer,
  WriteBackRunBody,
} from '../../../domain/integrations/wire';
import type { WorkshopPlanning } from '../../../domain/workshop';
import { Message } from '../Shell';
import { FieldChoice } from './FieldChoice';
import { JiraConnect } from './JiraConnect';
import { JiraImport, type JiraImportAnswer } from './JiraImport';
import { request } from './request';
import { inputClass } from './ui';
import { WebhookSettings } from './WebhookSettings';
import { WriteBackLog } from './WriteBackLog';
import { WriteBackPreview } from './WriteBackPreview';

interface Overview {
  status: IntegrationsStatus;
  jira: JiraConnectionInfo | null;
  webhook: WebhookInfo | null;
}

/** how often a running write-back's log is read */
const POLL_MS = 1000;
/** how often the webhook's deliveries are read again */
const DELIVERIES_MS = 10_000;

/** The latest locked session, else the latest one. */
const defaultSession = (sessions: WorkshopPlanning['sessions']) =>
  [...sessions].reverse().find((s) => s.phase === 'locked')?.id ?? sessions.at(-1)?.id ?? null;

/** Jira (connection, field, import into a session, write-back per locked session) and the webhook of one workshop. */
export function IntegrationsView({ data, secret }: { data: WorkshopPlanning; secret: string | null }) {
  const t = useTranslations('integrations.view');
  const base = `/api/workshops/${data.id}/integrations`;
  const [overview, setOverview] = useState<Overview | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [fields, setFields] = useState<JiraFieldsAnswer | null>(null);
  const [deliveries, setDeliveries] = useState<WebhookDeliveryInfo[]>([]);
  const [sessionId, setSessionId] = useState<string | null>(() => defaultSession(data.sessions));
  const [runs, setRuns] = useState<WriteBackRun[]>([]);
  const [progress, setProgress] = useState<{ done: number; count: number } | null>(null);
  const [retryOf, setRetryOf] = useState<WriteBackRun | null>(null);
  const toWrite = useRef(0);
  const alive = useRef(true);
  useEffect(
    () => () => {
      alive.current = false;
    },
    [],
  );

  const session = data.sessions.find((s) => s.id === sessionId) ?? null;
  const connected = overview?.status.enabled === true && overview.jira !== null;

  useEffect(() => {
    let live = true;
    void request<Overview>(base, secret).then((r) => {
      if (!live) return;
      if (r.ok) setOverview(r.data);
      else setFailed(r.error.message);
    });
    return () => {
      live = false;
    };
  }, [base, secret]);

  // the fields Jira has, once connected (again)
  const connectedAt = overview?.jira?.connectedAt ?? null;
  useEffect(() => {
    if (connectedAt === null) return;
    let live = true;
    void request<JiraFieldsAnswer>(`${base}/jira/fields`, secret).then((r) => live && r.ok && setFields(r.data));
    return () => {
      live = false;
    };
  }, [base, secret, connectedAt]);

  const loadDeliveries = useCallback(async () => {
    const r = await request<WebhookDeliveryInfo[]>(`${base}/webhook/deliveries`, secret);
    if (r.ok && alive.current) setDeliveries(r.data);
  }, [base, secret]);
  const hooked = overview?.webhook !== null && overview?.webhook !== undefined;
  useEffect(() => {
    if (!hooked) return;
    void loadDeliveries();
    const timer = setInterval(() => void loadDeliveries(), DELIVERIES_MS);
    return () => clearInterval(timer);
  }, [hooked, loadDeliveries]);

  const runsPath = sessionId ? `/api/sessions/${sessionId}/jira/write-back/runs` : null;
  const loadRuns = useCallback(async () => {
    if (!runsPath) return null;
    const r = await request<WriteBackRun[]>(runsPath, secret);
    if (r.ok && alive.current) setRuns(r.data);
    return r.ok ? r.data : null;
  }, [runsPath, secret]);
  const locked = session?.phase === 'locked';
  useEffect(() => {
    setRuns([]);
    setRetryOf(null);
    if (connected && locked) void loadRuns();
  }, [connected, locked, loadRuns]);
  // a run started elsewhere (another tab, the API) is followed too
  const unfinished = runs.some((r) => r.finishedAt === null);
  useEffect(() => {
    if (!unfinished || progress) return;
    const timer = setInterval(() => void loadRuns(), POLL_MS);
    return () => clearInterval(timer);
  }, [unfinished, progress, loadRuns]);

  if (failed) {
    return (
      <Message tone="error" testId="integrations-failed">
        {t('failed', { message: failed })}
      </Message>
    );
  }
  if (!overview) return <Message>{t('loading')}</Message>;

  const sessionPath = (path: string) => `/api/sessions/${sessionId}/jira${path}`;

  async function onPreview(body: WriteBackPreviewBody): Promise<ActionResult<WriteBackPreviewAnswer>> {
    const r = await request<WriteBackPreviewAnswer>(sessionPath('/write-back/preview'), secret, 'POST', body);
    if (r.ok) toWrite.current = r.data.counts.write;
    return r;
  }

  /** Starts the run, then follows its log until it has finished (the server writes in the background). */
  async function onRun(body: WriteBackRunBody): Promise<ActionResult<WriteBackRunAnswer>> {
    const r = await request<{ run: WriteBackRun }>(sessionPath('/write-back'), secret, 'POST', body);
    if (!r.ok) return r;
    const id = r.data.run.id;
    const count = toWrite.current;
    setProgress({ done: 0, count });
    setRuns((list) => [...list, r.data.run]);
    try {
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        if (!alive.current) return { ok: false, error: { code: 'internal', message: 'left the page' } };
        const run = (await loadRuns())?.find((x) => x.id === id);
        if (!run) continue;
        setProgress({ done: run.results.length, count });
        if (run.finishedAt !== null) return { ok: true, data: { run, counts: countResults(run.results) } };
      }
    } finally {
      if (alive.current) setProgress(null);
    }
  }

  return (
    <div className="flex flex-col gap-4 2xl:gap-6">
      <div className="grid gap-4 xl:grid-cols-2 2xl:gap-6">
        <JiraConnect
          key={overview.jira?.connectedAt ?? 'none'}
          status={overview.status}
          connection={overview.jira}
          onConnect={async (body) => {
            const r = await request<JiraConnectionInfo>(`${base}/jira`, secret, 'PUT', body);
            if (r.ok) setOverview({ ...overview, jira: r.data });
            return r;
          }}
          onDisconnect={async () => {
            const r = await request<null>(`${base}/jira`, secret, 'DELETE');
            if (r.ok) {
              setOverview({ ...overview, jira: null });
              setFields(null);
            }
            return r;
          }}
        />
        {connected && fields && (
          <FieldChoice
            key={`${overview.jira?.field?.id ?? ''}:${overview.jira?.boardId ?? ''}`}
            fields={fields}
            boardId={overview.jira?.boardId ?? null}
            onChoose={async (body) => {
              const r = await request<JiraConnectionInfo>(`${base}/jira/field`, secret, 'PUT', body);
              if (r.ok) {
                setOverview({ ...overview, jira: r.data });
                setFields({ ...fields, chosen: r.data.field });
              }
              return r;
            }}
          />
        )}
      </div>

      {connected && (
        <section className="flex flex-col gap-4" aria-label={t('sessionTitle')} data-testid="integrations-session">
          <div className="flex flex-wrap items-end gap-3">
            <h2 className="text-xl font-semibold text-slate-900 2xl:text-2xl">{t('sessionTitle')}</h2>
            {data.sessions.length > 0 && (
              <label className="flex items-center gap-2 text-sm font-medium text-slate-700 2xl:text-base">
                {t('session')}
                <select
                  className={`${inputClass} w-auto`}
                  value={sessionId ?? ''}
                  onChange={(e) => setSessionId(e.target.value)}
                  data-testid="integrations-session-select"
                >
                  {data.sessions.map((s) => (
                    <option key={s.id} value={s.id}>
                      {t('sessionOption', { name: s.name, phase: t(`phase.${s.phase}`) })}
                    </option>
                  ))}
                </select>
              </label>
            )}
          </div>
          {!session ? (
            <Message>{t('noSessions')}</Message>
          ) : session.phase === 'setup' ? (
            <JiraImport
              key={session.id}
              setup
              onPreview={(body: JiraImportBody) => request<JiraImportPreviewAnswer>(sessionPath('/import/preview'), secret, 'POST', body)}
              onImport={(body: JiraImportBody) => request<JiraImportAnswer>(sessionPath('/import'), secret, 'POST', body)}
            />
          ) : locked ? (
            <div className="grid gap-4 2xl:grid-cols-2 2xl:gap-6">
              <WriteBackPreview
                key={session.id}
                locked
                onPreview={onPreview}
                onRun={onRun}
                onDone={() => setRetryOf(null)}
                retryOf={retryOf ? { id: retryOf.id, startedAt: retryOf.startedAt } : null}
                onCancelRetry={() => setRetryOf(null)}
                progress={progress}
              />
              <WriteBackLog
                runs={runs}
                writing={progress !== null || unfinished}
                onRetry={(id) => setRetryOf(runs.find((r) => r.id === id) ?? null)}
              />
            </div>
          ) : (
            <Message>{t('betweenPhases')}</Message>
          )}
        </section>
      )}

      {overview.status.enabled && (
        <WebhookSettings
          key={overview.webhook?.updatedAt ?? 'none'}
          webhook={overview.webhook}
          deliveries={deliveries}
          onSave={async (body) => {
            const r = await request<WebhookInfo>(`${base}/webhook`, secret, 'PUT', body);
            if (r.ok) setOverview({ ...overview, webhook: r.data });
            return r;
          }}
          onRemove={async () => {
            const r = await request<null>(`${base}/webhook`, secret, 'DELETE');
            if (r.ok) {
              setOverview({ ...overview, webhook: null });
              setDeliveries([]);
            }
            return r;
          }}
        />
      )}
    </div>
  );
}
