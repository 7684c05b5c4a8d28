import { underAnyPath, type DbOrTx } from '../../../platform/db/index.js';
import type { BagRow, TubeRow } from '../tables.js';

export type TubeForBag = Pick<TubeRow, 'id' | 'barcode' | 'round_id' | 'site_id' | 'capacity' | 'member_count' | 'status' | 'bag_id'>;

const TUBE_COLUMNS = ['id', 'barcode', 'round_id', 'site_id', 'capacity', 'member_count', 'status', 'bag_id'] as const;

export async function tubesByBarcodes(db: DbOrTx, barcodes: string[]): Promise<TubeForBag[]> {
  if (barcodes.length === 0) return [];
  return db.selectFrom('testing_tubes').select([...TUBE_COLUMNS]).where('barcode', 'in', barcodes).execute();
}

export async function tubesOfBag(db: DbOrTx, bagId: string): Promise<TubeForBag[]> {
  return db.selectFrom('testing_tubes').select([...TUBE_COLUMNS]).where('bag_id', '=', bagId).orderBy('barcode').execute();
}

export async function insertBag(db: DbOrTx, row: BagRow): Promise<void> {
  await db.insertInto('testing_bags').values(row).execute();
}

export async function findBag(db: DbOrTx, id: string): Promise<BagRow | undefined> {
  return db.selectFrom('testing_bags').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findBagByBarcode(db: DbOrTx, barcode: string): Promise<BagRow | undefined> {
  return db.selectFrom('testing_bags').selectAll().where('barcode', '=', barcode).executeTakeFirst();
}

export async function updateBag(db: DbOrTx, id: string, patch: Partial<BagRow>): Promise<void> {
  await db.updateTable('testing_bags').set(patch).where('id', '=', id).execute();
}

/** Puts sealed tubes in a bag; returns how many moved (fewer means one changed meanwhile). */
export async function bagTubes(db: DbOrTx, tubeIds: string[], bagId: string): Promise<number> {
  const r = await db.updateTable('testing_tubes').set({ bag_id: bagId, status: 'bagged' })
    .where('id', 'in', tubeIds).where('status', '=', 'sealed').where('bag_id', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Moves the bag's tubes that have not gone further (a result may already be in for some). */
export async function moveBagTubes(
  db: DbOrTx,
  bagId: string,
  from: TubeRow['status'],
  to: TubeRow['status'],
  labId?: string,
): Promise<void> {
  await db.updateTable('testing_tubes').set({ status: to, ...(labId ? { lab_id: labId } : {}) })
    .where('bag_id', '=', bagId).where('status', '=', from).execute();
}

export interface BagFilter {
  paths?: string[];
  siteIds?: string[];
  labId?: string;
  siteId?: string;
  status?: BagRow['status'];
  barcode?: string;
}

export async function listBags(
  db: DbOrTx,
  f: BagFilter,
  page: { offset: number; limit: number },
): Promise<{ rows: (BagRow & { site_name: string })[]; total: number }> {
  if ((f.paths && f.paths.length === 0) || (f.siteIds && f.siteIds.length === 0)) return { rows: [], total: 0 };
  let q = db.selectFrom('testing_bags as b').innerJoin('testing_sites as s', 's.id', 'b.site_id');
  if (f.paths) q = q.where(underAnyPath('b.region_path', f.paths));
  if (f.siteIds) q = q.where('b.site_id', 'in', f.siteIds);
  if (f.labId) q = q.where('b.lab_id', '=', f.labId);
  if (f.siteId) q = q.where('b.site_id', '=', f.siteId);
  if (f.status) q = q.where('b.status', '=', f.status);
  if (f.barcode) q = q.where('b.barcode', '=', f.barcode);
  const [rows, count] = await Promise.all([
    q.selectAll('b').select('s.name as site_name').orderBy('b.packed_at', 'desc').orderBy('b.id', 'desc')
      .offset(page.offset).limit(page.limit).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
