import { CompiledQuery, sql } from 'kysely';
import { chunksOf, isPostgres, type DbHandle, type DbOrTx } from './index.js';
import type { Database } from '../../db/database.js';

/**
 * Inserts many rows fast on either engine. On SQLite a prepared statement in a loop beats a
 * multi-row INSERT several times over; on PostgreSQL arrays unnested into one INSERT do.
 * Rows must carry every column (SQLite would send NULL, PostgreSQL DEFAULT, for a missing one).
 * Call it inside the caller's transaction: on SQLite the raw statement shares Kysely's one connection.
 */
export async function bulkInsert<T extends keyof Database & string>(
  handle: Pick<DbHandle, 'sqlite'>,
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
  await insertMany(db, table, rows);
}

/**
 * Many rows inside the caller's transaction with no raw connection at hand (a use case that takes
 * any `db`). PostgreSQL: one INSERT … SELECT FROM unnest(arrays) per chunk, a parameter per column
 * rather than per value, several times faster than multi-row VALUES. SQLite: multi-row INSERTs of a
 * fixed size, whose one SQL text the connection's statement cache prepares once.
 */
export async function insertMany<T extends keyof Database & string>(db: DbOrTx, table: T, rows: Database[T][]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0] as object);
  if (isPostgres(db)) {
    const types = await columnTypes(db, table);
    const typed = (c: string) => sql.raw(types.get(c) ?? 'text');
    for (let i = 0; i < rows.length; i += PG_CHUNK) {
      const chunk = rows.slice(i, i + PG_CHUNK) as unknown as Record<string, unknown>[];
      // A column with one value in the whole chunk (a status, a creation time, the nulls of a new row) goes
      // as one parameter, not an array of copies: new rows are half such columns, and every array element
      // costs its serialization here and its parsing there.
      const same = columns.filter((c) => chunk.every((r) => r[c] === chunk[0][c]));
      const varying = columns.filter((c) => !same.includes(c));
      const arrays = varying.map((c) => sql`${chunk.map((r) => r[c])}::${typed(c)}[]`);
      const values = [...varying.map((c) => sql`u.${sql.ref(c)}`), ...same.map((c) => sql`${chunk[0][c]}::${typed(c)}`)];
      const source = varying.length > 0
        ? sql`from unnest(${sql.join(arrays)}) as u(${sql.join(varying.map((c) => sql.ref(c)))})`
        : sql`from generate_series(1, ${chunk.length})`;
      await sql`insert into ${sql.table(table)} (${sql.join([...varying, ...same].map((c) => sql.ref(c)))}) select ${sql.join(values)} ${source}`
        .execute(db);
    }
    return;
  }
  // SQLite allows 32,766 parameters a statement; 900 keeps each statement's text and bindings small.
  const perStatement = Math.max(1, Math.floor(900 / columns.length));
  const head = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values `;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const full = head + Array.from({ length: perStatement }, () => tuple).join(', ');
  for (const part of chunksOf(rows as unknown as Record<string, unknown>[], perStatement)) {
    const text = part.length === perStatement ? full : head + part.map(() => tuple).join(', ');
    await db.executeQuery(CompiledQuery.raw(text, part.flatMap((r) => columns.map((c) => r[c]))));
  }
}

const PG_CHUNK = 5_000;

/**
 * Rows for many values of one unique column (a whole results file's barcodes), a statement per chunk
 * with a single parameter: a JSON array read by `json_each` on SQLite (prepared once), a text array on
 * PostgreSQL. Call it inside the caller's transaction: on SQLite the raw statement shares Kysely's one
 * connection.
 */
export async function rowsByKeys<T extends keyof Database & string, C extends keyof Database[T] & string>(
  handle: DbHandle, db: DbOrTx, table: T, key: C, columns: readonly C[], keys: string[],
): Promise<Pick<Database[T], C>[]> {
  const unique = [...new Set(keys)];
  const out: Pick<Database[T], C>[] = [];
  if (handle.sqlite) {
    const stmt = handle.sqlite.prepare(`select ${columns.map((c) => `t."${c}"`).join(', ')} from json_each(?) j
      join "${table}" t on t."${key}" = j.value`);
    for (let i = 0; i < unique.length; i += 500) out.push(...(stmt.all(JSON.stringify(unique.slice(i, i + 500))) as Pick<Database[T], C>[]));
    return out;
  }
  // One array parameter costs the planner the same for 500 or 5,000 keys: fewer round trips.
  for (let i = 0; i < unique.length; i += PG_CHUNK) {
    const { rows } = await sql<Pick<Database[T], C>>`select ${sql.join(columns.map((c) => sql.ref(c)))} from ${sql.table(table)}
      where ${sql.ref(key)} = any(${unique.slice(i, i + PG_CHUNK)}::text[])`.execute(db);
    out.push(...rows);
  }
  return out;
}

/**
 * Updates many rows by primary key `id`, each with its own values of `columns` and all with `fixed`,
 * where `guard` (a constant SQL condition on the row) still holds; returns how many changed. SQLite:
 * one prepared UPDATE per row in key order (neighbours share pages); PostgreSQL: one UPDATE … FROM
 * unnest(arrays) per chunk.
 */
export async function updateByIds<T extends keyof Database & string>(
  handle: DbHandle, db: DbOrTx, table: T,
  rows: ({ id: string } & Record<string, string | number | null>)[],
  opts: { columns: string[]; fixed: Record<string, string | number | null>; guard: string },
): Promise<number> {
  const fixedColumns = Object.keys(opts.fixed);
  let changed = 0;
  if (handle.sqlite) {
    const sets = [...opts.columns, ...fixedColumns].map((c) => `"${c}" = @${c}`).join(', ');
    const stmt = handle.sqlite.prepare(`update "${table}" set ${sets} where id = @id and (${opts.guard})`);
    const sorted = [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (const r of sorted) changed += stmt.run({ ...opts.fixed, ...r }).changes;
    return changed;
  }
  const types = await columnTypes(db, table);
  for (let i = 0; i < rows.length; i += PG_CHUNK) {
    const part = rows.slice(i, i + PG_CHUNK);
    const all = ['id', ...opts.columns];
    const arrays = all.map((c) => sql`${part.map((r) => r[c])}::${sql.raw(types.get(c) ?? 'text')}[]`);
    // The new values come in as v.new_<column>, so the guard's plain column names mean the table's row.
    const fresh = (c: string) => sql.ref(`new_${c}`);
    const sets = [...opts.columns.map((c) => sql`${sql.ref(c)} = v.${fresh(c)}`),
      ...fixedColumns.map((c) => sql`${sql.ref(c)} = ${opts.fixed[c]}`)];
    const res = await sql`update ${sql.table(table)} set ${sql.join(sets)}
      from unnest(${sql.join(arrays)}) as v(${sql.join(all.map(fresh))})
      where ${sql.table(table)}.id = v.new_id and (${sql.raw(opts.guard)})`.execute(db);
    changed += Number(res.numAffectedRows ?? 0);
  }
  return changed;
}
const typeCache = new Map<string, Map<string, string>>();

async function columnTypes(db: DbOrTx, table: string): Promise<Map<string, string>> {
  const cached = typeCache.get(table);
  if (cached) return cached;
  const { rows } = await sql<{ column_name: string; data_type: string }>`
    select column_name, data_type from information_schema.columns where table_name = ${table} and table_schema = current_schema()`
    .execute(db);
  const types = new Map(rows.map((r) => [r.column_name, r.data_type]));
  typeCache.set(table, types);
  return types;
}

/**
 * Past this many rows, SQLite loads faster with its secondary indexes dropped and rebuilt after
 * (about twice as fast at 400k rows: an index built from sorted keys beats one grown at random).
 * It happens inside the caller's transaction, so other connections never see a table without them,
 * and a unique index that cannot be rebuilt (a duplicate slipped in) fails the whole load.
 * PostgreSQL keeps its indexes: dropping one there would lock readers out for the whole load.
 */
const REBUILD_INDEXES_FROM = 20_000;

function dropSecondaryIndexes(sqlite: NonNullable<DbHandle['sqlite']>, table: string): string[] {
  const indexes = sqlite
    .prepare("select name, sql from sqlite_master where type = 'index' and tbl_name = ? and sql is not null")
    .all(table) as { name: string; sql: string }[];
  for (const i of indexes) sqlite.exec(`drop index "${i.name}"`);
  return indexes.map((i) => i.sql);
}
