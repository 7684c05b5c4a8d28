import type { DbHandle, DbOrTx } from './index.js';
import type { Database } from '../../db/database.js';

/**
 * Inserts many rows fast on either engine. On SQLite a prepared statement in a loop beats a
 * multi-row INSERT several times over; on PostgreSQL multi-row INSERTs of a few hundred rows do.
 * Rows must carry every column (SQLite would send NULL, PostgreSQL DEFAULT, for a missing one).
 * Call it inside the caller's transaction: on SQLite the raw statement shares Kysely's one connection.
 */
export async function bulkInsert<T extends keyof Database & string>(
  handle: DbHandle,
  db: DbOrTx,
  table: T,
  rows: Database[T][],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0] as object);
  if (handle.sqlite) {
    const rebuild = rows.length >= REBUILD_INDEXES_FROM ? dropSecondaryIndexes(handle.sqlite, table) : [];
    const stmt = handle.sqlite.prepare(
      `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values (${columns.map((c) => `@${c}`).join(', ')})`,
    );
    // Named parameters bind straight from each row object: no per-row array to build and collect.
    for (const row of rows) stmt.run(row as unknown as Record<string, unknown>);
    for (const ddl of rebuild) handle.sqlite.exec(ddl);
    return;
  }
  const chunk = Math.max(1, Math.floor(8000 / columns.length));
  for (let i = 0; i < rows.length; i += chunk) {
    // The generic table type is too wide for Kysely's inference; the rows are typed by the caller.
    await (db as DbOrTx).insertInto(table).values(rows.slice(i, i + chunk) as never).execute();
  }
}

/**
 * Past this many rows, SQLite loads faster with its secondary indexes dropped and rebuilt after
 * (about twice as fast at 400k rows: an index built from sorted keys beats one grown at random).
 * It happens inside the caller's transaction, so other connections never see a table without them.
 * PostgreSQL keeps its indexes: dropping one there would lock readers out for the whole load.
 */
const REBUILD_INDEXES_FROM = 20_000;

function dropSecondaryIndexes(sqlite: NonNullable<DbHandle['sqlite']>, table: string): string[] {
  const indexes = sqlite
    .prepare("select name, sql from sqlite_master where type = 'index' and tbl_name = ? and sql is not null and sql not like 'create unique%'")
    .all(table) as { name: string; sql: string }[];
  for (const i of indexes) sqlite.exec(`drop index "${i.name}"`);
  return indexes.map((i) => i.sql);
}
