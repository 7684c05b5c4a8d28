import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { CompiledQuery, Kysely, PostgresAdapter, PostgresDialect, SqliteDialect, sql, type Compilable, type RawBuilder, type SqlBool, type Transaction } from 'kysely';
import type { Database } from '../../db/database.js';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** A store function accepts either the pool-wide handle or an open transaction. */
export type DbOrTx = Kysely<Database>;

export interface DbHandle {
  db: Db;
  dialect: Dialect;
  /** The raw better-sqlite3 connection, for bulk loads that bypass the query builder. */
  sqlite?: SQLite.Database;
  pgPool?: pg.Pool;
  close(): Promise<void>;
}

// PostgreSQL returns int8 (count, sum) as strings; every count we keep fits in a double.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

export interface OpenOptions {
  poolSize?: number;
  /**
   * SQLite only, for the long-running server: checkpoint the WAL from a worker thread instead of on
   * whichever request's commit happens to cross the threshold (that commit used to stall for ms).
   */
  backgroundCheckpoints?: boolean;
}

export function openDb(databaseUrl: string, options: OpenOptions = {}): DbHandle {
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    const pool = new pg.Pool({ connectionString: databaseUrl, max: options.poolSize ?? 10 });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', pgPool: pool, close: () => db.destroy() };
  }
  const file = databaseUrl.replace(/^sqlite:/, '');
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  // WAL keeps readers off the writer's back; NORMAL survives a process crash (kill -9) and
  // loses at most the last commits on power loss, the trade the field accepts for 4x throughput.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('cache_size = -65536');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  const checkpointer = options.backgroundCheckpoints && file !== ':memory:' ? startCheckpointer(sqlite, file) : undefined;
  return {
    db,
    dialect: 'sqlite',
    sqlite,
    async close() {
      await checkpointer?.terminate();
      await db.destroy();
    },
  };
}

/**
 * Kysely prepares every query anew; on a busy path preparing costs as much as running. The same SQL
 * text gets the same prepared statement back (most recently used kept), unless that one is busy
 * streaming rows.
 */
function withStatementCache(sqlite: SQLite.Database, size = 1000) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text: string): SQLite.Statement {
      // Kysely opens transactions with a deferred `begin`. With a second writer on the file (the scan
      // writer's thread, a job's), a deferred transaction that read before another commit cannot take
      // the write lock and fails at once (SQLITE_BUSY_SNAPSHOT); IMMEDIATE waits for the lock first.
      const sqlText = text === 'begin' ? 'begin immediate' : text;
      const cached = cache.get(sqlText);
      if (cached && !cached.busy) return cached;
      // Past the size (texts of many shapes: multi-row inserts of every length), start afresh.
      if (cache.size >= size) cache.clear();
      const statement = sqlite.prepare(sqlText);
      cache.set(sqlText, statement);
      return statement;
    },
  };
}

function startCheckpointer(sqlite: SQLite.Database, file: string): Worker {
  const worker = new Worker(new URL('./checkpointer-entry.js', import.meta.url), { workerData: { file: path.resolve(file) } });
  sqlite.pragma('wal_autocheckpoint = 0');
  // Should the worker die, commits go back to checkpointing themselves rather than the log growing forever.
  worker.on('error', () => sqlite.pragma('wal_autocheckpoint = 1000'));
  worker.unref();
  return worker;
}

/** Whether a handle or transaction speaks to PostgreSQL (for the few statements the engines spell differently). */
export const isPostgres = (db: DbOrTx): boolean => db.getExecutor().adapter instanceof PostgresAdapter;

/** Rows read to be changed, locked to the transaction where the engine has row locks; SQLite's one writer needs none. */
export function forUpdate<Q extends { forUpdate(): Q }>(db: DbOrTx, q: Q): Q {
  return isPostgres(db) ? q.forUpdate() : q;
}

/**
 * `column` lies at or under any of the paths, as one index range per path: [p, p + '0'). Paths are
 * digits and '/', and '/' (0x2F) sorts just before '0' (0x30), so the range holds exactly p itself and
 * every "p/…". One plain range (no OR of equality and range) keeps both engines on an ordered index scan.
 */
export function underAnyPath(column: string, paths: string[]): RawBuilder<SqlBool> {
  const ref = sql.ref(column);
  const each = paths.map((p) => sql`(${ref} >= ${p} and ${ref} < ${`${p}0`})`);
  return sql<SqlBool>`(${sql.join(each, sql` or `)})`;
}

/** Keys split into lists short enough for one `IN (…)` on either engine. */
export function chunksOf<T>(items: T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Distinct keys in chunks for `amongKeys`: 500 on SQLite; on PostgreSQL one array parameter holds 5,000 as cheaply (fewer round trips). */
export function keyChunks(db: DbOrTx, keys: string[]): string[][] {
  return chunksOf([...new Set(keys)], isPostgres(db) ? 5_000 : 500);
}

/**
 * `column` is one of `keys` (a chunk from `keyChunks`): on PostgreSQL `= any(array)`, one parameter
 * the server parses once, where an `in` list of 5,000 placeholders costs more than the lookups; on
 * SQLite an `in` list.
 */
export function amongKeys(db: DbOrTx, column: string, keys: string[]): RawBuilder<SqlBool> {
  return isPostgres(db) ? sql<SqlBool>`${sql.ref(column)} = any(${keys}::text[])`
    : sql<SqlBool>`${sql.ref(column)} in (${sql.join(keys)})`;
}

export async function fetchInChunks<T>(keys: string[], fetch: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (const chunk of chunksOf(keys)) out.push(...(await fetch(chunk)));
  return out;
}

/** Runs `fn` in a transaction, joining the caller's when there already is one (Kysely does not nest). */
export async function inTransaction<T>(db: DbOrTx, fn: (tx: DbOrTx) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db);
  return db.transaction().execute(fn);
}

/** Refreshes the planner's statistics after a bulk load, so the next queries get good plans at once. */
export async function refreshStatistics(db: DbOrTx, tables: string[]): Promise<void> {
  for (const t of tables) await sql`analyze ${sql.table(t)}`.execute(db);
}

/**
 * A query whose shape never changes (the session lookup of every request), built and compiled by
 * Kysely once per engine; later calls bind their values to the same SQL. Every argument must appear
 * in the query exactly as a parameter.
 */
export function compiledOnce<A extends readonly unknown[], R>(build: (db: DbOrTx, ...args: A) => Compilable<R>) {
  const byEngine = new Map<unknown, { sql: string; order: number[] }>();
  return async (db: DbOrTx, ...args: A): Promise<R[]> => {
    const engine = db.getExecutor().adapter.constructor;
    let compiled = byEngine.get(engine);
    if (!compiled) {
      const markers = args.map((_, i) => `\u0000arg${i}`) as unknown as A;
      const query = build(db, ...markers).compile();
      const order = query.parameters.map((p) => (markers as readonly unknown[]).indexOf(p));
      if (order.some((i) => i < 0)) throw new Error('compiledOnce: every parameter must be one of the arguments');
      byEngine.set(engine, (compiled = { sql: query.sql, order }));
    }
    const { sql: text, order } = compiled;
    return (await db.executeQuery<R>(CompiledQuery.raw(text, order.map((i) => args[i])))).rows;
  };
}
