'use client';
import { useEffect, useMemo, useState } from 'react';
import { useFormatter, useTranslations } from 'use-intl';
import type { CreateSessionResult } from '../../domain/protocol';
import { backlogRows, currentCalibration, type CreatedShareLink, type ShareLinkInfo, type WorkshopPlanning } from '../../domain/workshop';
import { CopyField } from '../components/CopyField';
import { Panel } from '../plan/panels';
import { useFigures } from '../plan/useFigures';
import type { WorkshopApi } from './client';
import { ItemChecks } from './ItemChecks';
import { WorkshopData } from './WorkshopData';

function Tile({ label, value, sub, testId }: { label: string; value: string; sub?: string; testId: string }) {
  return (
    <div className="flex min-w-0 flex-col gap-1 rounded-lg border border-slate-200 bg-white p-4 2xl:p-5">
      <span className="text-sm font-semibold tracking-wide text-slate-600 uppercase 2xl:text-base">{label}</span>
      <span className="text-3xl leading-tight font-bold tabular-nums xl:text-4xl 2xl:text-5xl" data-testid={testId}>
        {value}
      </span>
      {sub && <span className="text-sm text-slate-600 2xl:text-base">{sub}</span>}
    </div>
  );
}

export function Overview({ data, api }: { data: WorkshopPlanning; api: WorkshopApi }) {
  const t = useTranslations('workshop.overview');
  const fig = useFigures();
  const format = useFormatter();
  const rows = useMemo(() => backlogRows(data), [data]);
  const calibration = useMemo(() => currentCalibration(data.sessions), [data]);
  const planned = rows.filter((r) => !r.dropped);
  const total = planned.reduce((s, r) => s + (r.size.sizeAp ?? 0), 0);
  const unsized = planned.filter((r) => r.size.sizeAp === null).length;
  const names = new Map(data.sessions.map((s) => [s.id, s.name]));
  const date = (ms: number) => format.dateTime(new Date(ms), { dateStyle: 'medium' });

  return (
    <div className="flex flex-col gap-4">
      <div className="grid grid-cols-2 gap-3 xl:grid-cols-4">
        <Tile
          label={t('totalAp')}
          testId="total-ap"
          value={t('points', { value: fig.points(total), unit: 'AP' })}
          sub={t('totalApSub', { sized: planned.length - unsized, unsized })}
        />
        <Tile
          label={t('totalSp')}
          testId="total-sp"
          value={
            calibration.factor === null ? t('notCalibrated') : t('points', { value: fig.points(total * calibration.factor), unit: 'SP' })
          }
          sub={
            calibration.factor === null
              ? t('notCalibratedSub')
              : t('factorSub', { factor: fig.factor(calibration.factor), count: calibration.refs.length })
          }
        />
        <Tile
          label={t('sessions')}
          testId="session-count"
          value={fig.int(data.sessions.length)}
          sub={t('sessionsSub', { counted: data.sessions.filter((s) => s.counted).length })}
        />
        <Tile label={t('sprints')} testId="sprint-count" value={fig.int(data.sprints.length)} sub={t('sprintsSub')} />
      </div>
      <p className="text-sm text-slate-600">{t('sizeRule')}</p>
      <div className="grid items-start gap-4 xl:grid-cols-2">
        <Panel title={t('sessionsTitle')} testId="sessions">
          <table className="w-full border-collapse text-left 2xl:text-lg">
            <thead>
              <tr className="border-b border-slate-300 text-sm text-slate-600">
                <th className="py-1 pr-2 font-semibold">{t('session')}</th>
                <th className="py-1 pr-2 font-semibold">{t('created')}</th>
                <th className="py-1 pr-2 font-semibold">{t('phase')}</th>
                <th className="py-1 pr-2 text-right font-semibold">{t('cards')}</th>
                <th className="py-1 text-right font-semibold">{t('sessionTotal')}</th>
              </tr>
            </thead>
            <tbody>
              {data.sessions.map((s) => {
                const sum = Object.values(s.placements).reduce((x, p) => x + (p.value ?? 0), 0);
                return (
                  <tr key={s.id} className="border-b border-slate-100" data-testid="session-row">
                    <td className="py-1.5 pr-2">
                      <a
                        href={`/room/${s.id}${api.secret ? `#facilitator=${api.secret}` : ''}`}
                        className="font-medium text-indigo-700 underline"
                      >
                        {s.name}
                      </a>
                    </td>
                    <td className="py-1.5 pr-2 text-slate-600">{date(s.createdAt)}</td>
                    <td className="py-1.5 pr-2">
                      <span
                        className={`rounded px-1.5 py-0.5 text-xs font-semibold ${s.counted ? 'bg-emerald-100 text-emerald-800' : 'bg-amber-100 text-amber-900'}`}
                      >
                        {s.counted ? t('counted') : t('notCounted', { phase: t(`phases.${s.phase}`) })}
                      </span>
                    </td>
                    <td className="py-1.5 pr-2 text-right tabular-nums">{fig.int(s.cards)}</td>
                    <td className="py-1.5 text-right tabular-nums">{t('points', { value: fig.points(sum), unit: 'AP' })}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <NewSession data={data} api={api} />
        </Panel>
        <Panel title={t('backlogTitle')} testId="backlog">
          <table className="w-full border-collapse text-left 2xl:text-lg">
            <thead>
              <tr className="border-b border-slate-300 text-sm text-slate-600">
                <th className="py-1 pr-2 font-semibold">{t('item')}</th>
                <th className="py-1 pr-2 text-right font-semibold">{t('size')}</th>
                <th className="py-1 font-semibold">{t('sizedIn')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr
                  key={r.id}
                  className={`border-b border-slate-100 ${r.dropped ? 'text-slate-400 line-through' : ''}`}
                  data-testid="backlog-row"
                >
                  <td className="py-1 pr-2">
                    {r.key && <span className="mr-1.5 font-mono text-xs text-slate-500">{r.key}</span>}
                    {r.title}
                    {r.done && <span className="ml-2 text-xs font-semibold text-emerald-700">{t('done')}</span>}
                  </td>
                  <td className="py-1 pr-2 text-right tabular-nums">
                    {r.size.sizeAp === null ? <span className="text-amber-700">{r.size.label ?? '–'}</span> : fig.points(r.size.sizeAp)}
                  </td>
                  <td className="py-1 text-sm text-slate-600">{r.size.sessionId ? names.get(r.size.sessionId) : t('neverSized')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Panel>
        <div className="flex flex-col gap-4">
          <ShareLinks api={api} />
          <WorkshopData data={data} api={api} />
        </div>
      </div>
    </div>
  );
}

/** Revisit: a new session in the same workshop for new or changed items (unsized ones preselected). */
function NewSession({ data, api }: { data: WorkshopPlanning; api: WorkshopApi }) {
  const t = useTranslations('workshop.overview');
  const rows = useMemo(() => backlogRows(data).filter((r) => !r.dropped && !r.done), [data]);
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(rows.filter((r) => r.size.sizeAp === null).map((r) => r.id)));
  const [created, setCreated] = useState<CreateSessionResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function create() {
    setError(null);
    const r = await api.call<CreateSessionResult>('POST', '/sessions', {
      ...(name.trim() ? { name: name.trim() } : {}),
      itemIds: rows.filter((x) => chosen.has(x.id)).map((x) => x.id),
    });
    if (!r.ok) return setError(r.error.message);
    setCreated(r.data);
    await api.reload(); // the session list shows the new session at once
  }

  if (created) {
    return (
      <div className="mt-4 flex flex-col gap-2 rounded-md border border-emerald-300 bg-emerald-50 p-3" data-testid="session-created">
        <p className="font-medium text-emerald-900">{t('sessionCreated')}</p>
        <CopyField label={t('participantLink')} value={window.location.origin + created.links.participant} />
        <a
          href={created.links.facilitator}
          className="self-start rounded bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700"
        >
          {t('openRoom')}
        </a>
      </div>
    );
  }
  if (!open) {
    return (
      <button
        type="button"
        onClick={() => setOpen(true)}
        className="mt-4 rounded border border-indigo-300 bg-white px-3 py-1.5 text-sm font-medium text-indigo-700 hover:bg-indigo-50 print:hidden"
        data-testid="new-session"
      >
        {t('newSession')}
      </button>
    );
  }
  return (
    <div className="mt-4 flex flex-col gap-2 rounded-md border border-slate-200 bg-slate-50 p-3 print:hidden">
      <h3 className="font-semibold">{t('newSession')}</h3>
      <p className="text-sm text-slate-600">{t('newSessionLead')}</p>
      <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
        {t('sessionName')}
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder={t('sessionNamePlaceholder', { n: data.sessions.length + 1 })}
          className="rounded border border-slate-300 bg-white px-2 py-1 font-normal"
        />
      </label>
      <ItemChecks
        legend={t('sessionItems', { count: chosen.size })}
        rows={rows}
        chosen={chosen}
        onChange={setChosen}
        sizeOf={(r) => r.size.label ?? t('unsized')}
        tall
      />
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      <button
        type="button"
        onClick={() => void create()}
        disabled={chosen.size === 0}
        className="self-start rounded bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-50"
        data-testid="create-session"
      >
        {t('createSession')}
      </button>
    </div>
  );
}

/** Read-only links for stakeholders: shown once when created, revocable. */
function ShareLinks({ api }: { api: WorkshopApi }) {
  const t = useTranslations('workshop.share');
  const format = useFormatter();
  const [links, setLinks] = useState<ShareLinkInfo[] | null>(null);
  const [fresh, setFresh] = useState<CreatedShareLink | null>(null);
  const { call, secret } = api;
  useEffect(() => {
    if (!secret) return;
    let live = true;
    void call<ShareLinkInfo[]>('GET', '/share-links').then((r) => live && r.ok && setLinks(r.data));
    return () => {
      live = false;
    };
  }, [call, secret]);
  async function create() {
    const r = await api.call<CreatedShareLink>('POST', '/share-links', {});
    if (!r.ok) return;
    setFresh(r.data);
    setLinks((l) => [...(l ?? []), { id: r.data.id, createdAt: r.data.createdAt, revokedAt: null }]);
  }
  async function revoke(id: string) {
    const r = await api.call<ShareLinkInfo[]>('DELETE', `/share-links/${id}`);
    if (r.ok) setLinks(r.data);
    if (fresh?.id === id) setFresh(null);
  }
  const active = (links ?? []).filter((l) => l.revokedAt === null);
  return (
    <Panel title={t('title')} testId="share" className="print:hidden">
      <p className="mb-2 text-sm text-slate-600">{t('lead')}</p>
      {fresh && (
        <div className="mb-3" data-testid="share-fresh">
          <CopyField label={t('link')} value={window.location.origin + fresh.path} testId="share-url" />
          <p className="mt-1 text-xs text-slate-500">{t('onlyOnce')}</p>
        </div>
      )}
      <ul className="mb-3 flex flex-col divide-y divide-slate-100 text-sm">
        {active.map((l) => (
          <li key={l.id} className="flex items-center justify-between gap-2 py-1.5" data-testid="share-link">
            <span>{t('createdAt', { date: format.dateTime(new Date(l.createdAt), { dateStyle: 'medium', timeStyle: 'short' }) })}</span>
            <button
              type="button"
              onClick={() => void revoke(l.id)}
              className="rounded border border-red-300 px-2 py-0.5 text-red-700 hover:bg-red-50"
            >
              {t('revoke')}
            </button>
          </li>
        ))}
        {active.length === 0 && <li className="py-1.5 text-slate-500">{t('none')}</li>}
      </ul>
      <button
        type="button"
        onClick={() => void create()}
        className="rounded bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700"
        data-testid="share-create"
      >
        {t('create')}
      </button>
    </Panel>
  );
}
