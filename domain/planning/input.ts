import { z } from 'zod';
import { isIsoDate } from './dates';
import { isCurrencyCode } from './currencies';

// The shape of computePlan's input. Per-field rules live here; rules that span
// fields (exactly one of, needs calibration, ...) are in validate.ts.
// All sizes are numbers of points; all money is integer minor units (cents for EUR).

const isoDate = z.string().refine(isIsoDate, {
  message: 'must be a calendar date written YYYY-MM-DD',
  params: { code: 'invalid_date' },
});

// Bounds keep every derived figure finite: sizes up to 1e9 points, reference estimates at
// least 0.001 (so the factor stays finite), decay at least 0.1 % per sprint.
const MAX_POINTS = 1e9;
const points = z.number().min(0).max(MAX_POINTS);
const positive = z.number().positive().max(MAX_POINTS);
const estimate = z.number().min(0.001).max(MAX_POINTS);
const minor = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
/** Sprint numbers and sprint counts in the uncertainty inputs stay below the per-trial cap's bound. */
const MAX_SPRINT_NUMBER = 10_000;

export const UnitSchema = z.enum(['AP', 'SP']);

export const ReferenceItemSchema = z.strictObject({
  /** same id in a later sprint record replaces the earlier estimate */
  id: z.string().min(1).optional(),
  title: z.string().optional(),
  ap: estimate,
  sp: estimate,
});

export const BacklogItemSchema = z.strictObject({
  id: z.string().min(1),
  title: z.string().default(''),
  sizeAp: points,
  status: z.enum(['open', 'done']).default('open'),
  /** estimated in detail already: a split range (PLAN-SPLIT-1) does not apply to it */
  refined: z.boolean().default(false),
});

export const BacklogSchema = z.strictObject({
  /** the backlog in priority order (current state: done items flagged) */
  items: z.array(BacklogItemSchema).max(10_000).optional(),
  /** or just the total size at the start, in AP */
  totalAp: points.optional(),
});

/** PLAN-VEL-5: a future sprint whose velocity is a share of the usual (holidays 0.5, a bigger team 1.2). */
export const VelocityMultiplierSchema = z.strictObject({
  /** sprint number counted from the project start (recorded sprints included) */
  sprint: z.number().int().min(1).max(MAX_SPRINT_NUMBER),
  factor: z.number().min(0).max(10),
});

export const VelocitySchema = z.strictObject({
  unit: UnitSchema,
  /** done points per past sprint (before the recorded sprints), in `unit` */
  history: z.array(points).max(1000).default([]),
  /** used only when there is no history at all */
  assumed: positive.optional(),
  /** PLAN-VEL-4: use only the last N sprints of the history (velocity.history, then the records) */
  window: z.number().int().min(1).max(1000).optional(),
  /** PLAN-VEL-5: per-sprint multipliers of the velocity for future sprints */
  multipliers: z.array(VelocityMultiplierSchema).max(500).default([]),
});

export const SprintCalendarSchema = z.strictObject({
  startDate: isoDate.optional(),
  lengthDays: z.number().int().min(1).max(365).optional(),
  lengthWeeks: z.number().int().min(1).max(52).optional(),
  /** start dates of sprint slots in which no sprint runs (holidays) */
  skipStartDates: z.array(isoDate).max(500).default([]),
});

export const TeamMemberSchema = z.strictObject({
  name: z.string().default(''),
  dayRateMinor: minor,
  /** share of the person's days spent on this team, 0 < a <= 1 */
  allocation: z.number().positive().max(1).default(1),
  /** overrides the team's days per sprint for this person */
  daysPerSprint: z.number().positive().max(366).optional(),
});

export const TeamSchema = z.strictObject({
  people: z.number().int().min(1).max(10_000).optional(),
  dayRateMinor: minor.optional(),
  members: z.array(TeamMemberSchema).min(1).max(1000).optional(),
  /** working days per sprint; default 5 per week of sprint length */
  daysPerSprint: z.number().positive().max(366).optional(),
});

export const BudgetSchema = z.strictObject({
  amountMinor: minor.optional(),
  sprints: z.number().int().min(0).max(100_000).optional(),
});

export const SprintRecordSchema = z.strictObject({
  /** 1, 2, 3, ... in order */
  index: z.number().int().min(1),
  doneAp: points.optional(),
  doneSp: points.optional(),
  doneItemIds: z.array(z.string()).max(10_000).default([]),
  actualCostMinor: minor.optional(),
  scopeAddedAp: points.default(0),
  scopeRemovedAp: points.default(0),
  /** items refined during the sprint: re-calibrate with them */
  references: z.array(ReferenceItemSchema).max(1000).default([]),
});

export const DecayOptionsSchema = z.strictObject({
  ratesPercent: z.array(z.number().min(0.1).lt(100)).min(1).max(20).default([5, 10, 15, 20, 25]),
  sprints: z.number().int().min(1).max(200).default(8),
});

export const MonteCarloOptionsSchema = z.strictObject({
  trials: z.number().int().min(1).max(200_000).default(10_000),
  seed: z.number().int().min(0).max(0xffffffff).default(42),
  maxSprintsPerTrial: z.number().int().min(1).max(10_000).default(1000),
  /** sprints for "scope done within N sprints at 85 %"; default: sprints the budget still covers, else sprints needed */
  horizon: z.number().int().min(0).max(10_000).optional(),
});

/** A range sampled uniformly in every Monte Carlo trial; validate.ts checks low <= high. */
const rangeOf = (schema: z.ZodNumber) => z.strictObject({ low: schema, high: schema });

/** PLAN-GROW-1: scope added per sprint, as a share (percent) of the remaining scope at the start. */
export const ScopeGrowthSchema = rangeOf(z.number().min(0).max(100));
/** PLAN-SPLIT-1: items not yet refined grow by this factor when they are split (1.0 .. 1.5). */
export const SplitSchema = rangeOf(z.number().min(0.1).max(10));

/** PLAN-RISK-1: something that may happen, with its likelihood and its impact range. */
export const RiskSchema = z.strictObject({
  id: z.string().min(1).max(100).optional(),
  title: z.string().max(200).default(''),
  likelihoodPercent: z.number().min(0).max(100),
  impact: z.strictObject({
    /** AP: work added to the scope; sprints: whole sprints in which nothing gets done */
    unit: z.enum(['AP', 'sprints']),
    low: z.number().min(0).max(MAX_POINTS),
    high: z.number().min(0).max(MAX_POINTS),
  }),
});

/** PLAN-TP-1: the forecast in items per sprint, beside the one in points. */
export const ThroughputSchema = z.strictObject({
  /** items done per earlier sprint (before the recorded sprints, whose doneItemIds are counted) */
  history: z.array(z.number().int().min(0).max(100_000)).max(1000).default([]),
  /** open items left; default: the open backlog items (needed with backlog.totalAp) */
  remainingItems: z.number().int().min(0).max(1_000_000).optional(),
});

/** PLAN-ANS-2: questions a stakeholder asks; answered in `answers`. */
export const QuestionsSchema = z.strictObject({
  /** "how likely is it that we are done by this date?" */
  finishBy: isoDate.optional(),
});

export const CurrencySchema = z.string().refine(isCurrencyCode, {
  message: 'must be an ISO 4217 currency code such as EUR, USD or JPY',
  params: { code: 'unknown_currency' },
});

export const PlanInputSchema = z.strictObject({
  backlog: BacklogSchema,
  references: z.array(ReferenceItemSchema).max(1000).default([]),
  velocity: VelocitySchema,
  sprint: SprintCalendarSchema.optional(),
  currency: CurrencySchema.default('EUR'),
  team: TeamSchema.optional(),
  budget: BudgetSchema.optional(),
  sprints: z.array(SprintRecordSchema).max(1000).default([]),
  decay: DecayOptionsSchema.default({ ratesPercent: [5, 10, 15, 20, 25], sprints: 8 }),
  monteCarlo: MonteCarloOptionsSchema.default({ trials: 10_000, seed: 42, maxSprintsPerTrial: 1000 }),
  scopeGrowth: ScopeGrowthSchema.optional(),
  split: SplitSchema.optional(),
  risks: z.array(RiskSchema).max(50).default([]),
  throughput: ThroughputSchema.optional(),
  questions: QuestionsSchema.optional(),
});

/** What a caller writes (defaults optional). */
export type PlanInput = z.input<typeof PlanInputSchema>;
/** After parsing (defaults filled in). */
export type ParsedPlanInput = z.output<typeof PlanInputSchema>;
export type Unit = z.output<typeof UnitSchema>;
export type ReferenceItem = z.output<typeof ReferenceItemSchema>;
export type BacklogItem = z.output<typeof BacklogItemSchema>;
export type SprintRecord = z.output<typeof SprintRecordSchema>;
export type TeamInput = z.output<typeof TeamSchema>;
export type Risk = z.output<typeof RiskSchema>;
export type Range = { low: number; high: number };
