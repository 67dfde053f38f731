import { Queries } from './queries';
import { marks, type Executor } from './sql';
import type { SessionAppend, Tx } from './store';

/** The transaction side of the store, shared by both engines; only the locking clause differs. */
export class TxQueries extends Queries implements Tx {
  private readonly versions = new Map<string, number>();
  private savepoints = 0;
  private readonly forUpdate: string;

  constructor(x: Executor) {
    super(x);
    // SQLite's IMMEDIATE transaction already holds the one write lock
    this.forUpdate = x.dialect === 'postgres' ? ' for update' : '';
  }

  async lockSessions(ids: string[]): Promise<Map<string, number>> {
    const wanted = [...new Set(ids)].filter((id) => !this.versions.has(id)).sort();
    if (wanted.length > 0) {
      const rows = await this.x.all<{ id: string; version: number }>(
        `select id, version from sessions where id in (${marks(wanted.length)}) order by id${this.forUpdate}`,
        wanted,
      );
      for (const r of rows) this.versions.set(r.id, r.version);
    }
    const out = new Map<string, number>();
    for (const id of ids) {
      const v = this.versions.get(id);
      if (v !== undefined) out.set(id, v);
    }
    return out;
  }

  async lockWorkshop(id: string): Promise<boolean> {
    return (await this.x.get(`select id from workshops where id = ?${this.forUpdate}`, [id])) !== undefined;
  }

  async appendEvents(list: SessionAppend[]): Promise<void> {
    const rows: Parameters<Queries['insertEvents']>[0] = [];
    const last = new Map<string, number>();
    for (const { sessionId, events } of list) {
      let expected = (last.get(sessionId) ?? this.versions.get(sessionId) ?? NaN) + 1;
      for (const e of events) {
        // the contract: consecutive versions right after the locked one, or nothing is written
        if (e.version !== expected)
          throw new Error(`session ${sessionId}: version ${e.version} does not follow ${expected - 1} (lock the session first)`);
        rows.push({ sessionId, e });
        expected++;
      }
      if (events.length > 0) last.set(sessionId, expected - 1);
    }
    if (rows.length === 0) return;
    await this.insertEvents(rows);
    for (const [sessionId, version] of last) {
      await this.x.run('update sessions set version = ? where id = ?', [version, sessionId]);
      this.versions.set(sessionId, version);
    }
  }

  async savepoint<T>(fn: () => Promise<T>): Promise<T> {
    const name = `sp${++this.savepoints}`;
    const versions = new Map(this.versions);
    await this.x.run(`savepoint ${name}`);
    try {
      const out = await fn();
      await this.x.run(`release savepoint ${name}`);
      return out;
    } catch (err) {
      await this.x.run(`rollback to savepoint ${name}`);
      await this.x.run(`release savepoint ${name}`);
      this.versions.clear();
      for (const [k, v] of versions) this.versions.set(k, v);
      throw err;
    }
  }
}
