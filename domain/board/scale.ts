/** A bucket is a column on the board. `value` null means "not sized" ("?" / too big): excluded from totals, always flagged. */
export interface Bucket {
  id: string;
  label: string;
  value: number | null;
}

export type ScaleKind = 'effort' | 'tshirt' | 'custom';

export interface Scale {
  kind: ScaleKind;
  buckets: Bucket[];
}

export const UNSURE_BUCKET_ID = 'unsure';
export const DEFAULT_EFFORT_VALUES = [1, 2, 3, 5, 8, 13, 20, 40, 100] as const;
export const TSHIRT_SIZES: readonly [string, number][] = [
  ['XS', 1],
  ['S', 2],
  ['M', 3],
  ['L', 5],
  ['XL', 8],
  ['XXL', 13],
];

const unsureBucket = (): Bucket => ({ id: UNSURE_BUCKET_ID, label: '?', value: null });

export function effortScale(values: readonly number[] = DEFAULT_EFFORT_VALUES): Scale {
  return { kind: 'effort', buckets: [...values.map((v) => ({ id: `v${v}`, label: String(v), value: v })), unsureBucket()] };
}

export function tshirtScale(sizes: readonly [string, number][] = TSHIRT_SIZES): Scale {
  return { kind: 'tshirt', buckets: [...sizes.map(([label, value]) => ({ id: `t${label}`, label, value })), unsureBucket()] };
}

/** Custom scale: label = value, e.g. 0.5, 1, 2, 4. */
export function customScale(values: readonly number[]): Scale {
  const sorted = [...new Set(values)].sort((a, b) => a - b);
  return { kind: 'custom', buckets: [...sorted.map((v, i) => ({ id: `c${i}`, label: String(v), value: v })), unsureBucket()] };
}

export const defaultScale = (): Scale => effortScale();

export function findBucket(scale: Scale, bucketId: string): Bucket | undefined {
  return scale.buckets.find((b) => b.id === bucketId);
}

export type ScaleChoice = { kind: 'effort' } | { kind: 'tshirt' } | { kind: 'custom'; values: number[] };

export function scaleFrom(choice: ScaleChoice): Scale {
  if (choice.kind === 'tshirt') return tshirtScale();
  if (choice.kind === 'custom') return customScale(choice.values);
  return effortScale();
}
