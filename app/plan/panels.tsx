'use client';
import type { ReactNode } from 'react';
import { useTranslations } from 'use-intl';
import type { Plan, WarningCode } from '../../domain/planning';
import { McChart } from './McChart';
import { useFigures, useSprintEnd, type Figures } from './useFigures';

/** A reference item as it went into the plan. */
export type RefShown = { n: number; title: string; ap: number; sp: number };

export function Panel({ title, children, className, testId }: { title: string; children: ReactNode; className?: string; testId?: string }) {
  return (
    <section
      data-testid={testId}
      className={`rounded-lg border border-slate-200 bg-white p-4 shadow-sm 2xl:p-5 print:break-inside-avoid print:p-3 print:shadow-none ${className ?? ''}`}
    >
      <h2 className="mb-3 text-lg font-semibold text-slate-900 2xl:text-xl print:mb-1 print:text-base">{title}</h2>
      {children}
    </section>
  );
}

function Rows({ children }: { children: ReactNode }) {
  return (
    <dl className="grid grid-cols-[auto_1fr] items-baseline gap-x-4 gap-y-1.5 2xl:text-lg print:gap-y-0.5 print:text-sm">{children}</dl>
  );
}

function Row({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <>
      <dt className="text-slate-600">{label}</dt>
      <dd className="font-semibold tabular-nums" data-testid={testId}>
        {children}
      </dd>
    </>
  );
}

function Note({ children }: { children: ReactNode }) {
  return <p className="mt-3 text-sm text-slate-500 print:mt-1 print:text-xs">{children}</p>;
}

function Tile({
  label,
  value,
  sub,
  testId,
  hero = false,
}: {
  label: string;
  value: string;
  sub?: ReactNode;
  testId: string;
  hero?: boolean;
}) {
  const long = value.length > 9; // "Aug 17, 2025", "€1,384,000": one size smaller on a laptop
  return (
    <div
      className={`flex min-w-0 flex-col gap-1 rounded-lg border p-4 2xl:p-5 print:p-2 ${hero ? 'border-indigo-300 bg-indigo-50' : 'border-slate-200 bg-white'}`}
    >
      <span className="text-sm font-semibold tracking-wide text-slate-600 uppercase 2xl:text-base print:text-xs">{label}</span>
      <span
        className={`leading-tight font-bold tabular-nums ${hero ? 'text-5xl 2xl:text-6xl' : long ? 'text-3xl 2xl:text-5xl' : 'text-3xl xl:text-4xl 2xl:text-5xl'} print:text-2xl`}
        data-testid={testId}
      >
        {value}
      </span>
      {sub && <span className="text-sm text-slate-600 2xl:text-base print:text-xs">{sub}</span>}
    </div>
  );
}

export function KeyFigures({ plan, fig }: { plan: Plan; fig: Figures }) {
  const t = useTranslations('plan.figures');
  const tf = useTranslations('plan.forecast');
  const sprintEnd = useSprintEnd();
  const { scope, calibration, forecast, budget, monteCarlo } = plan;
  const mcAt = (p: number) => monteCarlo?.percentiles.find((x) => x.percent === p)?.sprints ?? null;
  const p50 = mcAt(50);
  const p95 = mcAt(95);
  return (
    <div className="grid grid-cols-2 gap-3 xl:grid-cols-[1fr_1fr_1.2fr_1.1fr] print:grid-cols-4 print:gap-2" data-testid="key-figures">
      <Tile
        label={t('size')}
        testId="figure-size"
        value={
          scope.total.sp !== null
            ? tf('points', { value: fig.points(scope.total.sp), unit: 'SP' })
            : tf('points', { value: fig.points(scope.total.ap), unit: 'AP' })
        }
        sub={
          calibration.factor !== null
            ? t('sizeFrom', { ap: fig.points(scope.total.ap), factor: fig.factor(calibration.factor) })
            : t('sizeUncalibrated')
        }
      />
      <Tile
        label={t('sprintsNeeded')}
        testId="figure-sprints"
        hero
        value={fig.int(forecast.sprintsNeeded)}
        sub={
          <>
            <span data-testid="figure-sprints-exact">
              {t('sprintsExact', { exact: fig.exact(forecast.sprintsExact), velocity: fig.points(forecast.velocity), unit: forecast.unit })}
            </span>
            {p50 !== null && p95 !== null && <span className="block">{t('sprintsMc', { p50: fig.int(p50), p95: fig.int(p95) })}</span>}
          </>
        }
      />
      <Tile
        label={t('targetDate')}
        testId="figure-date"
        value={forecast.targetDate !== null ? fig.date(forecast.targetDate, 'medium') : t('noDate')}
        sub={
          forecast.targetDate !== null && forecast.finishSprint !== null ? (
            <span data-testid="figure-date-sub">{sprintEnd(forecast.finishSprint, forecast.targetDate, true, true)}</span>
          ) : (
            t('noDateSub')
          )
        }
      />
      <Tile
        label={t('totalCost')}
        testId="figure-cost"
        value={budget?.projectedTotalMinor != null ? fig.money(budget.projectedTotalMinor, budget.currency) : t('noCost')}
        sub={
          budget?.costPerSprintMinor != null ? (
            <span data-testid="figure-cost-sub">
              {budget.spentMinor !== null && budget.spentMinor > 0
                ? t('totalCostSpentSub', {
                    spent: fig.money(budget.spentMinor, budget.currency),
                    sprints: fig.int(forecast.sprintsNeeded),
                    perSprint: fig.money(budget.costPerSprintMinor, budget.currency),
                  })
                : t('totalCostSub', {
                    sprints: fig.int(forecast.sprintsNeeded),
                    perSprint: fig.money(budget.costPerSprintMinor, budget.currency),
                  })}
            </span>
          ) : (
            t('noCostSub')
          )
        }
      />
    </div>
  );
}

export function StatusBanner({ plan }: { plan: Plan }) {
  const t = useTranslations('plan.status');
  const s = plan.status;
  const args = { needed: s.sprintsNeeded, covered: s.sprintsCovered ?? 0, needed85: s.sprintsNeeded85 ?? 0 };
  const key = s.code === 'at_risk' && s.sprintsNeeded85 === null ? 'at_risk_capped' : s.code;
  const tone =
    s.code === 'over_budget'
      ? 'border-red-300 bg-red-50 text-red-900'
      : s.code === 'at_risk'
        ? 'border-amber-300 bg-amber-50 text-amber-900'
        : s.code === 'ok' || s.code === 'complete'
          ? 'border-emerald-300 bg-emerald-50 text-emerald-900'
          : 'border-slate-200 bg-white text-slate-700';
  return (
    <p
      role="status"
      data-testid="plan-status"
      data-status={s.code}
      className={`rounded-lg border px-4 py-2.5 font-medium 2xl:text-lg print:py-1 print:text-sm ${tone}`}
    >
      {(s.code === 'over_budget' || s.code === 'at_risk') && (
        <span aria-hidden className="mr-1.5">
          !
        </span>
      )}
      {t(key, args)}
    </p>
  );
}

export function CalibrationPanel({ plan, refs, fig }: { plan: Plan; refs: readonly RefShown[]; fig: Figures }) {
  const t = useTranslations('plan.calibration');
  const c = plan.calibration;
  if (!c.calibrated || c.factor === null) {
    return (
      <Panel title={t('title')} testId="panel-calibration">
        <p className="text-2xl font-bold text-amber-700" data-testid="calibration-factor">
          {t('notCalibrated')}
        </p>
        <Note>{t('notCalibratedBody')}</Note>
      </Panel>
    );
  }
  return (
    <Panel title={t('title')} testId="panel-calibration">
      <p className="text-3xl font-bold tabular-nums 2xl:text-4xl print:text-xl" data-testid="calibration-factor">
        {t('factorValue', { factor: fig.factor(c.factor) })}
      </p>
      <p className="text-sm text-slate-600">{t('from', { count: c.referenceCount, sp: fig.points(c.sumSp), ap: fig.points(c.sumAp) })}</p>
      <ul className="mt-3 flex flex-col divide-y divide-slate-100 text-sm 2xl:text-base print:mt-1">
        {refs.map((r) => (
          <RefLine
            key={r.n}
            label={r.title || t('itemUnnamed', { n: r.n })}
            figures={t('item', { ap: fig.points(r.ap), sp: fig.points(r.sp) })}
            ratio={t('ratio', { ratio: fig.factor(r.sp / r.ap) })}
          />
        ))}
      </ul>
    </Panel>
  );
}

/** One reference item of a calibration: its name, its AP and SP, and their ratio. */
export function RefLine({ label, figures, ratio }: { label: ReactNode; figures: string; ratio: string }) {
  return (
    <li className="flex items-baseline justify-between gap-3 py-1">
      <span className="truncate text-slate-700">{label}</span>
      <span className="font-medium whitespace-nowrap tabular-nums">
        {figures}
        <span className="ml-2 font-normal text-slate-500">{ratio}</span>
      </span>
    </li>
  );
}

/** "3.4 AP per sprint (mean of sprints 4-8)": the mean velocity and the sprints it includes. */
export function useVelocityText() {
  const t = useTranslations('plan.forecast');
  const fig = useFigures();
  /** `whichOnly`: just "mean of sprints 4-8" (the value is shown beside it) */
  return (v: Plan['velocity'], whichOnly = false) => {
    const value = fig.points(v.mean);
    if (v.source === 'assumed') return t('velocityAssumed', { value, unit: v.unit });
    const r = v.includedRecords;
    const which =
      r === null
        ? t('meanOfEarlier', { count: v.fromHistoryInput })
        : v.fromHistoryInput === 0
          ? t('meanOfRecords', { from: r.from, to: r.to, count: r.to - r.from + 1 })
          : t('meanOfBoth', { earlier: v.fromHistoryInput, from: r.from, to: r.to, count: r.to - r.from + 1 });
    const window = v.window !== null && v.outsideWindow > 0 ? t('windowNote', { window: v.window, out: v.outsideWindow }) : '';
    return whichOnly ? which + window : t('velocityMeanOf', { value, unit: v.unit, which: which + window });
  };
}

export function ForecastPanel({ plan, fig }: { plan: Plan; fig: Figures }) {
  const t = useTranslations('plan.forecast');
  const velocityText = useVelocityText();
  const sprintEnd = useSprintEnd();
  const { forecast: f, velocity: v, scope } = plan;
  const other =
    f.unit === 'SP'
      ? { value: scope.remaining.ap, unit: 'AP' }
      : scope.remaining.sp !== null
        ? { value: scope.remaining.sp, unit: 'SP' }
        : null;
  return (
    <Panel title={t('title')} testId="panel-forecast">
      <Rows>
        <Row label={t('remaining')} testId="forecast-remaining">
          {t('points', { value: fig.points(f.remaining), unit: f.unit })}
          {other && (
            <span className="ml-2 font-normal text-slate-500">{t('points', { value: fig.points(other.value), unit: other.unit })}</span>
          )}
        </Row>
        <Row label={t('velocity')} testId="forecast-velocity">
          {velocityText(v)}
        </Row>
        <Row label={t('sprints')} testId="forecast-sprints">
          {t('sprintsValue', { needed: fig.int(f.sprintsNeeded), exact: fig.exact(f.sprintsExact) })}
        </Row>
        <Row label={t('targetDate')} testId="forecast-date">
          {f.targetDate !== null && f.finishSprint !== null ? (
            sprintEnd(f.finishSprint, f.targetDate, true)
          ) : (
            <span className="font-normal text-slate-500">{t('noDate')}</span>
          )}
        </Row>
      </Rows>
      <Note>{t('formula')}</Note>
    </Panel>
  );
}

export function RangePanel({ plan, fig }: { plan: Plan; fig: Figures }) {
  const t = useTranslations('plan.range');
  const r = plan.range;
  if (r === null) {
    return (
      <Panel title={t('title')} testId="panel-range">
        <p className="text-slate-600">{t('needsHistory')}</p>
      </Panel>
    );
  }
  const sprints = (n: number | null) => (n === null ? t('never') : fig.int(n));
  const date = (d: string | null, n: number | null) => (n === null ? t('never') : d === null ? '–' : fig.date(d));
  const coverage = fig.percent(r.coverage);
  return (
    <Panel title={t('title')} testId="panel-range">
      <Rows>
        <Row label={t('velocities')} testId="range-velocity">
          {t('velocitiesValue', { low: fig.points(r.low), high: fig.points(r.high), unit: r.unit })}
        </Row>
        <Row label={t('sprints')} testId="range-sprints">
          {t('sprintsValue', { fast: sprints(r.sprintsAtHigh), slow: sprints(r.sprintsAtLow) })}
        </Row>
        {(r.dateAtHigh !== null || r.dateAtLow !== null) && (
          <Row label={t('dates')}>
            {t('datesValue', { fast: date(r.dateAtHigh, r.sprintsAtHigh), slow: date(r.dateAtLow, r.sprintsAtLow) })}
          </Row>
        )}
        {r.horizon > 0 && (
          <Row label={t('scope', { horizon: r.horizon })}>
            {t('scopeValue', { low: fig.points(r.scopeLow), high: fig.points(r.scopeHigh), unit: r.unit })}
          </Row>
        )}
      </Rows>
      <Note>
        <span data-testid="range-rule">
          {r.sufficient
            ? t('rule', { lowRank: r.lowRank, highRank: r.highRank, n: r.sampleSize, coverage })
            : t('ruleInsufficient', { n: r.sampleSize, coverage })}
        </span>
      </Note>
    </Panel>
  );
}

export function MonteCarloPanel({ plan, fig }: { plan: Plan; fig: Figures }) {
  const t = useTranslations('plan.monteCarlo');
  const sprintEnd = useSprintEnd();
  const tw = useTranslations('plan.warnings');
  const mc = plan.monteCarlo;
  if (mc === null) {
    const tooLarge = plan.warnings.some((w) => w.code === 'monte_carlo_too_large');
    return (
      <Panel title={t('title')} testId="panel-mc">
        <p className="text-slate-600">{tooLarge ? tw('monte_carlo_too_large') : t('needsHistory')}</p>
      </Panel>
    );
  }
  return (
    <Panel title={t('title')} testId="panel-mc" className="xl:col-span-2 print:col-span-2">
      <div className="grid grid-cols-3 gap-3 print:gap-2">
        {mc.percentiles.map((p) => (
          <div key={p.percent} className="rounded-md bg-slate-50 p-3 print:p-1.5" data-testid={`mc-p${p.percent}`}>
            <div className="text-sm font-semibold text-slate-600 2xl:text-base">
              {t('percent', { percent: p.percent })} <span className="font-normal">{t('within')}</span>
            </div>
            <div className="text-3xl font-bold tabular-nums 2xl:text-4xl print:text-xl">
              {p.sprints === null ? t('beyondCap') : t('sprintsValue', { count: p.sprints })}
            </div>
            {p.date !== null && p.finishSprint !== null && (
              <div className="text-sm text-slate-600 2xl:text-base">{sprintEnd(p.finishSprint, p.date)}</div>
            )}
          </div>
        ))}
      </div>
      <div className="mt-3">
        <McChart mc={mc} fig={fig} />
      </div>
      {mc.horizon > 0 && (
        <p className="mt-1 text-slate-700 2xl:text-lg print:text-sm">
          {t('scopeAtHorizon', {
            confidence: mc.scopeAtHorizon.confidence,
            value: fig.points(mc.scopeAtHorizon.value),
            unit: mc.unit,
            horizon: mc.horizon,
          })}
        </p>
      )}
      <Note>
        <span data-testid="mc-rule">{t('rule', { trials: fig.int(mc.trials), seed: String(mc.seed) })}</span>
      </Note>
    </Panel>
  );
}

export function DecayPanel({ plan, fig }: { plan: Plan; fig: Figures }) {
  const t = useTranslations('plan.decay');
  const d = plan.decay;
  const sprintNumbers = Array.from({ length: d.sprints }, (_, i) => i + 1);
  return (
    <Panel title={t('title')} testId="panel-decay" className="xl:col-span-2 print:col-span-2">
      <p className="mb-3 text-sm text-slate-600 print:mb-1 print:text-xs">{t('lead')}</p>
      <div className="overflow-x-auto">
        <table className="w-full border-collapse text-right tabular-nums 2xl:text-lg print:text-xs" data-testid="decay-table">
          <thead>
            <tr className="border-b border-slate-300 text-sm text-slate-600 2xl:text-base print:text-xs">
              <th scope="col" className="py-1.5 pr-3 text-left font-semibold">
                {t('rate')}
              </th>
              {sprintNumbers.map((n) => (
                <th key={n} scope="col" className="px-2 py-1.5 font-semibold">
                  {t('sprint', { n })}
                </th>
              ))}
              <th scope="col" className="px-2 py-1.5 font-semibold">
                {t('max')}
              </th>
              <th scope="col" className="py-1.5 pl-3 font-semibold">
                {t('needed')}
              </th>
            </tr>
          </thead>
          <tbody>
            {d.scenarios.map((s) => (
              <tr key={s.ratePercent} className="border-b border-slate-100" data-testid={`decay-${s.ratePercent}`}>
                <th scope="row" className="py-1.5 pr-3 text-left font-semibold">
                  {t('rateValue', { rate: fig.plain(s.ratePercent) })}
                </th>
                {s.velocities.map((v, i) => (
                  <td key={i} className="px-2 py-1.5">
                    {fig.points(v)}
                  </td>
                ))}
                <td className="px-2 py-1.5 text-slate-600">{fig.points(s.maxDeliverable)}</td>
                <td className={`py-1.5 pl-3 font-bold ${s.never ? 'text-red-700' : ''}`} data-testid={`decay-needed-${s.ratePercent}`}>
                  {s.sprintsNeeded === null ? t('never') : fig.int(s.sprintsNeeded)}
                  {s.targetDate !== null && <span className="block text-xs font-normal text-slate-500">{fig.date(s.targetDate)}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Note>{t('unitNote', { unit: d.unit, remaining: fig.points(d.remaining) })}</Note>
    </Panel>
  );
}

export function BudgetPanel({ plan, fig }: { plan: Plan; fig: Figures }) {
  const t = useTranslations('plan.budget');
  const b = plan.budget;
  if (b === null || b.costPerSprintMinor === null) {
    return (
      <Panel title={t('title')} testId="panel-budget">
        <p className="text-slate-600">{t('noTeam')}</p>
      </Panel>
    );
  }
  const money = (m: number) => fig.money(m, b.currency);
  const line = b.lines.length === 1 ? b.lines[0] : undefined;
  const over = plan.status.code === 'over_budget';
  const recorded = b.recordedSprints.length;
  return (
    <Panel title={t('title')} testId="panel-budget">
      <Rows>
        <Row label={t('costPerSprint')} testId="budget-cost-per-sprint">
          {money(b.costPerSprintMinor)}
          {line && (
            <span className="ml-2 text-sm font-normal text-slate-500">
              {t('formula', { people: fig.int(line.people), rate: money(line.dayRateMinor), days: fig.plain(line.days) })}
            </span>
          )}
        </Row>
        {recorded > 0 && b.spentMinor !== null && (
          <Row label={t('spent', { count: recorded })} testId="budget-spent">
            {money(b.spentMinor)}
          </Row>
        )}
        {b.costOfSprintsNeededMinor !== null && (
          <Row label={t('remainingCost', { sprints: b.sprintsNeeded })} testId="budget-remaining-cost">
            {money(b.costOfSprintsNeededMinor)}
            <span className="ml-2 text-sm font-normal text-slate-500">
              {t('remainingCostFormula', { sprints: fig.int(b.sprintsNeeded), perSprint: money(b.costPerSprintMinor) })}
            </span>
          </Row>
        )}
        {b.projectedTotalMinor !== null && (
          <Row label={recorded > 0 ? t('totalWithSpent') : t('total')} testId="budget-total">
            {money(b.projectedTotalMinor)}
          </Row>
        )}
        {b.amountMinor !== null && (
          <Row label={t('amount')} testId="budget-amount">
            {money(b.amountMinor)}
          </Row>
        )}
        {b.amountMinor !== null && recorded > 0 && b.remainingMinor !== null && (
          <Row label={t('left')} testId="budget-left">
            {money(b.remainingMinor)}
          </Row>
        )}
        {b.sprintsCovered !== null && (
          <Row label={recorded > 0 ? t('coversMore') : t('covers')} testId="budget-covers">
            <span className={over ? 'text-red-700' : ''}>{t('coversValue', { count: b.sprintsCovered })}</span>
          </Row>
        )}
        {b.overrunMinor !== null && b.overrunMinor > 0 && (
          <Row label={t('overrun')} testId="budget-overrun">
            <span className="text-red-700">{money(b.overrunMinor)}</span>
          </Row>
        )}
      </Rows>
      {b.amountMinor === null ? <Note>{t('noBudget')}</Note> : <Note>{t('addsUp')}</Note>}
    </Panel>
  );
}

/** Warnings that no panel shows by itself. */
const LISTED: readonly WarningCode[] = [
  'assumed_velocity_ignored',
  'monte_carlo_capped',
  'money_overflow',
  'budget_overspent',
  'scope_overdone',
  'unknown_done_item',
];

export function Notes({ plan }: { plan: Plan }) {
  const t = useTranslations('plan.warnings');
  const codes = [...new Set(plan.warnings.map((w) => w.code))].filter((c) => LISTED.includes(c));
  if (codes.length === 0) return null;
  return (
    <section className="rounded-lg border border-slate-200 bg-white px-4 py-2 text-sm" data-testid="plan-notes">
      <h2 className="font-semibold">{t('title')}</h2>
      <ul className="list-disc pl-5 text-slate-700">
        {codes.map((c) => (
          <li key={c}>{t(c)}</li>
        ))}
      </ul>
    </section>
  );
}

/** The head of a plan: key figures, status and notes. */
export function PlanHeadline({ plan, fig }: { plan: Plan; fig: Figures }) {
  return (
    <>
      <KeyFigures plan={plan} fig={fig} />
      <StatusBanner plan={plan} />
      <Notes plan={plan} />
    </>
  );
}
