export type Param = string | number | null;

/**
 * What the shared queries need of a driver. SQL is written once with `?` placeholders and
 * quoted camelCase aliases (`as "workshopId"`), which both SQLite and Postgres accept; the
 * Postgres executor numbers the placeholders.
 */
export interface Executor {
  readonly dialect: 'sqlite' | 'postgres';
  all<T>(sql: string, params?: readonly Param[]): Promise<T[]>;
  get<T>(sql: string, params?: readonly Param[]): Promise<T | undefined>;
  /** rows changed */
  run(sql: string, params?: readonly Param[]): Promise<number>;
}

/** `?, ?, ?` for a list of n values */
export const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** `?` -> `$1, $2, ...` (no query here has a `?` inside a string literal) */
export function numbered(sql: string): string {
  let i = 0;
  return sql.replace(/\?/g, () => `$${++i}`);
}
