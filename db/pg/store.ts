import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { Queries } from '../queries';
import { numbered, type Executor, type Param } from '../sql';
import type { Store } from '../store';
import { TxQueries } from '../tx';

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

// bigint columns hold milliseconds and ids far below 2^53: read them as numbers
const types = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === pg.types.builtins.INT8
      ? (v: string) => Number(v)
      : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/** Named statements: Postgres parses and plans each text once per connection. */
const names = new Map<string, { name: string; text: string }>();
function statement(sql: string) {
  let s = names.get(sql);
  if (!s) {
    if (names.size > 2000) names.clear();
    s = { name: `q${names.size + 1}_${sql.length}`, text: numbered(sql) };
    names.set(sql, s);
  }
  return s;
}

function executor(q: pg.Pool | pg.PoolClient): Executor {
  const query = async <T>(sql: string, params: readonly Param[]) => {
    const s = statement(sql);
    return (await q.query({ name: s.name, text: s.text, values: params as Param[] })) as unknown as pg.QueryResult<T & pg.QueryResultRow>;
  };
  return {
    dialect: 'postgres',
    all: async <T>(sql: string, params: readonly Param[] = []) => (await query<T>(sql, params)).rows,
    get: async <T>(sql: string, params: readonly Param[] = []) => (await query<T>(sql, params)).rows[0],
    run: async (sql: string, params: readonly Param[] = []) => (await query(sql, params)).rowCount ?? 0,
  };
}

/** deadlock_detected, serialization_failure: the whole transaction may simply run again */
const RETRYABLE = new Set(['40P01', '40001']);
const MIGRATION_LOCK = 7_420_519;

export interface PgOptions {
  /** connections in the pool */
  max?: number;
}

/** Postgres (DATABASE_URL=postgres://...): row locks on sessions make any process able to accept any command. */
export async function openPostgresStore(url: string, opts: PgOptions = {}): Promise<Store> {
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 10, types });
  // an idle client that loses its server must not crash the process
  pool.on('error', () => undefined);
  const client = await pool.connect();
  try {
    // several processes may start at once: one migrates, the others wait
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await migrate(drizzle(client), { migrationsFolder });
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }

  async function attempt<T>(fn: (tx: TxQueries) => Promise<T>): Promise<T> {
    const c = await pool.connect();
    try {
      await c.query('begin');
      try {
        const out = await fn(new TxQueries(executor(c)));
        await c.query('commit');
        return out;
      } catch (err) {
        await c.query('rollback').catch(() => undefined);
        throw err;
      }
    } finally {
      c.release();
    }
  }

  return {
    kind: 'postgres',
    read: new Queries(executor(pool)),
    async transaction<T>(fn: (tx: TxQueries) => Promise<T>): Promise<T> {
      for (let i = 0; ; i++) {
        try {
          return await attempt(fn);
        } catch (err) {
          const code = (err as { code?: string }).code;
          if (i >= 2 || !code || !RETRYABLE.has(code)) throw err;
        }
      }
    },
    async ping() {
      try {
        await pool.query('select 1');
        return true;
      } catch {
        return false;
      }
    },
    close: () => pool.end(),
  };
}
