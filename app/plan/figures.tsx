'use client';
import type { Plan } from '../../domain/planning';
import { AnswersPanel, ChancePanel, ThroughputPanel } from './answers';
import { BudgetPanel, CalibrationPanel, DecayPanel, ForecastPanel, MonteCarloPanel, RangePanel, type RefShown } from './panels';
import { useFigures } from './useFigures';

/**
 * The figures of a forecast: the answers in plain words first, then calibration, forecast, range,
 * budget, Monte Carlo with the chance-by-date curve, the forecast in items, decay.
 */
export function ForecastFigures({ plan, refs }: { plan: Plan; refs: RefShown[] }) {
  const fig = useFigures();
  return (
    <div className="grid gap-4 xl:grid-cols-2 print:grid-cols-2 print:gap-2">
      <AnswersPanel plan={plan} />
      <CalibrationPanel plan={plan} refs={refs} fig={fig} />
      <ForecastPanel plan={plan} fig={fig} />
      <RangePanel plan={plan} fig={fig} />
      <BudgetPanel plan={plan} fig={fig} />
      <MonteCarloPanel plan={plan} fig={fig} />
      <ChancePanel plan={plan} />
      <ThroughputPanel plan={plan} />
      <DecayPanel plan={plan} fig={fig} />
    </div>
  );
}
