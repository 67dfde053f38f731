'use client';
import { useMemo, useState } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useLocale, useTranslations } from 'use-intl';
import { parseDecimal } from '../../domain/planning/view';
import {
  calibrationDrift,
  calibrationHistory,
  currentCalibration,
  DRIFT_THRESHOLD,
  type PlanningSession,
  type WorkshopPlanning,
} from '../../domain/workshop';
import { inputClass } from '../plan/fields';
import { Panel, RefLine } from '../plan/panels';
import { useFigures, type Figures } from '../plan/useFigures';
import type { WorkshopApi } from './client';
import { Message } from './Shell';

export function Calibration({ data, api }: { data: WorkshopPlanning; api: WorkshopApi }) {
  const t = useTranslations('workshop.calibration');
  const fig = useFigures();
  const counted = data.sessions.filter((s) => s.counted);
  // the room links here after lock with ?session=<id>
  const [sessionId, setSessionId] = useState<string | null>(
    () => new URLSearchParams(window.location.search).get('session') ?? counted.at(-1)?.id ?? null,
  );
  const session = counted.find((s) => s.id === sessionId) ?? counted.at(-1) ?? null;
  const current = useMemo(() => currentCalibration(data.sessions), [data]);
  const outliers = useMemo(
    () => new Set(calibrationDrift(data.sessions).flatMap((d) => d.outliers.map((id) => `${d.sessionId}:${id}`))),
    [data],
  );
  const titles = new Map(data.items.map((i) => [i.id, i.title]));
  const names = new Map(data.sessions.map((s) => [s.id, s.name]));

  return (
    <div className="grid items-start gap-4 xl:grid-cols-2">
      <Panel title={t('markTitle')} testId="mark-references">
        {session === null ? (
          <Message>{t('noLockedSession')}</Message>
        ) : (
          <>
            <p className="mb-3 text-sm text-slate-600">{t('markLead')}</p>
            <label className="mb-3 flex flex-col gap-1 text-sm font-medium text-slate-700">
              {t('session')}
              <select
                value={session.id}
                onChange={(e) => setSessionId(e.target.value)}
                className={inputClass(false)}
                data-testid="calibration-session"
              >
                {counted.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            </label>
            <ReferenceTable key={session.id} session={session} data={data} api={api} />
          </>
        )}
      </Panel>
      <div className="flex flex-col gap-4">
        <Panel title={t('factorTitle')} testId="panel-factor">
          {current.factor === null ? (
            <p className="text-2xl font-bold text-amber-700" data-testid="calibration-factor">
              {t('notCalibrated')}
            </p>
          ) : (
            <>
              <p className="text-3xl font-bold tabular-nums 2xl:text-4xl" data-testid="calibration-factor">
                {t('factorValue', { factor: fig.factor(current.factor) })}
              </p>
              <p className="text-sm text-slate-600">
                {t('from', { count: current.refs.length, sp: fig.points(current.sumSp), ap: fig.points(current.sumAp) })}
              </p>
              <ul className="mt-3 flex flex-col divide-y divide-slate-100 text-sm 2xl:text-base" data-testid="factor-items">
                {current.refs.map((r) => (
                  <RefLine
                    key={r.itemId}
                    label={
                      <>
                        {titles.get(r.itemId)}
                        <span className="ml-2 text-xs text-slate-500">{names.get(r.sessionId)}</span>
                        {outliers.has(`${r.sessionId}:${r.itemId}`) && (
                          <span
                            className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-semibold text-amber-900"
                            data-testid="outlier"
                          >
                            {t('outlier')}
                          </span>
                        )}
                      </>
                    }
                    figures={t('item', { ap: fig.points(r.ap), sp: fig.points(r.sp) })}
                    ratio={t('ratio', { ratio: fig.factor(r.sp / r.ap) })}
                  />
                ))}
              </ul>
            </>
          )}
          <p className="mt-3 text-sm text-slate-500">{t('rule')}</p>
        </Panel>
        <FactorHistory data={data} fig={fig} />
      </div>
    </div>
  );
}

function ReferenceTable({ session, data, api }: { session: PlanningSession; data: WorkshopPlanning; api: WorkshopApi }) {
  const t = useTranslations('workshop.calibration');
  const fig = useFigures();
  const sized = data.items.filter((i) => (session.placements[i.id]?.value ?? null) !== null).sort((a, b) => a.position - b.position);
  const refs = new Map(session.references.map((r) => [r.itemId, r.storyPoints]));
  if (sized.length === 0) return <Message>{t('noSizedItems')}</Message>;
  return (
    <table className="w-full border-collapse text-left 2xl:text-lg" data-testid="reference-table">
      <thead>
        <tr className="border-b border-slate-300 text-sm text-slate-600">
          <th className="py-1 pr-2 font-semibold">{t('itemCol')}</th>
          <th className="py-1 pr-2 text-right font-semibold">{t('ap')}</th>
          <th className="py-1 font-semibold">{t('sp')}</th>
        </tr>
      </thead>
      <tbody>
        {sized.map((item) => (
          <ReferenceRow
            key={item.id}
            title={item.title}
            ap={fig.points(session.placements[item.id]!.value!)}
            sp={refs.get(item.id) ?? null}
            path={`/sessions/${session.id}/references/${item.id}`}
            api={api}
          />
        ))}
      </tbody>
    </table>
  );
}

function ReferenceRow({ title, ap, sp, path, api }: { title: string; ap: string; sp: number | null; path: string; api: WorkshopApi }) {
  const t = useTranslations('workshop.calibration');
  const locale = useLocale();
  const fig = useFigures();
  const [text, setText] = useState(sp === null ? '' : String(fig.plain(sp)));
  const [error, setError] = useState<string | null>(null);
  const parsed = parseDecimal(text, locale);
  const changed = parsed.kind === 'number' ? parsed.value !== sp : parsed.kind === 'empty' ? sp !== null : true;

  async function save(value: number | null) {
    setError(null);
    const r = await api.update('PUT', path, { storyPoints: value });
    if (!r.ok) setError(r.error.fields?.[0]?.message ?? r.error.message);
    else if (value === null) setText('');
  }
  return (
    <tr
      className={`border-b border-slate-100 ${sp !== null ? 'bg-indigo-50/60' : ''}`}
      data-testid="reference-row"
      data-reference={sp !== null ? 'yes' : 'no'}
    >
      <td className="py-1.5 pr-2">
        {title}
        {sp !== null && <span className="ml-2 rounded bg-indigo-600 px-1.5 py-0.5 text-xs font-semibold text-white">{t('reference')}</span>}
      </td>
      <td className="py-1.5 pr-2 text-right tabular-nums">{ap}</td>
      <td className="py-1.5">
        <form
          className="flex items-center gap-1.5"
          onSubmit={(e) => {
            e.preventDefault();
            if (parsed.kind === 'number') void save(parsed.value);
            else if (parsed.kind === 'empty') void save(null);
            else setError(t('notANumber'));
          }}
        >
          <input
            aria-label={t('spFor', { title })}
            value={text}
            onChange={(e) => setText(e.target.value)}
            inputMode="decimal"
            className={`${inputClass(error !== null, 'w-20')} text-right`}
          />
          <button
            type="submit"
            disabled={!changed}
            className="rounded bg-indigo-600 px-2 py-1 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-40"
          >
            {t('save')}
          </button>
          {sp !== null && (
            <button
              type="button"
              onClick={() => void save(null)}
              className="rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-50"
            >
              {t('unmark')}
            </button>
          )}
        </form>
        {error && (
          <p role="alert" className="text-sm text-red-700">
            {error}
          </p>
        )}
      </td>
    </tr>
  );
}

/** The factor of every locked session, the spread of its references, and how the workshop's factor moved (WS-CAL-4..6). */
function FactorHistory({ data, fig }: { data: WorkshopPlanning; fig: Figures }) {
  const t = useTranslations('workshop.calibration');
  const locale = useLocale();
  const [thresholdText, setThresholdText] = useState(String(DRIFT_THRESHOLD * 100));
  const typed = parseDecimal(thresholdText, locale);
  const threshold = typed.kind === 'number' && typed.value >= 0 ? typed.value / 100 : DRIFT_THRESHOLD;
  const history = useMemo(() => calibrationHistory(data.sessions), [data]);
  const drift = useMemo(() => calibrationDrift(data.sessions, threshold), [data, threshold]);
  const names = new Map(data.sessions.map((s) => [s.id, s.name]));
  const points = history.map((h) => ({ name: names.get(h.sessionId) ?? '', own: h.own.factor, cumulative: h.cumulative.factor }));
  return (
    <Panel title={t('historyTitle')} testId="factor-history">
      {history.length === 0 ? (
        <p className="text-slate-600">{t('noLockedSession')}</p>
      ) : (
        <>
          <figure className="plan-chart" aria-label={t('historyChart')} data-testid="factor-chart">
            <div className="h-56 w-full 2xl:h-72">
              <ResponsiveContainer width="100%" height="100%" minWidth={0} initialDimension={{ width: 520, height: 224 }}>
                <LineChart data={points} margin={{ top: 12, right: 24, bottom: 8, left: 8 }}>
                  <CartesianGrid stroke="#e2e8f0" />
                  <XAxis dataKey="name" tick={{ fontSize: 13 }} />
                  <YAxis tick={{ fontSize: 13 }} width={48} domain={[0, 'auto']} tickFormatter={(v: number) => fig.factor(v)} />
                  <Tooltip formatter={(v) => (v === null || v === undefined ? '–' : fig.factor(Number(v)))} />
                  <Legend />
                  <Line
                    type="monotone"
                    dataKey="cumulative"
                    name={t('cumulative')}
                    stroke="#4338ca"
                    strokeWidth={3}
                    isAnimationActive={false}
                    connectNulls
                  />
                  <Line
                    type="monotone"
                    dataKey="own"
                    name={t('own')}
                    stroke="#f59e0b"
                    strokeDasharray="5 4"
                    isAnimationActive={false}
                    connectNulls
                  />
                </LineChart>
              </ResponsiveContainer>
            </div>
          </figure>
          <table className="mt-2 w-full border-collapse text-left text-sm 2xl:text-base" data-testid="factor-table">
            <thead>
              <tr className="border-b border-slate-300 text-slate-600">
                <th className="py-1 pr-2 font-semibold">{t('session')}</th>
                <th className="py-1 pr-2 text-right font-semibold">{t('own')}</th>
                <th className="py-1 pr-2 text-right font-semibold">{t('spread')}</th>
                <th className="py-1 pr-2 text-right font-semibold">{t('cumulative')}</th>
                <th className="py-1 text-right font-semibold">{t('moved')}</th>
              </tr>
            </thead>
            <tbody>
              {drift.map((d) => (
                <tr
                  key={d.sessionId}
                  className={`border-b border-slate-100 ${d.flagged ? 'bg-amber-50' : ''}`}
                  data-testid="drift-row"
                  data-flagged={d.flagged ? 'yes' : 'no'}
                >
                  <td className="py-1 pr-2">{names.get(d.sessionId)}</td>
                  <td className="py-1 pr-2 text-right tabular-nums">{d.own === null ? '–' : fig.factor(d.own)}</td>
                  <td className="py-1 pr-2 text-right tabular-nums">
                    {d.spread === null ? '–' : t('spreadValue', { min: fig.factor(d.spread.min), max: fig.factor(d.spread.max) })}
                  </td>
                  <td className="py-1 pr-2 text-right font-semibold tabular-nums">
                    {d.cumulative === null ? '–' : fig.factor(d.cumulative)}
                  </td>
                  <td className={`py-1 text-right tabular-nums ${d.flagged ? 'font-semibold text-amber-800' : ''}`}>
                    {d.moved === null
                      ? '–'
                      : t('movedValue', { sign: d.moved >= 0 ? '+' : '−', percent: fig.exact(Math.abs(d.moved) * 100) })}
                    {d.flagged && <span className="ml-1">{t('movedFlag')}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <label className="mt-3 flex items-center gap-2 text-sm text-slate-700">
            {t('threshold')}
            <input
              value={thresholdText}
              onChange={(e) => setThresholdText(e.target.value)}
              inputMode="decimal"
              className={`${inputClass(typed.kind === 'invalid', 'w-16')} text-right`}
            />
            {t('percent')}
          </label>
          <p className="mt-1 text-sm text-slate-500">{t('driftRule')}</p>
        </>
      )}
    </Panel>
  );
}
