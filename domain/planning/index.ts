// Public API of the planning engine. Everything goes through computePlan; the helpers
// below are exported for the UI (money formatting, currency list) and for tests.
export { computePlan } from './plan';
export type { Plan, PlanResult, Uncertainty } from './plan';
export {
  PlanInputSchema,
  type PlanInput,
  type ParsedPlanInput,
  type Unit,
  type ReferenceItem,
  type BacklogItem,
  type SprintRecord,
} from './input';
export type { PlanError, ErrorCode, PlanWarning, WarningCode } from './errors';
export type { Calibration, Points } from './calibration';
export type { Scope } from './scope';
export type { Velocity } from './velocity';
export type { Forecast } from './forecast';
export type { Decay, DecayScenario } from './decay';
export type { VelocityRange, MedianInterval } from './range';
export type { MonteCarlo, HistogramBin } from './montecarlo';
export type { Budget, CostLine } from './budget';
export type { Waterline, WaterlineItem } from './waterline';
export type { Review, Status, StatusCode } from './review';
export type { Answers, FinishAnswer, FinishByAnswer, ScopeAnswer } from './answers';
export type { Throughput } from './throughput';
export type { Risk } from './input';
export { wholePercent } from './answers';
export { MAX_ERRORS } from './errors';
export { MAX_DRAWS } from './chances';
export { formatMoney, minorToDecimalString, type Money } from './money';
export { CURRENCY_MINOR_DIGITS, isCurrencyCode, minorDigits } from './currencies';
export { decaySprintsNeeded } from './decay';
export { medianInterval } from './range';
export { nearestRank, simulateSprintCounts, percentileOfCounts, scopePercentile } from './montecarlo';
export { simulateFinish, trialParams, STREAM_SPRINTS, type SimModel } from './simulate';
export { sfc32 } from './prng';
