import type { ReferenceItem, SprintRecord, Unit } from './input';

/** A size or velocity in both units; `sp` is null when there is no factor. */
export type Points = { ap: number; sp: number | null };

export type Calibration = {
  calibrated: boolean;
  /** SP per AP = sum of SP / sum of AP over the reference items; null without any */
  factor: number | null;
  referenceCount: number;
  sumAp: number;
  sumSp: number;
  /** factor from the input's own reference items, before any sprint refined one */
  initialFactor: number | null;
};

export type FactorOf = { factor: number | null; sumAp: number; sumSp: number; count: number };

/** PLAN-CAL-1: f = sum SP / sum AP (one pooled ratio, not a mean of ratios). The one formula: workshops use it too. */
export function factorOf(refs: readonly Pick<ReferenceItem, 'ap' | 'sp'>[]): FactorOf {
  let sumAp = 0;
  let sumSp = 0;
  for (const r of refs) {
    sumAp += r.ap;
    sumSp += r.sp;
  }
  return { factor: refs.length === 0 || sumAp <= 0 ? null : sumSp / sumAp, sumAp, sumSp, count: refs.length };
}

/** PLAN-CAL-4: later estimates of the same id replace earlier ones; items without id add up. */
export function mergeReferences(base: readonly ReferenceItem[], later: readonly ReferenceItem[]): ReferenceItem[] {
  const out = [...base];
  for (const r of later) {
    const at = r.id === undefined ? -1 : out.findIndex((x) => x.id === r.id);
    if (at >= 0) out[at] = r;
    else out.push(r);
  }
  return out;
}

/** Reference set after the first `n` sprint records. */
export function referencesAfter(initial: readonly ReferenceItem[], records: readonly SprintRecord[], n: number): ReferenceItem[] {
  let refs: ReferenceItem[] = [...initial];
  for (const rec of records.slice(0, n)) refs = mergeReferences(refs, rec.references);
  return refs;
}

export function calibrate(initial: readonly ReferenceItem[], records: readonly SprintRecord[]): Calibration {
  const current = factorOf(referencesAfter(initial, records, records.length));
  return {
    calibrated: current.factor !== null,
    factor: current.factor,
    referenceCount: current.count,
    sumAp: current.sumAp,
    sumSp: current.sumSp,
    initialFactor: factorOf(initial).factor,
  };
}

/** PLAN-CAL-2 / PLAN-UNIT-1: a figure in AP as both units. */
export function fromAp(ap: number, factor: number | null): Points {
  return { ap, sp: factor === null ? null : ap * factor };
}

/** A figure in the plan unit as both units (SP plans always have a factor, see validate.ts). */
export function toPoints(value: number, unit: Unit, factor: number | null): Points {
  if (unit === 'AP') return fromAp(value, factor);
  return { ap: factor === null ? 0 : value / factor, sp: value };
}

/** AP figure in the plan unit. */
export function apToUnit(ap: number, unit: Unit, factor: number | null): number {
  return unit === 'AP' ? ap : ap * (factor ?? 0);
}
