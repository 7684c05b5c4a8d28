import { sql } from 'kysely';
import { underAnyPath, type DbOrTx } from '../../../platform/db/index.js';
import type { ExemptionRow } from '../tables.js';

export async function findExemption(db: DbOrTx, id: string): Promise<ExemptionRow | undefined> {
  return db.selectFrom('testing_exemptions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function exemptionOf(db: DbOrTx, roundId: string, personId: string): Promise<ExemptionRow | undefined> {
  return db.selectFrom('testing_exemptions').selectAll().where('round_id', '=', roundId).where('person_id', '=', personId)
    .executeTakeFirst();
}

export async function insertExemption(db: DbOrTx, row: ExemptionRow): Promise<void> {
  await db.insertInto('testing_exemptions').values(row).execute();
}

export async function deleteExemption(db: DbOrTx, id: string): Promise<void> {
  await db.deleteFrom('testing_exemptions').where('id', '=', id).execute();
}

export async function pageOfExemptions(
  db: DbOrTx,
  f: { roundId: string; paths: string[]; reason?: string },
  page: { offset: number; limit: number },
): Promise<{ rows: ExemptionRow[]; total: number }> {
  if (f.paths.length === 0) return { rows: [], total: 0 };
  let q = db.selectFrom('testing_exemptions').where('round_id', '=', f.roundId).where(underAnyPath('region_path', f.paths));
  if (f.reason) q = q.where('reason', '=', f.reason);
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy('region_path').orderBy('id').offset(page.offset).limit(page.limit).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Which of these people are exempt from a round (for the missing lists). */
export async function exemptAmong(db: DbOrTx, roundId: string, personIds: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < personIds.length; i += 500) {
    const rows = await db.selectFrom('testing_exemptions').select('person_id').where('round_id', '=', roundId)
      .where('person_id', 'in', personIds.slice(i, i + 500)).execute();
    for (const r of rows) out.add(r.person_id);
  }
  return out;
}

/**
 * Exemptions per reason and per child of a region: `prefixLength` is the length of the child paths
 * (region codes grow by 3 digits a level, so every child path under a parent has the same length).
 */
export async function exemptionsByChildAndReason(
  db: DbOrTx,
  roundId: string,
  paths: string[],
  prefixLength: number,
): Promise<{ child: string; reason: string; n: number }[]> {
  if (paths.length === 0) return [];
  const child = sql<string>`substr(region_path, 1, ${sql.lit(prefixLength)})`;
  const rows = await db.selectFrom('testing_exemptions')
    .select([child.as('child'), 'reason', (eb) => eb.fn.countAll<number>().as('n')])
    .where('round_id', '=', roundId).where(underAnyPath('region_path', paths))
    .groupBy([child, 'reason']).execute();
  return rows.map((r) => ({ child: r.child, reason: r.reason, n: Number(r.n) }));
}

/** Exemptions of a round per leaf region (reconciliation). */
export async function exemptionsByLeaf(db: DbOrTx, roundId: string): Promise<{ code: string; path: string; n: number }[]> {
  const rows = await db.selectFrom('testing_exemptions')
    .select(['region_code', 'region_path', (eb) => eb.fn.countAll<number>().as('n')])
    .where('round_id', '=', roundId).groupBy(['region_code', 'region_path']).execute();
  return rows.map((r) => ({ code: r.region_code, path: r.region_path, n: Number(r.n) }));
}
