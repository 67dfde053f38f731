'use client';
import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslations } from 'use-intl';
import type { MonteCarlo } from '../../domain/planning';
import type { Figures } from './useFigures';

const COLORS = { p50: '#4338ca', p85: '#6366f1', p95: '#a5b4fc', beyond: '#cbd5e1' };

/** Histogram of the simulated sprint counts with the 50/85/95 % lines. */
export function McChart({ mc, fig }: { mc: MonteCarlo; fig: Figures }) {
  const t = useTranslations('plan.monteCarlo');
  const data = mc.histogram.map((b) => ({ sprints: b.sprints, share: b.trials / mc.trials }));
  const at = (percent: number) => mc.percentiles.find((p) => p.percent === percent)?.sprints ?? null;
  const [p50, p85, p95] = [at(50), at(85), at(95)];
  const color = (k: number) =>
    p50 !== null && k <= p50 ? COLORS.p50 : p85 !== null && k <= p85 ? COLORS.p85 : p95 !== null && k <= p95 ? COLORS.p95 : COLORS.beyond;
  // one line per sprint count; 85 % and 95 % often fall on the same one
  const lines = new Map<number, number[]>();
  for (const p of mc.percentiles) if (p.sprints !== null) lines.set(p.sprints, [...(lines.get(p.sprints) ?? []), p.percent]);
  const maxShare = Math.max(...data.map((d) => d.share), 0.01);

  return (
    <figure className="plan-chart flex flex-col gap-1 2xl:[&_text]:text-base" aria-label={t('chartLabel')} data-testid="mc-chart">
      <figcaption className="text-sm text-slate-600">{t('chartLabel')}</figcaption>
      <div className="h-64 w-full 2xl:h-80 print:h-56">
        <ResponsiveContainer width="100%" height="100%" minWidth={0} initialDimension={{ width: 520, height: 256 }}>
          <BarChart data={data} margin={{ top: 28, right: 16, bottom: 24, left: 8 }} barCategoryGap={2}>
            <CartesianGrid vertical={false} stroke="#e2e8f0" />
            <XAxis
              dataKey="sprints"
              tick={{ fontSize: 13 }}
              label={{ value: t('axisSprints'), position: 'insideBottom', offset: -14, fontSize: 13, fill: '#475569' }}
            />
            <YAxis
              tickFormatter={(v: number) => `${fig.percent(v)} %`}
              tick={{ fontSize: 13 }}
              width={56}
              domain={[0, Math.min(1, Math.ceil(maxShare * 12) / 10)]}
              label={{ value: t('axisShare'), angle: -90, position: 'insideLeft', offset: 4, dy: 50, fontSize: 13, fill: '#475569' }}
            />
            <Tooltip
              cursor={{ fill: '#eef2ff' }}
              formatter={(value) => [`${fig.percent(Number(value))} %`, t('axisShare')]}
              labelFormatter={(label) => t('sprintsValue', { count: Number(label) })}
            />
            <Bar dataKey="share" isAnimationActive={false}>
              {data.map((d) => (
                <Cell key={d.sprints} fill={color(d.sprints)} />
              ))}
            </Bar>
            {[...lines].map(([sprints, percents]) => (
              <ReferenceLine
                key={sprints}
                x={sprints}
                stroke="#0f172a"
                strokeDasharray="4 3"
                label={{
                  value: percents.map((p) => t('percent', { percent: p })).join(' · '),
                  position: 'top',
                  fontSize: 13,
                  fontWeight: 600,
                  fill: '#0f172a',
                }}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
