import { underAnyPath, type DbOrTx } from '../../../platform/db/index.js';
import type { SiteRow, SiteSamplerRow } from '../tables.js';

export async function insertSite(db: DbOrTx, row: SiteRow): Promise<void> {
  await db.insertInto('testing_sites').values(row).execute();
}

export async function updateSite(db: DbOrTx, id: string, patch: Partial<SiteRow>): Promise<void> {
  await db.updateTable('testing_sites').set(patch).where('id', '=', id).execute();
}

export async function findSite(db: DbOrTx, id: string): Promise<SiteRow | undefined> {
  return db.selectFrom('testing_sites').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findSites(db: DbOrTx, ids: string[]): Promise<SiteRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('testing_sites').selectAll().where('id', 'in', ids).execute();
}

export async function sitesUnder(db: DbOrTx, paths: string[]): Promise<SiteRow[]> {
  if (paths.length === 0) return [];
  return db.selectFrom('testing_sites').selectAll().where(underAnyPath('region_path', paths))
    .orderBy('region_path').orderBy('name').limit(2000).execute();
}

export async function samplersOf(db: DbOrTx, siteIds: string[]): Promise<SiteSamplerRow[]> {
  if (siteIds.length === 0) return [];
  return db.selectFrom('testing_site_samplers').selectAll().where('site_id', 'in', siteIds).execute();
}

/** The sites each of these users is assigned to. */
export async function assignmentsOf(db: DbOrTx, userIds: string[]): Promise<SiteSamplerRow[]> {
  if (userIds.length === 0) return [];
  return db.selectFrom('testing_site_samplers').selectAll().where('user_id', 'in', userIds).execute();
}

export async function assignSampler(db: DbOrTx, row: SiteSamplerRow): Promise<void> {
  await db.insertInto('testing_site_samplers').values(row).onConflict((oc) => oc.columns(['site_id', 'user_id']).doNothing())
    .execute();
}

export async function unassignSampler(db: DbOrTx, siteId: string, userId: string): Promise<number> {
  const r = await db.deleteFrom('testing_site_samplers').where('site_id', '=', siteId).where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
