import { fetchInChunks, underAnyPath, type DbOrTx } from '../../../platform/db/index.js';
import type { ProposalStatus, ZoneHistoryRow, ZoneProposalRow, ZoneRegionRow, ZoneRow } from '../tables.js';

export async function insertZone(db: DbOrTx, row: ZoneRow, regions: ZoneRegionRow[]): Promise<void> {
  await db.insertInto('isolation_zones').values(row).execute();
  for (let i = 0; i < regions.length; i += 200) await db.insertInto('isolation_zone_regions').values(regions.slice(i, i + 200)).execute();
}

export async function updateZone(db: DbOrTx, id: string, patch: Partial<ZoneRow>): Promise<void> {
  await db.updateTable('isolation_zones').set(patch).where('id', '=', id).execute();
}

export async function findZone(db: DbOrTx, id: string): Promise<ZoneRow | undefined> {
  return db.selectFrom('isolation_zones').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function zonesByIds(db: DbOrTx, ids: string[]): Promise<ZoneRow[]> {
  return fetchInChunks([...new Set(ids)], (chunk) => db.selectFrom('isolation_zones').selectAll().where('id', 'in', chunk).execute());
}

/** Zones drawn at or under these paths (a township cadre's zones), or every zone for a district scope. */
export async function zonesUnder(db: DbOrTx, paths: string[], status?: ZoneRow['status']): Promise<ZoneRow[]> {
  if (paths.length === 0) return [];
  let q = db.selectFrom('isolation_zones').selectAll().where(underAnyPath('region_path', paths));
  if (status) q = q.where('status', '=', status);
  return q.orderBy('designated_at', 'desc').limit(2000).execute();
}

export async function activeZones(db: DbOrTx): Promise<ZoneRow[]> {
  return db.selectFrom('isolation_zones').selectAll().where('status', '=', 'active').orderBy('designated_at').execute();
}

export async function regionsOfZones(db: DbOrTx, zoneIds: string[]): Promise<ZoneRegionRow[]> {
  return fetchInChunks([...new Set(zoneIds)], (chunk) => db.selectFrom('isolation_zone_regions').selectAll()
    .where('zone_id', 'in', chunk).orderBy('region_code').execute());
}

/** The path itself and each of its ancestors: the zone regions that would contain it. */
function selfAndAncestors(regionPath: string): string[] {
  const parts = regionPath.split('/');
  return parts.map((_, i) => parts.slice(0, i + 1).join('/'));
}

/** Zones (any status) one of whose regions contains the path. */
export async function zoneIdsContaining(db: DbOrTx, regionPath: string): Promise<string[]> {
  const rows = await db.selectFrom('isolation_zone_regions').select('zone_id').distinct()
    .where('region_path', 'in', selfAndAncestors(regionPath)).execute();
  return rows.map((r) => r.zone_id);
}

export async function insertHistory(db: DbOrTx, rows: ZoneHistoryRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) await db.insertInto('isolation_zone_history').values(rows.slice(i, i + 200)).execute();
}

export async function historyOf(db: DbOrTx, zoneIds: string[]): Promise<ZoneHistoryRow[]> {
  return fetchInChunks([...new Set(zoneIds)], (chunk) => db.selectFrom('isolation_zone_history').selectAll()
    .where('zone_id', 'in', chunk).orderBy('effective_at').orderBy('recorded_at').execute());
}

/** Zones of a district (first path segment) that had a level-changing record on or before a date. */
export async function zoneIdsOfDistrictSince(db: DbOrTx, districtPath: string, onOrBefore: string): Promise<string[]> {
  const rows = await db.selectFrom('isolation_zone_history').select('zone_id').distinct()
    .where(underAnyPath('region_path', [districtPath])).where('effective_on', '<=', onOrBefore).execute();
  return rows.map((r) => r.zone_id);
}

export async function insertProposal(db: DbOrTx, row: ZoneProposalRow): Promise<void> {
  await db.insertInto('isolation_zone_proposals').values(row).execute();
}

export async function updateProposal(db: DbOrTx, id: string, patch: Partial<ZoneProposalRow>): Promise<void> {
  await db.updateTable('isolation_zone_proposals').set(patch).where('id', '=', id).execute();
}

export async function findProposal(db: DbOrTx, id: string): Promise<ZoneProposalRow | undefined> {
  return db.selectFrom('isolation_zone_proposals').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function proposalsOf(db: DbOrTx, zoneIds: string[], status?: ProposalStatus): Promise<ZoneProposalRow[]> {
  return fetchInChunks([...new Set(zoneIds)], (chunk) => {
    let q = db.selectFrom('isolation_zone_proposals').selectAll().where('zone_id', 'in', chunk);
    if (status) q = q.where('status', '=', status);
    return q.orderBy('proposed_at', 'desc').execute();
  });
}

export async function proposalsUnder(db: DbOrTx, paths: string[], status?: ProposalStatus): Promise<ZoneProposalRow[]> {
  if (paths.length === 0) return [];
  let q = db.selectFrom('isolation_zone_proposals').selectAll().where(underAnyPath('region_path', paths));
  if (status) q = q.where('status', '=', status);
  return q.orderBy('proposed_at', 'desc').limit(500).execute();
}
