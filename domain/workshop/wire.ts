// The workshop planning API's bodies (zod) and answers (docs/api.md, "Workshop planning").
import { z } from 'zod';
import { lineText } from '../text/schema';
import type { Phase } from '../board';
import {
  BudgetSchema,
  CurrencySchema,
  MonteCarloOptionsSchema,
  QuestionsSchema,
  RiskSchema,
  ScopeGrowthSchema,
  SplitSchema,
  SprintCalendarSchema,
  TeamSchema,
  ThroughputSchema,
  VelocitySchema,
  type PlanInput,
} from '../planning/input';
import type { ReferenceEntry } from './calibration';
import type { Placed } from './sizes';

/**
 * The workshop's saved plan inputs: the parts of computePlan's input that are not derived from
 * the sessions and sprints (velocity assumption, sprint calendar, team, currency, budget, seed).
 * Each part is validated by the planning engine's own schema.
 */
export const planSettingsBody = z.strictObject({
  velocity: VelocitySchema,
  sprint: SprintCalendarSchema.optional(),
  currency: CurrencySchema.optional(),
  team: TeamSchema.optional(),
  budget: BudgetSchema.optional(),
  monteCarlo: z.strictObject({ seed: MonteCarloOptionsSchema.shape.seed.optional() }).optional(),
  // WS-PLAN-5: the forecast's uncertainty (all optional; velocity.window and .multipliers are in VelocitySchema)
  scopeGrowth: ScopeGrowthSchema.optional(),
  split: SplitSchema.optional(),
  risks: z.array(RiskSchema).max(50).optional(),
  /** `{}` turns the forecast in items on; the history comes from the recorded sprints */
  throughput: ThroughputSchema.pick({ history: true }).optional(),
  questions: QuestionsSchema.optional(),
});

export type PlanSettings = Pick<
  PlanInput,
  'velocity' | 'sprint' | 'currency' | 'team' | 'budget' | 'scopeGrowth' | 'split' | 'risks' | 'questions'
> & {
  monteCarlo?: { seed?: number };
  throughput?: { history?: number[] };
};

const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'must be an id');
const ids = z
  .array(id)
  .max(10_000)
  .refine((list) => new Set(list).size === list.length, 'an item id is listed twice')
  .default([]);
const points = z.number().finite().min(0, 'must not be negative').max(1e9);

/** PUT /api/workshops/:id/sessions/:sessionId/references/:itemId */
export const referenceBody = z.strictObject({
  storyPoints: z.number().finite().gt(0, 'must be more than 0').max(10_000, 'at most 10000').nullable(),
});

/**
 * WS-TRK-6: scope that came in during the sprint and is not in the backlog yet, typed in place
 * as a title and its size in AP. The service creates each as a backlog item at the end of the
 * priority order with `typedSizeAp`, lists it in the record's `addedItemIds` and counts its size
 * in `scopeAddedAp`.
 */
export const newItemBody = z.strictObject({
  title: lineText({ max: 300, empty: 'must not be empty' }),
  sizeAp: points,
});

/** POST /api/workshops/:id/sprints: the next finished sprint. AP fields default to the sum of the listed items. */
export const sprintBody = z.strictObject({
  doneItemIds: ids,
  doneAp: points.optional(),
  costMinor: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable().optional(),
  addedItemIds: ids,
  droppedItemIds: ids,
  scopeAddedAp: points.optional(),
  scopeRemovedAp: points.optional(),
  newItems: z.array(newItemBody).max(100).default([]),
});

export type SprintBody = z.input<typeof sprintBody>;

export type NewItemBody = z.input<typeof newItemBody>;

export interface PlanningSession {
  id: string;
  name: string;
  createdAt: number;
  phase: Phase;
  /** locked: its sizes and references count */
  counted: boolean;
  /** null in a shared (read-only) view */
  joinCode: string | null;
  cards: number;
  placements: Record<string, Placed>;
  references: ReferenceEntry[];
}

export interface PlanningItem {
  id: string;
  key: string | null;
  title: string;
  position: number;
  storyPoints: number | null;
  /** WS-SIZE-5: size typed when the item was added during a sprint (null or absent: sized by sessions only) */
  typedSizeAp?: number | null;
}

export interface SprintEntry {
  index: number;
  doneAp: number;
  doneItemIds: string[];
  /** null: the planned cost per sprint */
  costMinor: number | null;
  scopeAddedAp: number;
  scopeRemovedAp: number;
  addedItemIds: string[];
  droppedItemIds: string[];
  recordedAt: number;
}

/** GET /api/workshops/:id/planning and GET /api/shared/:token: everything the planning views compute from. */
export interface WorkshopPlanning {
  id: string;
  name: string;
  createdAt: number;
  readOnly: boolean;
  sessions: PlanningSession[];
  items: PlanningItem[];
  settings: PlanSettings | null;
  sprints: SprintEntry[];
}

export interface ShareLinkInfo {
  id: string;
  createdAt: number;
  revokedAt: number | null;
}

/** The token is shown once; only its hash is stored. */
export interface CreatedShareLink extends ShareLinkInfo {
  token: string;
  path: string;
}

export const sharePath = (token: string) => `/s/${token}`;
