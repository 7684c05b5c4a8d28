import { sql } from 'kysely';
import { underAnyPath, type DbOrTx } from '../../../platform/db/index.js';
import { nowIso } from '../../../platform/ids.js';
import type { CoverageRow, FollowupRow, UnregisteredRow } from '../tables.js';

/** The counter rows of a round's leaves under the paths: a few thousand rows for a whole district. */
export async function leafCounters(
  db: DbOrTx,
  roundId: string,
  paths: string[],
): Promise<Pick<CoverageRow, 'region_code' | 'region_path' | 'residents' | 'exempt' | 'tested' | 'unregistered' | 'updated_at'>[]> {
  if (paths.length === 0) return [];
  return db.selectFrom('testing_coverage')
    .select(['region_code', 'region_path', 'residents', 'exempt', 'tested', 'unregistered', 'updated_at'])
    .where('round_id', '=', roundId).where(underAnyPath('region_path', paths)).execute();
}

/**
 * The leaves' counters summed per child of a region (`prefixLength` = the length of the child paths), in
 * the database so that a district's 17 townships come back as 17 rows. The clamping is the one of
 * rules/coverage.ts addLeaf (a negative counter counts as 0, exempt at most residents, missing per leaf),
 * and the tests compare the two.
 */
export async function sumsByChild(db: DbOrTx, roundId: string, paths: string[], prefixLength: number): Promise<{
  child: string; residents: number; exempt: number; tested: number; unregistered: number; missing: number; leaves: number;
  updatedAt: string | null;
}[]> {
  if (paths.length === 0) return [];
  const child = sql<string>`substr(region_path, 1, ${sql.lit(prefixLength)})`;
  const residents = sql`(case when residents > 0 then residents else 0 end)`;
  const exempt = sql`(case when exempt <= 0 then 0 when exempt > residents then ${residents} else exempt end)`;
  const tested = sql`(case when tested > 0 then tested else 0 end)`;
  const rows = await db.selectFrom('testing_coverage')
    .select([
      child.as('child'),
      sql<number>`sum(${residents})`.as('residents'),
      sql<number>`sum(${exempt})`.as('exempt'),
      sql<number>`sum(${tested})`.as('tested'),
      sql<number>`sum(case when unregistered > 0 then unregistered else 0 end)`.as('unregistered'),
      sql<number>`sum(case when ${residents} - ${exempt} - ${tested} > 0 then ${residents} - ${exempt} - ${tested} else 0 end)`.as('missing'),
      sql<number>`count(*)`.as('leaves'),
      sql<string | null>`max(updated_at)`.as('updated_at'),
    ])
    .where('round_id', '=', roundId).where(underAnyPath('region_path', paths)).groupBy(child).execute();
  return rows.map((r) => ({ child: r.child, residents: Number(r.residents), exempt: Number(r.exempt), tested: Number(r.tested),
    unregistered: Number(r.unregistered), missing: Number(r.missing), leaves: Number(r.leaves), updatedAt: r.updated_at }));
}

/** Every counter row of a round (reconciliation). */
export async function allCounters(db: DbOrTx, roundId: string): Promise<CoverageRow[]> {
  return db.selectFrom('testing_coverage').selectAll().where('round_id', '=', roundId).execute();
}

/** Sets counters to the values given (reconciliation found them wrong); rows absent are created. */
export async function setCounters(
  db: DbOrTx,
  roundId: string,
  rows: { regionCode: string; regionPath: string; residents: number; exempt: number; tested: number; unregistered: number }[],
): Promise<void> {
  const at = nowIso();
  for (const r of rows) {
    await db.insertInto('testing_coverage')
      .values({ round_id: roundId, region_code: r.regionCode, region_path: r.regionPath, residents: r.residents,
        exempt: r.exempt, tested: r.tested, unregistered: r.unregistered, updated_at: at })
      .onConflict((oc) => oc.columns(['round_id', 'region_code']).doUpdateSet({
        residents: r.residents, exempt: r.exempt, tested: r.tested, unregistered: r.unregistered, updated_at: at,
      }))
      .execute();
  }
}

/** People tested in a round per leaf region (reconciliation's source of truth for `tested`). */
export async function testedByLeaf(db: DbOrTx, roundId: string): Promise<{ code: string; path: string; n: number }[]> {
  const rows = await db.selectFrom('testing_round_people')
    .select(['region_path', (eb) => eb.fn.countAll<number>().as('n')])
    .where('round_id', '=', roundId).groupBy('region_path').execute();
  return rows.map((r) => ({ code: r.region_path.slice(r.region_path.lastIndexOf('/') + 1), path: r.region_path, n: Number(r.n) }));
}

/** Unregistered people sampled in a round per region (whatever became of them since). */
export async function unregisteredByLeaf(db: DbOrTx, roundId: string): Promise<{ code: string; path: string; n: number }[]> {
  const rows = await db.selectFrom('testing_unregistered')
    .select(['region_code', 'region_path', (eb) => eb.fn.countAll<number>().as('n')])
    .where('round_id', '=', roundId).groupBy(['region_code', 'region_path']).execute();
  return rows.map((r) => ({ code: r.region_code, path: r.region_path, n: Number(r.n) }));
}

/** Person ids tested in a round under the paths (for the missing lists). */
export async function testedPeopleUnder(db: DbOrTx, roundId: string, paths: string[]): Promise<Set<string>> {
  if (paths.length === 0) return new Set();
  const rows = await db.selectFrom('testing_round_people').select('person_id').where('round_id', '=', roundId)
    .where(underAnyPath('region_path', paths)).execute();
  return new Set(rows.map((r) => r.person_id));
}

/** Which of these people were tested in a round. */
export async function testedAmong(db: DbOrTx, roundId: string, personIds: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < personIds.length; i += 500) {
    const rows = await db.selectFrom('testing_round_people').select('person_id').where('round_id', '=', roundId)
      .where('person_id', 'in', personIds.slice(i, i + 500)).execute();
    for (const r of rows) out.add(r.person_id);
  }
  return out;
}

export async function isTested(db: DbOrTx, roundId: string, personId: string): Promise<boolean> {
  const row = await db.selectFrom('testing_round_people').select('person_id').where('round_id', '=', roundId)
    .where('person_id', '=', personId).executeTakeFirst();
  return row !== undefined;
}

export async function insertFollowup(db: DbOrTx, row: FollowupRow): Promise<void> {
  await db.insertInto('testing_followups').values(row).execute();
}

/** The latest follow-up of each of the people in a round. */
export async function latestFollowups(db: DbOrTx, roundId: string, personIds: string[]): Promise<Map<string, FollowupRow>> {
  const latest = new Map<string, FollowupRow>();
  for (let i = 0; i < personIds.length; i += 500) {
    const rows = await db.selectFrom('testing_followups').selectAll().where('round_id', '=', roundId)
      .where('person_id', 'in', personIds.slice(i, i + 500)).orderBy('recorded_at').orderBy('id').execute();
    for (const r of rows) latest.set(r.person_id, r);
  }
  return latest;
}

export async function pageOfUnregistered(
  db: DbOrTx,
  f: { roundId: string; paths: string[]; status: UnregisteredRow['status'] },
  page: { offset: number; limit: number },
): Promise<{ rows: UnregisteredRow[]; total: number }> {
  if (f.paths.length === 0) return { rows: [], total: 0 };
  const q = db.selectFrom('testing_unregistered').where('round_id', '=', f.roundId).where('status', '=', f.status)
    .where(underAnyPath('region_path', f.paths));
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy('region_path').orderBy('sampled_at').orderBy('id').offset(page.offset).limit(page.limit).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function findUnregistered(db: DbOrTx, id: string): Promise<UnregisteredRow | undefined> {
  return db.selectFrom('testing_unregistered').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function resolveUnregistered(db: DbOrTx, id: string, status: 'registered' | 'dismissed', personId: string | null): Promise<void> {
  await db.updateTable('testing_unregistered').set({ status, person_id: personId }).where('id', '=', id)
    .where('status', '=', 'open').execute();
}

/** Sums the counters row count (for a quick "is anything kept" check in tests and the bench). */
export async function counterTotals(db: DbOrTx, roundId: string): Promise<{ residents: number; exempt: number; tested: number }> {
  const row = await db.selectFrom('testing_coverage')
    .select([sql<number>`coalesce(sum(residents), 0)`.as('residents'), sql<number>`coalesce(sum(exempt), 0)`.as('exempt'),
      sql<number>`coalesce(sum(tested), 0)`.as('tested')])
    .where('round_id', '=', roundId).executeTakeFirstOrThrow();
  return { residents: Number(row.residents), exempt: Number(row.exempt), tested: Number(row.tested) };
}
