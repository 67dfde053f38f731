import type { BacklogItem } from './input';
import { nearestRank, SCOPE_CONFIDENCE } from './montecarlo';
import { atLeast } from './numeric';

export type WaterlineItem = {
  id: string;
  title: string;
  sizeAp: number;
  done: boolean;
  /** AP of the open items up to and including this one (done items add nothing) */
  cumulativeAp: number;
  /** fits into the budgeted sprints (done items are always above: already paid for) */
  aboveLine: { mean: boolean; pessimistic: boolean | null };
  /** PLAN-WL-2: share of the Monte Carlo trials in which it is done within those sprints (done items: 1); null without Monte Carlo */
  probability: number | null;
};

export type Waterline = {
  /** sprints the remaining budget covers */
  sprints: number;
  /** AP that fit into those sprints: mean velocity x sprints; Monte Carlo 85 % scope */
  capacityAp: { mean: number; pessimistic: number | null };
  /** last open item above the line, null when none fits */
  lastItemId: { mean: string | null; pessimistic: string | null };
  itemsAbove: { mean: number; pessimistic: number | null };
  items: WaterlineItem[];
};

/**
 * Per trial, how many open items (in priority order) were done within the waterline's sprints.
 * Item i (1-based among the open ones) is done in the trials that did at least i.
 */
export type ItemsDone = { perTrial: Int32Array; trials: number };

/** trials that did at least i open items, for i = 0..open */
function atLeastCounts(done: ItemsDone, open: number): Int32Array {
  const c = new Int32Array(open + 2);
  for (const k of done.perTrial) c[Math.min(k, open)]! += 1;
  for (let i = open - 1; i >= 0; i--) c[i]! += c[i + 1]!;
  return c;
}

/**
 * PLAN-WL-1: the backlog in priority order against the scope the budget still pays for.
 * PLAN-WL-2: each open item's probability, and the pessimistic line where it is done in at least
 * trials - r + 1 trials (r = nearest rank of 15 %): the same line as cumulative <= the 85 % capacity.
 */
export function waterline(
  items: readonly BacklogItem[],
  isDone: (item: BacklogItem) => boolean,
  sprints: number,
  meanCapacityAp: number,
  pessimisticCapacityAp: number | null,
  trialsDone: ItemsDone | null = null,
): Waterline {
  const open = items.filter((i) => !isDone(i)).length;
  const counts = trialsDone === null ? null : atLeastCounts(trialsDone, open);
  const trials = trialsDone?.trials ?? 1;
  const needed = trials - nearestRank(100 - SCOPE_CONFIDENCE, trials) + 1;
  let rank = 0;
  let cumulative = 0;
  const lastItemId: Waterline['lastItemId'] = { mean: null, pessimistic: null };
  const itemsAbove = { mean: 0, pessimistic: pessimisticCapacityAp === null ? null : 0 };
  const out = items.map((item): WaterlineItem => {
    const done = isDone(item);
    if (done) {
      const probability = counts === null ? null : 1;
      return {
        id: item.id,
        title: item.title,
        sizeAp: item.sizeAp,
        done,
        cumulativeAp: cumulative,
        aboveLine: { mean: true, pessimistic: true },
        probability,
      };
    }
    cumulative += item.sizeAp;
    rank += 1;
    const mean = atLeast(meanCapacityAp, cumulative);
    const doneIn = counts === null ? null : counts[rank]!;
    const pessimistic =
      doneIn !== null ? doneIn >= needed : pessimisticCapacityAp === null ? null : atLeast(pessimisticCapacityAp, cumulative);
    const probability = doneIn === null ? null : doneIn / trials;
    if (mean) {
      lastItemId.mean = item.id;
      itemsAbove.mean += 1;
    }
    if (pessimistic === true && itemsAbove.pessimistic !== null) {
      lastItemId.pessimistic = item.id;
      itemsAbove.pessimistic += 1;
    }
    return {
      id: item.id,
      title: item.title,
      sizeAp: item.sizeAp,
      done,
      cumulativeAp: cumulative,
      aboveLine: { mean, pessimistic },
      probability,
    };
  });
  return { sprints, capacityAp: { mean: meanCapacityAp, pessimistic: pessimisticCapacityAp }, lastItemId, itemsAbove, items: out };
}
