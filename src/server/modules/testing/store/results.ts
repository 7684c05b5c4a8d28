import { bulkInsert, rowsByKeys, updateByIds } from '../../../platform/db/bulk.js';
import { chunksOf, type DbHandle, type DbOrTx } from '../../../platform/db/index.js';
import type { LabTokenRow, ResultRow, SampleRow, TubeRow } from '../tables.js';


export type TubeForResult = Pick<TubeRow, 'id' | 'barcode' | 'round_id' | 'site_id' | 'region_path' | 'capacity' | 'status'
  | 'lab_id' | 'result' | 'result_at' | 'purpose'>;

const TUBE_COLUMNS = ['id', 'barcode', 'round_id', 'site_id', 'region_path', 'capacity', 'status', 'lab_id', 'result', 'result_at',
  'purpose'] as const;

/** The tubes with these barcodes, through the unique barcode index: a whole results file is checked this way. */
export async function tubesByBarcodes(handle: DbHandle, db: DbOrTx, barcodes: string[]): Promise<Map<string, TubeForResult>> {
  const rows = await rowsByKeys(handle, db, 'testing_tubes', 'barcode', TUBE_COLUMNS, barcodes);
  return new Map(rows.map((r) => [r.barcode, r]));
}

export async function tubeByBarcode(db: DbOrTx, barcode: string): Promise<TubeForResult | undefined> {
  return db.selectFrom('testing_tubes').select([...TUBE_COLUMNS]).where('barcode', '=', barcode).executeTakeFirst();
}

export async function tubesByIds(db: DbOrTx, ids: string[]): Promise<TubeForResult[]> {
  const out: TubeForResult[] = [];
  for (const part of chunksOf([...new Set(ids)])) {
    out.push(...await db.selectFrom('testing_tubes')
      .select(['id', 'barcode', 'round_id', 'site_id', 'region_path', 'capacity', 'status', 'lab_id', 'result', 'result_at', 'purpose'])
      .where('id', 'in', part).execute());
  }
  return out;
}

export async function insertResults(handle: DbHandle, db: DbOrTx, rows: ResultRow[]): Promise<void> {
  await bulkInsert(handle, db, 'testing_results', rows);
}

/**
 * Sets the result in force on many tubes. Only tubes still without a result (and sealed) are touched;
 * the count changed is returned, so the caller can tell that a concurrent batch got there first.
 */
export async function setTubeResults(
  handle: DbHandle,
  db: DbOrTx,
  rows: { id: string; result: TubeRow['result']; at: string }[],
  labId: string,
): Promise<number> {
  return updateByIds(handle, db, 'testing_tubes', rows.map((r) => ({ id: r.id, result: r.result, result_at: r.at })),
    { columns: ['result', 'result_at'], fixed: { status: 'resulted', lab_id: labId }, guard: "result is null and status <> 'open'" });
}

/** A corrected result replaces the one in force on the tube. */
export async function replaceTubeResult(db: DbOrTx, id: string, result: TubeRow['result'], at: string): Promise<void> {
  await db.updateTable('testing_tubes').set({ result, result_at: at, status: 'resulted' }).where('id', '=', id).execute();
}

/** The swabs in these tubes: who was in each. */
export async function samplesOfTubes(db: DbOrTx, tubeIds: string[]): Promise<Pick<SampleRow, 'tube_id' | 'subject_kind' | 'subject_id' | 'region_path' | 'seq'>[]> {
  const out: Pick<SampleRow, 'tube_id' | 'subject_kind' | 'subject_id' | 'region_path' | 'seq'>[] = [];
  for (const part of chunksOf([...new Set(tubeIds)])) {
    out.push(...await db.selectFrom('testing_samples').select(['tube_id', 'subject_kind', 'subject_id', 'region_path', 'seq'])
      .where('tube_id', 'in', part).orderBy('tube_id').orderBy('seq').execute());
  }
  return out;
}

/** The results of a tube still in force (not superseded by a correction). */
export async function currentResults(db: DbOrTx, tubeId: string): Promise<ResultRow[]> {
  return db.selectFrom('testing_results').selectAll().where('tube_id', '=', tubeId).where('superseded_at', 'is', null)
    .orderBy('recorded_at').execute();
}

export async function resultHistory(db: DbOrTx, tubeId: string): Promise<ResultRow[]> {
  return db.selectFrom('testing_results').selectAll().where('tube_id', '=', tubeId).orderBy('recorded_at').orderBy('id').execute();
}

export async function supersedeResults(db: DbOrTx, tubeId: string, at: string): Promise<void> {
  await db.updateTable('testing_results').set({ superseded_at: at }).where('tube_id', '=', tubeId).where('superseded_at', 'is', null)
    .execute();
}

export async function insertLabToken(db: DbOrTx, row: LabTokenRow): Promise<void> {
  await db.insertInto('testing_lab_tokens').values(row).execute();
}

export async function labTokenByHash(db: DbOrTx, hash: string): Promise<LabTokenRow | undefined> {
  return db.selectFrom('testing_lab_tokens').selectAll().where('token_hash', '=', hash).executeTakeFirst();
}

export async function findLabToken(db: DbOrTx, id: string): Promise<LabTokenRow | undefined> {
  return db.selectFrom('testing_lab_tokens').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listLabTokens(db: DbOrTx, labId?: string): Promise<LabTokenRow[]> {
  let q = db.selectFrom('testing_lab_tokens').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc');
  if (labId) q = q.where('lab_id', '=', labId);
  return q.execute();
}

export async function revokeLabToken(db: DbOrTx, id: string, at: string): Promise<void> {
  await db.updateTable('testing_lab_tokens').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).execute();
}
