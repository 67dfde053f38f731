'use client';
import { Area, AreaChart, CartesianGrid, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslations } from 'use-intl';
import type { MonteCarlo, Plan } from '../../domain/planning';
import { Panel } from './panels';
import { useFigures, type Figures } from './useFigures';

/** The Monte Carlo as sentences a stakeholder reads (PLAN-ANS-1..4); on the shared view and on paper too. */
export function AnswersPanel({ plan }: { plan: Plan }) {
  const t = useTranslations('plan.answers');
  const fig = useFigures();
  const { finish, scopeBy, finishBy } = plan.answers;
  if (finish === null) return null;
  const tp = plan.throughput?.monteCarlo?.percentiles.find((p) => p.percent === 85) ?? null;
  /** a sentence with a date when there is a calendar, else with a count of sprints */
  const dated = (
    key: 'finish' | 'finishItems' | 'scope',
    at: { date: string | null; finishSprint: number | null; sprints: number },
    args: Record<string, string | number>,
  ) =>
    at.date !== null
      ? t(key, { ...args, date: fig.weekday(at.date), n: at.finishSprint ?? at.sprints })
      : t(`${key}Sprints`, { ...args, count: at.sprints, n: at.finishSprint ?? at.sprints });
  const sentences: [string, string][] = [];
  if (finish.sprints === 0) sentences.push(['finish', t('done')]);
  else if (finish.sprints === null)
    sentences.push(['finish', t('beyond', { percent: finish.confidence, limit: plan.monteCarlo?.maxSprintsPerTrial ?? 0 })]);
  else sentences.push(['finish', dated('finish', { ...finish, sprints: finish.sprints }, { percent: finish.confidence })]);
  if (tp !== null && tp.sprints !== null && tp.sprints > 0)
    sentences.push(['finish-items', dated('finishItems', { ...tp, sprints: tp.sprints }, { percent: tp.percent })]);
  if (scopeBy !== null && scopeBy.sprints > 0) {
    sentences.push([
      'scope',
      dated('scope', scopeBy, { percent: scopeBy.confidence, value: fig.points(scopeBy.value), unit: scopeBy.unit }),
    ]);
  }
  if (finishBy !== null) {
    const items = finishBy.throughputProbability === null ? '' : t('byDateItems', { chance: fig.chance(finishBy.throughputProbability) });
    const byDate =
      finishBy.sprints === 0
        ? t('byDateNone', { date: fig.weekday(finishBy.date) })
        : t('byDate', { chance: fig.chance(finishBy.probability), date: fig.weekday(finishBy.date), items });
    sentences.push(['by-date', byDate]);
    const s = finishBy.scope;
    if (s !== null && finishBy.sprints > 0)
      sentences.push(['by-date-scope', dated('scope', s, { percent: s.confidence, value: fig.points(s.value), unit: s.unit })]);
  }
  return (
    <Panel title={t('title')} testId="panel-answers" className="xl:col-span-2 print:col-span-2">
      <ul className="flex flex-col gap-1.5 text-lg 2xl:text-xl print:text-sm">
        {sentences.map(([key, text]) => (
          <li key={key} className="flex gap-2" data-testid={`answer-${key}`}>
            <span aria-hidden className="mt-2.5 h-2 w-2 shrink-0 rounded-full bg-indigo-500 print:mt-1.5" />
            <span>{text}</span>
          </li>
        ))}
      </ul>
      <p className="mt-2 text-sm text-slate-500 print:text-xs" data-testid="answers-basis">
        {basis(plan, t, fig)}
      </p>
    </Panel>
  );
}

/** What the simulated projects included, in one line. */
function basis(plan: Plan, t: ReturnType<typeof useTranslations<'plan.answers'>>, fig: Figures): string {
  const mc = plan.monteCarlo;
  if (mc === null) return '';
  const parts = [t('basisTrials', { trials: fig.int(mc.trials), sprints: plan.velocity.history.length })];
  const u = plan.uncertainty;
  if (u.growthPercent) parts.push(t('basisGrowth', { low: fig.plain(u.growthPercent.low), high: fig.plain(u.growthPercent.high) }));
  if (u.split) parts.push(t('basisSplit', { low: fig.plain(u.split.low), high: fig.plain(u.split.high) }));
  if (u.risks > 0) parts.push(t('basisRisks', { count: u.risks }));
  if (u.multipliers > 0) parts.push(t('basisMultipliers', { count: u.multipliers }));
  return parts.join(' · ');
}

type CurvePoint = { sprint: number; date: string | null; share: number };

/** PLAN-ANS-3 / PLAN-MC-4: the chance of being done by the end of each sprint, from the histogram. */
export function chanceCurve(mc: MonteCarlo, sprintsRecorded: number): CurvePoint[] {
  const first = mc.histogram[0];
  if (first === undefined) return [];
  const before =
    first.sprints > 0 ? [{ sprint: first.finishSprint - 1, date: null, share: first.cumulative - first.trials / mc.trials }] : [];
  const points = [...before, ...mc.histogram.map((b) => ({ sprint: b.finishSprint, date: b.date, share: b.cumulative }))];
  return points.filter((p) => p.sprint >= sprintsRecorded);
}

/** The probability-by-date curve: share of simulated projects done by the end of each sprint. */
export function ChancePanel({ plan }: { plan: Plan }) {
  const t = useTranslations('plan.answers');
  const fig = useFigures();
  const mc = plan.monteCarlo;
  if (mc === null || mc.histogram.length === 0) return null;
  const data = chanceCurve(mc, plan.forecast.sprintsRecorded);
  const byDate = plan.answers.finishBy;
  const label = (sprint: number) => {
    const p = data.find((d) => d.sprint === sprint);
    return p?.date ? fig.date(p.date) : t('sprintN', { n: sprint });
  };
  // ticks at sprint ends that have a date (the point before the first finished trial has none), at most 8
  const dated = data.filter((d) => d.date !== null || plan.forecast.targetDate === null);
  const step = Math.max(1, Math.ceil(dated.length / 8));
  const ticks = dated.filter((_, i) => i % step === 0).map((d) => d.sprint);
  return (
    <Panel title={t('curveTitle')} testId="panel-chance" className="xl:col-span-2 print:col-span-2">
      <figure
        className="plan-chart flex flex-col gap-1 2xl:[&_text]:text-base"
        aria-label={t('curveLabel')}
        data-testid="chance-curve"
        data-points={data.length}
      >
        <figcaption className="text-sm text-slate-600">{t('curveLabel')}</figcaption>
        <div className="h-64 w-full 2xl:h-80 print:h-52">
          <ResponsiveContainer width="100%" height="100%" minWidth={0} initialDimension={{ width: 560, height: 256 }}>
            <AreaChart data={data} margin={{ top: 16, right: 24, bottom: 24, left: 8 }}>
              <CartesianGrid stroke="#e2e8f0" />
              <XAxis
                dataKey="sprint"
                type="number"
                domain={['dataMin', 'dataMax']}
                ticks={ticks}
                allowDecimals={false}
                tick={{ fontSize: 12 }}
                tickFormatter={(n: number) => label(n)}
                label={{ value: t('axisDate'), position: 'insideBottom', offset: -14, fontSize: 13, fill: '#475569' }}
              />
              <YAxis domain={[0, 1]} tickFormatter={(v: number) => `${fig.percent(v)} %`} tick={{ fontSize: 13 }} width={56} />
              <Tooltip formatter={(v) => [`${fig.percent(Number(v))} %`, t('axisShare')]} labelFormatter={(n) => label(Number(n))} />
              <ReferenceLine
                y={0.85}
                stroke="#0f172a"
                strokeDasharray="4 3"
                label={{ value: t('line85'), position: 'insideTopLeft', fontSize: 12, fill: '#0f172a' }}
              />
              {plan.forecast.finishSprint !== null && (
                <ReferenceLine
                  x={plan.forecast.finishSprint}
                  stroke="#0369a1"
                  strokeDasharray="2 3"
                  label={{ value: t('lineMean'), position: 'insideTopLeft', fontSize: 12, fill: '#0369a1' }}
                />
              )}
              {byDate?.finishSprint != null && byDate.sprints > 0 && (
                <ReferenceLine
                  x={byDate.finishSprint}
                  stroke="#c2410c"
                  label={{ value: t('lineAsked'), position: 'insideTopRight', fontSize: 12, fill: '#c2410c' }}
                />
              )}
              <Area
                type="stepAfter"
                dataKey="share"
                stroke="#4338ca"
                strokeWidth={2}
                fill="#6366f1"
                fillOpacity={0.2}
                isAnimationActive={false}
              />
            </AreaChart>
          </ResponsiveContainer>
        </div>
      </figure>
    </Panel>
  );
}

/** PLAN-TP-1..3: the forecast in items per sprint, beside the one in points. */
export function ThroughputPanel({ plan }: { plan: Plan }) {
  const t = useTranslations('plan.throughput');
  const tm = useTranslations('plan.monteCarlo');
  const fig = useFigures();
  const tp = plan.throughput;
  if (tp === null) return null;
  return (
    <Panel title={t('title')} testId="panel-throughput">
      <dl className="grid grid-cols-[auto_1fr] items-baseline gap-x-4 gap-y-1.5 2xl:text-lg print:gap-y-0.5 print:text-sm">
        <dt className="text-slate-600">{t('remaining')}</dt>
        <dd className="font-semibold tabular-nums">{t('items', { count: tp.remainingItems })}</dd>
        <dt className="text-slate-600">{t('rate')}</dt>
        <dd className="font-semibold tabular-nums" data-testid="throughput-mean">
          {t('perSprint', { value: fig.points(tp.mean), count: tp.history.length })}
        </dd>
        <dt className="text-slate-600">{t('sprints')}</dt>
        <dd className="font-semibold tabular-nums">
          {t('sprintsValue', { needed: fig.int(tp.sprintsNeeded), exact: fig.exact(tp.sprintsExact) })}
        </dd>
        {tp.monteCarlo?.percentiles.map((p) => (
          <div key={p.percent} className="contents">
            <dt className="text-slate-600">{tm('percent', { percent: p.percent })}</dt>
            <dd className="font-semibold tabular-nums" data-testid={`throughput-p${p.percent}`}>
              {p.sprints === null ? tm('beyondCap') : tm('sprintsValue', { count: p.sprints })}
              {p.date !== null && <span className="ml-2 font-normal text-slate-500">{fig.date(p.date)}</span>}
            </dd>
          </div>
        ))}
      </dl>
      <p className="mt-3 text-sm text-slate-500 print:text-xs">{t('note')}</p>
    </Panel>
  );
}
