import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decaySprintsNeeded } from '../../../domain/planning';
import { planOf } from './fixtures';

// v_n for v_1 = 100, exact decimal values worked out by hand: 100 (1 - p)^(n - 1)
const TABLE: Record<number, number[]> = {
  5: [100, 95, 90.25, 85.7375, 81.450625, 77.37809375, 73.5091890625, 69.833729609375],
  10: [100, 90, 81, 72.9, 65.61, 59.049, 53.1441, 47.82969],
  15: [100, 85, 72.25, 61.4125, 52.200625, 44.37053125, 37.7149515625, 32.057708828125],
  20: [100, 80, 64, 51.2, 40.96, 32.768, 26.2144, 20.97152],
  25: [100, 75, 56.25, 42.1875, 31.640625, 23.73046875, 17.7978515625, 13.348388671875],
};

/** Smallest n whose delivered sum reaches R (same 1e-9 tolerance as the engine), by adding sprint after sprint. */
function bruteForce(R: number, v1: number, p: number, max = 100_000): number | null {
  let sum = 0;
  for (let n = 1; n <= max; n++) {
    sum += v1 * Math.pow(1 - p, n - 1);
    if (sum >= R - 1e-9 * Math.max(1, R)) return n;
  }
  return null;
}

describe('velocity decay scenarios', () => {
  const plan = planOf({ backlog: { totalAp: 300 }, velocity: { unit: 'AP', assumed: 100 } });

  it('PLAN-DEC-1 default rates 5..25 % over 8 sprints: v_n = v_1 (1 - p)^(n - 1)', () => {
    expect(plan.decay.sprints).toBe(8);
    expect(plan.decay.v1).toBe(100);
    expect(plan.decay.scenarios.map((s) => s.ratePercent)).toEqual([5, 10, 15, 20, 25]);
    for (const s of plan.decay.scenarios) {
      const expected = TABLE[s.ratePercent]!;
      expect(s.velocities).toHaveLength(8);
      s.velocities.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 9));
      let cum = 0;
      s.cumulative.forEach((c, i) => {
        cum += expected[i]!;
        expect(c).toBeCloseTo(cum, 9);
      });
      expect(s.maxDeliverable).toBeCloseTo(100 / (s.ratePercent / 100), 9);
    }
  });

  it('PLAN-DEC-1 output is free of binary noise (24 x 0.95 reads 22.8)', () => {
    const p = planOf({ backlog: { totalAp: 47 }, velocity: { unit: 'AP', assumed: 24 } });
    expect(p.decay.scenarios[0]!.velocities.slice(0, 3)).toEqual([24, 22.8, 21.66]);
  });

  it('PLAN-DEC-2 sprints needed per rate for R = 300, v_1 = 100; "never" when R >= v_1 / p', () => {
    const byRate = Object.fromEntries(plan.decay.scenarios.map((s) => [s.ratePercent, s]));
    // 5 %: 100 + 95 + 90.25 = 285.25 < 300, + 85.7375 -> 4 sprints
    expect(byRate[5]).toMatchObject({ never: false, sprintsNeeded: 4 });
    expect(byRate[10]).toMatchObject({ never: false, sprintsNeeded: 4 }); // 271 after 3, 343.9 after 4
    expect(byRate[15]).toMatchObject({ never: false, sprintsNeeded: 4 }); // 257.25 after 3, 318.6625 after 4
    expect(byRate[20]).toMatchObject({ never: false, sprintsNeeded: 5 }); // 295.2 after 4
    expect(byRate[25]).toMatchObject({ never: false, sprintsNeeded: 5, maxDeliverable: 400 }); // 273.4375 after 4
  });

  it('PLAN-DEC-2 never when R reaches the limit v_1 / p exactly or beyond', () => {
    expect(decaySprintsNeeded(400, 100, 0.25)).toBeNull();
    expect(decaySprintsNeeded(500, 100, 0.25)).toBeNull();
    expect(decaySprintsNeeded(399, 100, 0.25)).toBe(bruteForce(399, 100, 0.25));
    const never = planOf({ backlog: { totalAp: 500 }, velocity: { unit: 'AP', assumed: 100 } }).decay.scenarios.find(
      (s) => s.ratePercent === 20,
    )!;
    expect(never).toMatchObject({ never: true, sprintsNeeded: null, targetDate: null, maxDeliverable: 500 });
  });

  it('PLAN-DEC-2 an exact hit: a sum that is exactly R finishes in that sprint, not one later', () => {
    expect(decaySprintsNeeded(231.25, 100, 0.25)).toBe(3); // 100 + 75 + 56.25
    expect(decaySprintsNeeded(231.2501, 100, 0.25)).toBe(4);
    expect(decaySprintsNeeded(42, 24, 0.5)).toBe(3); // 24 + 12 + 6
    expect(decaySprintsNeeded(190, 100, 0.1)).toBe(2); // 100 + 90
    expect(decaySprintsNeeded(271, 100, 0.1)).toBe(3); // 100 + 90 + 81
    expect(decaySprintsNeeded(0, 100, 0.1)).toBe(0);
  });

  it('PLAN-DEC-2 the closed form agrees with adding sprint after sprint', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 1, max: 99 }),
        fc.integer({ min: 1, max: 40 }),
        (v1, pct, sprints) => {
          const p = pct / 100;
          // R = the exact sum of the first `sprints` velocities: an exact-boundary case every time
          let R = 0;
          for (let n = 1; n <= sprints; n++) R += v1 * Math.pow(1 - p, n - 1);
          const n = decaySprintsNeeded(R, v1, p);
          if (R >= (v1 / p) * (1 - 1e-9)) return n === null;
          return n === bruteForce(R, v1, p) && n !== null && n <= sprints;
        },
      ),
      { numRuns: 300 },
    );
  });
});
