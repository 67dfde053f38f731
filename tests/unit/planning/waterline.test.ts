import { describe, expect, it } from 'vitest';
import { planOf } from './fixtures';

const items = [
  { id: 'A', title: 'Sign-up', sizeAp: 5 },
  { id: 'B', title: 'Search', sizeAp: 3 },
  { id: 'C', title: 'Export', sizeAp: 8, status: 'done' },
  { id: 'D', title: 'Reports', sizeAp: 2 },
  { id: 'E', title: 'Admin', sizeAp: 5 },
  { id: 'F', title: 'Audit log', sizeAp: 1 },
];

const input = {
  backlog: { items },
  velocity: { unit: 'AP', history: [3, 3, 3] },
  team: { people: 2, dayRateMinor: 50_000, daysPerSprint: 10 },
  budget: { sprints: 3 },
};

describe('waterline', () => {
  it('PLAN-WL-1 cumulative AP of open items in priority order; above the line while it fits', () => {
    const wl = planOf(input).waterline!;
    expect(wl.sprints).toBe(3);
    expect(wl.capacityAp.mean).toBe(9); // 3 AP x 3 sprints
    expect(wl.items.map((i) => [i.id, i.cumulativeAp, i.aboveLine.mean, i.done])).toEqual([
      ['A', 5, true, false],
      ['B', 8, true, false],
      ['C', 8, true, true], // done: paid already, adds nothing
      ['D', 10, false, false],
      ['E', 15, false, false],
      ['F', 16, false, false],
    ]);
    expect(wl.lastItemId.mean).toBe('B');
    expect(wl.itemsAbove.mean).toBe(2);
  });

  it('PLAN-WL-1 the pessimistic line uses the Monte Carlo 85 % scope for the same sprints', () => {
    const wl = planOf({ ...input, velocity: { unit: 'AP', history: [1, 2, 3, 4, 5] }, budget: { sprints: 4 } }).waterline!;
    expect(wl.capacityAp.mean).toBe(12);
    const p = wl.capacityAp.pessimistic!;
    expect(p).toBeLessThan(12);
    expect(p).toBeGreaterThanOrEqual(4);
    for (const item of wl.items.filter((i) => !i.done)) {
      expect(item.aboveLine.pessimistic).toBe(item.cumulativeAp <= p);
      // here the pessimistic line sits higher up the backlog: above it means above the mean line too
      if (item.aboveLine.pessimistic) expect(item.aboveLine.mean).toBe(true);
    }
  });

  it('PLAN-WL-1 items marked done by a sprint record count as done; an exact fit is above the line', () => {
    const wl = planOf({
      ...input,
      velocity: { unit: 'AP', history: [] },
      sprints: [{ index: 1, doneAp: 5, doneItemIds: ['A'] }],
      budget: { sprints: 3 },
    }).waterline!;
    // mean velocity 5, 2 sprints left: capacity 10 = B 3 + D 2 + E 5 exactly
    expect(wl.capacityAp.mean).toBe(10);
    expect(wl.items.find((i) => i.id === 'A')?.done).toBe(true);
    expect(wl.lastItemId.mean).toBe('E');
  });

  it('PLAN-WL-1 needs backlog items and a budget; otherwise null', () => {
    expect(planOf({ ...input, budget: undefined }).waterline).toBeNull();
    expect(planOf({ ...input, backlog: { totalAp: 24 } }).waterline).toBeNull();
  });
});
