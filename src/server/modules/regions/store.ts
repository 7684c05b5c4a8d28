import { sql } from 'kysely';
import { underAnyPath, type DbOrTx } from '../../platform/db/index.js';
import type { RegionRow } from './tables.js';

export async function findRegion(db: DbOrTx, code: string): Promise<RegionRow | undefined> {
  return db.selectFrom('regions').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function findRegions(db: DbOrTx, codes: string[]): Promise<RegionRow[]> {
  if (codes.length === 0) return [];
  return db.selectFrom('regions').selectAll().where('code', 'in', codes).execute();
}

export async function childrenOf(db: DbOrTx, code: string): Promise<RegionRow[]> {
  return db.selectFrom('regions').selectAll().where('parent_code', '=', code).orderBy('code').execute();
}

/** Every region under the given paths (inclusive) at the given levels: the resolver's working set. */
export async function regionsUnder(db: DbOrTx, paths: string[], levels: RegionRow['level'][]): Promise<RegionRow[]> {
  if (paths.length === 0) return [];
  return db
    .selectFrom('regions')
    .selectAll()
    .where('level', 'in', levels)
    .where(underAnyPath('path', paths))
    .orderBy('code')
    .execute();
}

export async function insertRegions(db: DbOrTx, rows: RegionRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db.insertInto('regions').values(rows.slice(i, i + 500)).execute();
  }
}

/**
 * Adds to the household and resident counts of a region and all its ancestors, which are exactly
 * the regions whose path is a prefix of its path.
 */
export async function addToCounts(db: DbOrTx, path: string, households: number, residents: number): Promise<void> {
  const ancestors = path.split('/').map((_, i, parts) => parts.slice(0, i + 1).join('/'));
  await db
    .updateTable('regions')
    .set({
      household_count: sql`household_count + ${households}`,
      resident_count: sql`resident_count + ${residents}`,
    })
    .where('path', 'in', ancestors)
    .execute();
}

/** Sets every region's counts from the per-leaf figures given (after a bulk load). */
export async function setCountsFromLeaves(
  db: DbOrTx,
  leaves: { code: string; households: number; residents: number }[],
): Promise<void> {
  const totals = new Map<string, { households: number; residents: number }>();
  const all = await db.selectFrom('regions').select(['code', 'path']).execute();
  const pathOf = new Map(all.map((r) => [r.code, r.path]));
  for (const leaf of leaves) {
    const path = pathOf.get(leaf.code);
    if (!path) continue;
    for (const code of path.split('/')) {
      const t = totals.get(code) ?? { households: 0, residents: 0 };
      t.households += leaf.households;
      t.residents += leaf.residents;
      totals.set(code, t);
    }
  }
  await db.updateTable('regions').set({ household_count: 0, resident_count: 0 }).execute();
  for (const [code, t] of totals) {
    await db
      .updateTable('regions')
      .set({ household_count: t.households, resident_count: t.residents })
      .where('code', '=', code)
      .execute();
  }
}

/** Codes of every grid and building: the places residents live. */
export async function leafCodes(db: DbOrTx): Promise<Set<string>> {
  const rows = await db.selectFrom('regions').select('code').where('level', 'in', ['grid', 'building']).execute();
  return new Set(rows.map((r) => r.code));
}

export async function regionNames(db: DbOrTx, codes: string[]): Promise<Map<string, string>> {
  return new Map((await findRegions(db, codes)).map((r) => [r.code, r.name]));
}

export async function districtRoots(db: DbOrTx): Promise<RegionRow[]> {
  return db.selectFrom('regions').selectAll().where('parent_code', 'is', null).execute();
}
