import { fetchInChunks, forUpdate, underAnyPath, type DbOrTx } from '../../../platform/db/index.js';
import type { IsolationRoomRow, IsolationSiteRow, PlacementRow } from '../tables.js';

export async function insertSite(db: DbOrTx, row: IsolationSiteRow): Promise<void> {
  await db.insertInto('isolation_sites').values(row).execute();
}

export async function updateSite(db: DbOrTx, id: string, patch: Partial<IsolationSiteRow>): Promise<void> {
  await db.updateTable('isolation_sites').set(patch).where('id', '=', id).execute();
}

export async function findSite(db: DbOrTx, id: string): Promise<IsolationSiteRow | undefined> {
  return db.selectFrom('isolation_sites').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * The site row, locked to the transaction on PostgreSQL so that placements into one site take their
 * turn (two cadres cannot both take its last bed). SQLite runs one write transaction at a time anyway.
 */
export async function lockSite(db: DbOrTx, id: string): Promise<IsolationSiteRow | undefined> {
  return forUpdate(db, db.selectFrom('isolation_sites').selectAll().where('id', '=', id)).executeTakeFirst();
}

export async function sitesUnder(db: DbOrTx, paths: string[]): Promise<IsolationSiteRow[]> {
  if (paths.length === 0) return [];
  return db.selectFrom('isolation_sites').selectAll().where(underAnyPath('region_path', paths))
    .orderBy('region_path').orderBy('name').limit(2000).execute();
}

export async function sitesByIds(db: DbOrTx, ids: string[]): Promise<IsolationSiteRow[]> {
  return fetchInChunks([...new Set(ids)], (chunk) => db.selectFrom('isolation_sites').selectAll().where('id', 'in', chunk).execute());
}

export async function insertRooms(db: DbOrTx, rows: IsolationRoomRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) await db.insertInto('isolation_rooms').values(rows.slice(i, i + 200)).execute();
}

export async function roomsOf(db: DbOrTx, siteIds: string[]): Promise<IsolationRoomRow[]> {
  return fetchInChunks([...new Set(siteIds)], (chunk) => db.selectFrom('isolation_rooms').selectAll().where('site_id', 'in', chunk)
    .orderBy('site_id').orderBy('label').execute());
}

export async function findRoom(db: DbOrTx, id: string): Promise<IsolationRoomRow | undefined> {
  return db.selectFrom('isolation_rooms').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateRoom(db: DbOrTx, id: string, patch: Partial<IsolationRoomRow>): Promise<void> {
  await db.updateTable('isolation_rooms').set(patch).where('id', '=', id).execute();
}

/** Beds of the open rooms of each site. */
export async function capacityOf(db: DbOrTx, siteIds: string[]): Promise<Map<string, number>> {
  const rows = await fetchInChunks([...new Set(siteIds)], (chunk) => db.selectFrom('isolation_rooms')
    .select(['site_id', (eb) => eb.fn.sum<number>('beds').as('beds')]).where('site_id', 'in', chunk).where('status', '=', 'active')
    .groupBy('site_id').execute());
  return new Map(rows.map((r) => [r.site_id, Number(r.beds)]));
}

export async function insertPlacement(db: DbOrTx, row: PlacementRow): Promise<void> {
  await db.insertInto('isolation_placements').values(row).execute();
}

export async function updatePlacement(db: DbOrTx, id: string, patch: Partial<PlacementRow>): Promise<void> {
  await db.updateTable('isolation_placements').set(patch).where('id', '=', id).execute();
}

export async function findPlacement(db: DbOrTx, id: string): Promise<PlacementRow | undefined> {
  return db.selectFrom('isolation_placements').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The people now placed in these sites, with their expected release dates. */
export async function activeStaysIn(db: DbOrTx, siteIds: string[]): Promise<Pick<PlacementRow, 'id' | 'site_id' | 'room_id' | 'expected_release_on' | 'region_path'>[]> {
  return fetchInChunks([...new Set(siteIds)], (chunk) => db.selectFrom('isolation_placements')
    .select(['id', 'site_id', 'room_id', 'expected_release_on', 'region_path'])
    .where('site_id', 'in', chunk).where('status', '=', 'active').execute());
}

export async function countActive(db: DbOrTx, where: { siteId: string } | { roomId: string }): Promise<number> {
  const q = db.selectFrom('isolation_placements').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'active');
  const row = await ('siteId' in where ? q.where('site_id', '=', where.siteId) : q.where('room_id', '=', where.roomId)).executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function activePlacementOf(db: DbOrTx, personId: string): Promise<PlacementRow | undefined> {
  return db.selectFrom('isolation_placements').selectAll().where('person_id', '=', personId).where('status', '=', 'active')
    .executeTakeFirst();
}

export async function placementsOfEpisodes(db: DbOrTx, episodeIds: string[]): Promise<PlacementRow[]> {
  return fetchInChunks([...new Set(episodeIds)], (chunk) => db.selectFrom('isolation_placements').selectAll()
    .where('episode_id', 'in', chunk).orderBy('placed_at').execute());
}

export interface PlacementFilter {
  siteId?: string;
  paths: string[];
  status?: 'active' | 'ended';
  personId?: string;
}

export async function listPlacements(db: DbOrTx, f: PlacementFilter, page: { offset: number; limit: number }): Promise<{ rows: PlacementRow[]; total: number }> {
  if (f.paths.length === 0) return { rows: [], total: 0 };
  let q = db.selectFrom('isolation_placements').where(underAnyPath('region_path', f.paths));
  if (f.siteId) q = q.where('site_id', '=', f.siteId);
  if (f.personId) q = q.where('person_id', '=', f.personId);
  if (f.status === 'active') q = q.where('status', '=', 'active');
  if (f.status === 'ended') q = q.where('status', '!=', 'active');
  const [rows, total] = await Promise.all([
    q.selectAll().orderBy('placed_at', 'desc').orderBy('id', 'desc').offset(page.offset).limit(page.limit).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
  ]);
  return { rows, total: Number(total?.n ?? 0) };
}

/** A person's stays in order, a transfer chain included. */
export async function placementsOfPerson(db: DbOrTx, personId: string): Promise<PlacementRow[]> {
  return db.selectFrom('isolation_placements').selectAll().where('person_id', '=', personId).orderBy('placed_at').execute();
}
