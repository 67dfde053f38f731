/** A bucket is a column on the board. `value` null means "not sized" ("?" / too big): excluded from totals. */
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

function unsureBucket(): Bucket {
  return { id: UNSURE_BUCKET_ID, label: '?', value: null };
}

export function effortScale(values: readonly number[] = DEFAULT_EFFORT_VALUES): Scale {
  return {
    kind: 'effort',
    buckets: [...values.map((v) => ({ id: `v${v}`, label: String(v), value: v })), unsureBucket()],
  };
}

export function defaultScale(): Scale {
  return effortScale();
}

export function findBucket(scale: Scale, bucketId: string): Bucket | undefined {
  return scale.buckets.find((b) => b.id === bucketId);
}
