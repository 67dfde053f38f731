'use client';
import { useMemo, useState } from 'react';
import { Area, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useFormatter, useLocale, useTranslations } from 'use-intl';
import type { Plan } from '../../domain/planning';
import { currencyDigits, parseDecimal, toMinorUnits } from '../../domain/planning/view';
import {
  addableIds,
  backlogRows,
  burnUp,
  deriveSizes,
  sprintScopes,
  type BacklogRow,
  type NewItemBody,
  type WorkshopPlanning,
} from '../../domain/workshop';
import { RoughNote } from '../components/planning/RoughNote';
import { inputClass } from '../plan/fields';
import { AddRowButton, RemoveRowButton, nextKey } from '../plan/inputs/fieldsets';
import { Panel, StatusBanner, useVelocityText } from '../plan/panels';
import { useFigures, type Figures } from '../plan/useFigures';
import type { WorkshopApi } from './client';
import { ItemChecks } from './ItemChecks';
import { Message } from './Shell';
import { useWorkshopPlan } from './usePlan';
import { WaterlinePanel } from './WaterlinePanel';

export function Tracking({ data, api }: { data: WorkshopPlanning; api: WorkshopApi }) {
  const t = useTranslations('workshop.tracking');
  const fig = useFigures();
  const { plan, result } = useWorkshopPlan(data, data.settings);
  return (
    <div className="flex flex-col gap-4">
      <RoughNote />
      {data.settings === null && <Message testId="no-settings">{t('noSettings')}</Message>}
      {!result.ok && data.settings !== null && (
        <Message testId="plan-invalid">{t('planInvalid', { message: result.errors[0]?.message ?? '' })}</Message>
      )}
      {plan && <StatusBanner plan={plan} />}
      <div className="grid items-start gap-4 xl:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
        <div className="flex flex-col gap-4">
          {plan && <BurnUpPanel plan={plan} data={data} fig={fig} />}
          {plan && <ReviewPanel plan={plan} fig={fig} />}
        </div>
        <div className="flex flex-col gap-4">
          {!data.readOnly && <RecordSprint data={data} api={api} plan={plan} />}
          <SprintTable data={data} api={api} plan={plan} fig={fig} />
        </div>
      </div>
      {plan && (
        <div className="grid gap-4 xl:grid-cols-2">
          <WaterlinePanel plan={plan} fig={fig} />
        </div>
      )}
    </div>
  );
}

const COLORS = { done: '#059669', scope: '#0f172a', mean: '#4338ca', range: '#a5b4fc' };

/** Done work, the total scope with its steps, and the forecast range from the last sprint on. */
export function BurnUpPanel({ plan, data, fig }: { plan: Plan; data: WorkshopPlanning; fig: Figures }) {
  const t = useTranslations('workshop.burnUp');
  const sprints = data.sprints;
  const points = useMemo(() => burnUp(plan, data), [plan, data]);
  const chart = points.map((p) => ({ ...p, band: p.low !== null && p.high !== null ? [p.low, p.high] : null }));
  const fmt = (v: unknown) =>
    Array.isArray(v) ? v.map((x) => fig.points(Number(x))).join(' – ') : v === null || v === undefined ? '–' : fig.points(Number(v));
  return (
    <Panel title={t('title')} testId="panel-burnup">
      <figure
        className="plan-chart"
        aria-label={t('label')}
        data-testid="burnup-chart"
        data-sprints={sprints.length}
        data-done={points[sprints.length]?.done ?? 0}
        data-scope={points[sprints.length]?.scope ?? 0}
      >
        <div className="h-72 w-full 2xl:h-96 print:h-60">
          <ResponsiveContainer width="100%" height="100%" minWidth={0} initialDimension={{ width: 560, height: 288 }}>
            <ComposedChart data={chart} margin={{ top: 12, right: 24, bottom: 24, left: 8 }}>
              <CartesianGrid stroke="#e2e8f0" />
              <XAxis
                dataKey="sprint"
                tick={{ fontSize: 13 }}
                label={{ value: t('axisSprint'), position: 'insideBottom', offset: -14, fontSize: 13, fill: '#475569' }}
              />
              <YAxis
                tick={{ fontSize: 13 }}
                width={52}
                label={{ value: t('axisAp'), angle: -90, position: 'insideLeft', offset: 4, dy: 30, fontSize: 13, fill: '#475569' }}
              />
              <Tooltip formatter={(v, name) => [fmt(v), name]} labelFormatter={(l) => t('sprintN', { n: Number(l) })} />
              <Legend verticalAlign="top" height={28} />
              <Area
                dataKey="band"
                name={t('range')}
                stroke="none"
                fill={COLORS.range}
                fillOpacity={0.45}
                isAnimationActive={false}
                connectNulls={false}
              />
              <Line
                dataKey="scope"
                name={t('scope')}
                type="stepAfter"
                stroke={COLORS.scope}
                strokeWidth={2.5}
                dot={false}
                isAnimationActive={false}
              />
              <Line dataKey="done" name={t('done')} stroke={COLORS.done} strokeWidth={3} isAnimationActive={false} connectNulls={false} />
              <Line
                dataKey="mean"
                name={t('forecast')}
                stroke={COLORS.mean}
                strokeWidth={2}
                strokeDasharray="6 4"
                dot={false}
                isAnimationActive={false}
                connectNulls={false}
              />
            </ComposedChart>
          </ResponsiveContainer>
        </div>
      </figure>
      <p className="mt-1 text-sm text-slate-500 print:text-xs">{plan.range ? t('noteRange') : t('noteNoRange')}</p>
    </Panel>
  );
}

/** The method's seven questions after the last sprint. */
export function ReviewPanel({ plan, fig }: { plan: Plan; fig: Figures }) {
  const t = useTranslations('workshop.review');
  const velocityText = useVelocityText();
  const r = plan.review;
  if (r === null) {
    return (
      <Panel title={t('titleNone')} testId="panel-review">
        <p className="text-slate-600">{t('none')}</p>
      </Panel>
    );
  }
  const currency = plan.budget?.currency ?? 'EUR';
  const money = (m: number | null) => (m === null ? t('unknown') : fig.money(m, currency));
  const pts = (p: { ap: number; sp: number | null } | null) =>
    p === null
      ? t('unknown')
      : p.sp === null
        ? t('ap', { ap: fig.points(p.ap) })
        : t('apSp', { ap: fig.points(p.ap), sp: fig.points(p.sp) });
  const over = r.status.code === 'over_budget';
  const answers: [string, string, string, string?][] = [
    [
      'cost',
      t('q1'),
      r.sprintCostMinor === null ? t('unknown') : t(r.sprintCostIsActual ? 'a1Actual' : 'a1Planned', { cost: money(r.sprintCostMinor) }),
    ],
    ['left', t('q2'), money(r.budgetLeftMinor)],
    ['lasts', t('q3'), r.sprintsBudgetLasts === null ? t('unknown') : t('a3', { count: r.sprintsBudgetLasts })],
    [
      'factor',
      t('q4'),
      r.factor.after === null
        ? t('a4None')
        : r.factor.changed && r.factor.before !== null
          ? t('a4Changed', {
              before: fig.factor(r.factor.before),
              after: fig.factor(r.factor.after),
              percent: fig.exact(r.factor.changePercent ?? 0),
            })
          : t('a4Same', { factor: fig.factor(r.factor.after) }),
    ],
    ['remaining', t('q5'), pts(r.remaining)],
    ['velocity', t('q6'), t('perSprint', { value: pts(r.meanVelocity) }), velocityText(plan.velocity, true)],
    [
      'fits',
      t('q7'),
      r.scopeThatFits.mean === null
        ? t('unknown')
        : r.scopeThatFits.pessimistic === null
          ? pts(r.scopeThatFits.mean)
          : t('a7', { mean: pts(r.scopeThatFits.mean), pessimistic: pts(r.scopeThatFits.pessimistic) }),
    ],
  ];
  return (
    <Panel title={t('title', { n: r.sprint })} testId="panel-review">
      {over && (
        <p
          role="alert"
          className="mb-3 rounded-md border-2 border-red-400 bg-red-50 px-3 py-2 font-bold text-red-800 2xl:text-lg"
          data-testid="review-warning"
        >
          {t('overBudget', { needed: r.status.sprintsNeeded, covered: r.status.sprintsCovered ?? 0 })}
        </p>
      )}
      <ol className="flex flex-col divide-y divide-slate-100">
        {answers.map(([key, q, a, note], i) => (
          <li key={key} className="grid grid-cols-[1.5rem_1fr_auto] items-baseline gap-2 py-1.5 2xl:text-lg" data-testid={`review-${key}`}>
            <span className="text-sm font-semibold text-slate-500">{i + 1}</span>
            <span className="text-slate-700">{q}</span>
            <span className="text-right font-semibold tabular-nums" data-testid={`review-${key}-answer`}>
              {a}
            </span>
            {note && (
              <span className="col-span-2 col-start-2 text-right text-sm text-slate-500" data-testid={`review-${key}-note`}>
                {note}
              </span>
            )}
          </li>
        ))}
      </ol>
    </Panel>
  );
}

/** A new item typed while recording a sprint (WS-TRK-6), as typed. */
type NewItemRow = { key: string; title: string; size: string };

/** After a sprint: what was done, what it cost, what changed in scope. */
function RecordSprint({ data, api, plan }: { data: WorkshopPlanning; api: WorkshopApi; plan: Plan | null }) {
  const t = useTranslations('workshop.tracking');
  const locale = useLocale();
  const fig = useFigures();
  const sizeOf = (r: BacklogRow) => (r.size.sizeAp === null ? '–' : fig.points(r.size.sizeAp));
  const rows = useMemo(() => backlogRows(data), [data]);
  const open = rows.filter((r) => !r.done && !r.dropped && r.size.sizeAp !== null);
  // WS-TRK-4: an item counts as added once; what was added, done or dropped before is not offered again
  const addable = useMemo(() => addableIds(data), [data]);
  const [done, setDone] = useState<Set<string>>(new Set());
  const [added, setAdded] = useState<Set<string>>(new Set());
  const [dropped, setDropped] = useState<Set<string>>(new Set());
  const [newItems, setNewItems] = useState<NewItemRow[]>([]);
  const [points, setPoints] = useState('');
  const [cost, setCost] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const sizes = useMemo(() => deriveSizes(data.sessions, data.items), [data]);
  const sumOf = (ids: Iterable<string>) => [...ids].reduce((s, id) => s + (sizes.get(id)?.sizeAp ?? 0), 0);
  const typed = newItems.map((n) => ({ ...n, parsed: parseDecimal(n.size, locale) }));
  const typedAp = typed.reduce((s, n) => s + (n.parsed.kind === 'number' ? n.parsed.value : 0), 0);
  const currency = plan?.budget?.currency ?? data.settings?.currency ?? 'EUR';
  const planned = plan?.budget?.costPerSprintMinor ?? null;
  const next = data.sprints.length + 1;

  async function submit() {
    setError(null);
    const p = parseDecimal(points, locale);
    const c = parseDecimal(cost, locale);
    if (p.kind === 'invalid' || c.kind === 'invalid') return setError(t('notANumber'));
    const fresh = typed.filter((n) => n.title.trim() !== '' || n.size.trim() !== '');
    if (fresh.some((n) => n.title.trim() === '' || n.parsed.kind !== 'number' || n.parsed.value < 0))
      return setError(t('newItemIncomplete'));
    const newBody: NewItemBody[] = fresh.map((n) => ({ title: n.title.trim(), sizeAp: n.parsed.kind === 'number' ? n.parsed.value : 0 }));
    setBusy(true);
    const r = await api.update('POST', '/sprints', {
      doneItemIds: [...done],
      ...(p.kind === 'number' ? { doneAp: p.value } : {}),
      ...(c.kind === 'number' ? { costMinor: toMinorUnits(c.value, currencyDigits(currency)) } : {}),
      addedItemIds: [...added],
      droppedItemIds: [...dropped],
      ...(newBody.length > 0 ? { newItems: newBody } : {}),
    });
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    setDone(new Set());
    setAdded(new Set());
    setDropped(new Set());
    setNewItems([]);
    setPoints('');
    setCost('');
  }

  const addedAp = sumOf(added) + typedAp;
  const droppedAp = sumOf(dropped);
  return (
    <Panel title={t('recordTitle', { n: next })} testId="record-sprint" className="print:hidden">
      <form
        className="flex flex-col gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <ItemChecks legend={t('doneItems')} rows={open} chosen={done} onChange={setDone} testId="done-items" sizeOf={sizeOf} />
        <div className="grid grid-cols-2 gap-3">
          <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
            {t('donePoints')}
            <input
              value={points}
              onChange={(e) => setPoints(e.target.value)}
              placeholder={fig.points(sumOf(done))}
              inputMode="decimal"
              className={inputClass(false)}
            />
            <span className="text-xs font-normal text-slate-500">{t('donePointsHint')}</span>
          </label>
          <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
            {t('cost', { currency })}
            <input
              value={cost}
              onChange={(e) => setCost(e.target.value)}
              placeholder={planned === null ? '' : String(planned / 10 ** currencyDigits(currency))}
              inputMode="decimal"
              className={inputClass(false)}
            />
            <span className="text-xs font-normal text-slate-500">{t('costHint')}</span>
          </label>
        </div>
        <details className="rounded border border-slate-200 bg-slate-50 p-2">
          <summary className="cursor-pointer text-sm font-medium text-slate-700">{t('scopeChange')}</summary>
          <div className="mt-2 flex flex-col gap-2">
            <p className="text-xs text-slate-500">{t('scopeChangeHint')}</p>
            <ItemChecks
              legend={t('addedItems')}
              rows={open.filter((r) => addable(r.id))}
              chosen={added}
              onChange={setAdded}
              testId="added-items"
              sizeOf={sizeOf}
            />
            <fieldset className="flex flex-col gap-1.5 rounded border border-slate-200 bg-white p-2" data-testid="new-items">
              <legend className="text-sm font-medium text-slate-700">{t('newItems')}</legend>
              {newItems.map((n, i) => (
                <div key={n.key} className="flex items-center gap-1.5">
                  <input
                    aria-label={t('newItemTitle', { n: i + 1 })}
                    placeholder={t('newItemTitlePlaceholder')}
                    value={n.title}
                    onChange={(e) => setNewItems((l) => l.map((x) => (x.key === n.key ? { ...x, title: e.target.value } : x)))}
                    className={inputClass(false, 'min-w-0 flex-1')}
                  />
                  <input
                    aria-label={t('newItemSize', { n: i + 1 })}
                    value={n.size}
                    onChange={(e) => setNewItems((l) => l.map((x) => (x.key === n.key ? { ...x, size: e.target.value } : x)))}
                    inputMode="decimal"
                    className={`${inputClass(false, 'w-20')} text-right`}
                  />
                  <span className="text-sm text-slate-500">{t('ap')}</span>
                  <RemoveRowButton
                    label={t('removeNewItem', { n: i + 1 })}
                    onClick={() => setNewItems((l) => l.filter((x) => x.key !== n.key))}
                  />
                </div>
              ))}
              <AddRowButton
                onClick={() => setNewItems((l) => [...l, { key: nextKey(l, 'n'), title: '', size: '' }])}
                className="self-start"
              >
                {t('addNewItem')}
              </AddRowButton>
            </fieldset>
            <ItemChecks
              legend={t('droppedItems')}
              rows={open.filter((r) => !done.has(r.id) && !added.has(r.id))}
              chosen={dropped}
              onChange={setDropped}
              testId="dropped-items"
              sizeOf={sizeOf}
            />
            <p className="text-sm text-slate-700" data-testid="scope-change-preview">
              {t('scopeChangePreview', { added: fig.points(addedAp), removed: fig.points(droppedAp) })}
            </p>
          </div>
        </details>
        {error && (
          <p role="alert" className="text-sm text-red-700">
            {error}
          </p>
        )}
        <button
          type="submit"
          disabled={busy}
          className="self-start rounded bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-700 disabled:opacity-50"
          data-testid="record-submit"
        >
          {t('record', { n: next })}
        </button>
      </form>
    </Panel>
  );
}

function SprintTable({ data, api, plan, fig }: { data: WorkshopPlanning; api: WorkshopApi; plan: Plan | null; fig: Figures }) {
  const t = useTranslations('workshop.tracking');
  const format = useFormatter();
  const [confirming, setConfirming] = useState(false);
  const scopes = useMemo(
    () => new Map(sprintScopes(data.sprints, deriveSizes(data.sessions, data.items)).map((x) => [x.index, x])),
    [data],
  );
  const currency = plan?.budget?.currency ?? data.settings?.currency ?? 'EUR';
  const planned = plan?.budget?.costPerSprintMinor ?? null;
  if (data.sprints.length === 0) {
    return (
      <Panel title={t('sprintsTitle')} testId="sprint-table">
        <p className="text-slate-600">{t('noSprints')}</p>
      </Panel>
    );
  }
  const last = data.sprints.at(-1)!;
  async function remove() {
    const r = await api.update('DELETE', `/sprints/${last.index}`);
    if (r.ok) setConfirming(false);
  }
  return (
    <Panel title={t('sprintsTitle')} testId="sprint-table">
      <table className="w-full border-collapse text-left tabular-nums 2xl:text-lg">
        <thead>
          <tr className="border-b border-slate-300 text-sm text-slate-600">
            <th className="py-1 pr-2 font-semibold">{t('sprint')}</th>
            <th className="py-1 pr-2 font-semibold">{t('recorded')}</th>
            <th className="py-1 pr-2 text-right font-semibold">{t('doneAp')}</th>
            <th className="py-1 pr-2 text-right font-semibold">{t('costCol')}</th>
            <th className="py-1 text-right font-semibold">{t('scopeCol')}</th>
          </tr>
        </thead>
        <tbody>
          {data.sprints.map((s) => {
            const scope = scopes.get(s.index);
            const add = scope?.addedAp ?? s.scopeAddedAp;
            const drop = scope?.removedAp ?? s.scopeRemovedAp;
            return (
              <tr key={s.index} className="border-b border-slate-100" data-testid="sprint-row">
                <td className="py-1 pr-2 font-semibold">{s.index}</td>
                <td className="py-1 pr-2 text-sm text-slate-600">{format.dateTime(new Date(s.recordedAt), { dateStyle: 'medium' })}</td>
                <td className="py-1 pr-2 text-right">{fig.points(s.doneAp)}</td>
                <td className="py-1 pr-2 text-right">
                  {s.costMinor !== null
                    ? fig.money(s.costMinor, currency)
                    : planned !== null
                      ? t('planned', { cost: fig.money(planned, currency) })
                      : '–'}
                </td>
                <td className="py-1 text-right">
                  {add === 0 && drop === 0 ? '–' : t('scopeDelta', { added: fig.points(add), removed: fig.points(drop) })}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {!data.readOnly &&
        (confirming ? (
          <div
            role="alertdialog"
            aria-labelledby="remove-sprint-q"
            className="mt-3 flex flex-wrap items-center gap-2 rounded border border-red-300 bg-red-50 p-2 print:hidden"
            data-testid="remove-confirm"
          >
            <p id="remove-sprint-q" className="text-sm font-medium text-red-900">
              {t('removeConfirm', { n: last.index })}
            </p>
            <button
              type="button"
              onClick={() => void remove()}
              className="rounded bg-red-700 px-3 py-1 text-sm font-medium text-white hover:bg-red-800"
              data-testid="remove-confirm-yes"
            >
              {t('removeYes', { n: last.index })}
            </button>
            <button
              type="button"
              onClick={() => setConfirming(false)}
              className="rounded border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-50"
              autoFocus
            >
              {t('removeNo')}
            </button>
          </div>
        ) : (
          <button
            type="button"
            onClick={() => setConfirming(true)}
            className="mt-3 rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-50 print:hidden"
            data-testid="remove-last-sprint"
          >
            {t('removeLast', { n: last.index })}
          </button>
        ))}
    </Panel>
  );
}
