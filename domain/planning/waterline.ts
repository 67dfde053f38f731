import type { BacklogItem } from './input';
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

/** PLAN-WL-1: the backlog in priority order against the scope the budget still pays for. */
export function waterline(
  items: readonly BacklogItem[],
  isDone: (item: BacklogItem) => boolean,
  sprints: number,
  meanCapacityAp: number,
  pessimisticCapacityAp: number | null,
): Waterline {
  let cumulative = 0;
  const lastItemId: Waterline['lastItemId'] = { mean: null, pessimistic: null };
  const itemsAbove = { mean: 0, pessimistic: pessimisticCapacityAp === null ? null : 0 };
  const out = items.map((item): WaterlineItem => {
    const done = isDone(item);
    if (done) {
      return { id: item.id, title: item.title, sizeAp: item.sizeAp, done, cumulativeAp: cumulative, aboveLine: { mean: true, pessimistic: true } };
    }
    cumulative += item.sizeAp;
    const mean = atLeast(meanCapacityAp, cumulative);
    const pessimistic = pessimisticCapacityAp === null ? null : atLeast(pessimisticCapacityAp, cumulative);
    if (mean) {
      lastItemId.mean = item.id;
      itemsAbove.mean += 1;
    }
    if (pessimistic === true && itemsAbove.pessimistic !== null) {
      lastItemId.pessimistic = item.id;
      itemsAbove.pessimistic += 1;
    }
    return { id: item.id, title: item.title, sizeAp: item.sizeAp, done, cumulativeAp: cumulative, aboveLine: { mean, pessimistic } };
  });
  return { sprints, capacityAp: { mean: meanCapacityAp, pessimistic: pessimisticCapacityAp }, lastItemId, itemsAbove, items: out };
}
