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
});

export const BacklogSchema = z.strictObject({
  /** the backlog in priority order (current state: done items flagged) */
  items: z.array(BacklogItemSchema).max(10_000).optional(),
  /** or just the total size at the start, in AP */
  totalAp: points.optional(),
});

export const VelocitySchema = z.strictObject({
  unit: UnitSchema,
  /** done points per past sprint (before the recorded sprints), in `unit` */
  history: z.array(points).max(1000).default([]),
  /** used only when there is no history at all */
  assumed: positive.optional(),
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
