import { updateByIds } from '../../../platform/db/bulk.js';
import { chunksOf, fetchInChunks, type DbHandle, type DbOrTx } from '../../../platform/db/index.js';
import type { CollectionCodeRow, RoundPersonRow, SampleRow, TubeRow, UnregisteredRow } from '../tables.js';

export async function findTubeByBarcode(db: DbOrTx, barcode: string): Promise<TubeRow | undefined> {
  return db.selectFrom('testing_tubes').selectAll().where('barcode', '=', barcode).executeTakeFirst();
}

/** Tubes by barcode; on PostgreSQL the rows stay locked to the transaction, so nodes fill a tube in turn. */
export async function tubesByBarcodes(db: DbOrTx, barcodes: string[], lock: boolean): Promise<TubeRow[]> {
  return fetchInChunks(barcodes, (chunk) => {
    // Locked in barcode order: groups written side by side never wait on each other in a circle.
    const q = db.selectFrom('testing_tubes').selectAll().where('barcode', 'in', chunk).orderBy('barcode');
    return (lock ? q.forUpdate() : q).execute();
  });
}

export async function tubesByIds(db: DbOrTx, ids: string[]): Promise<TubeRow[]> {
  return fetchInChunks(ids, (chunk) => db.selectFrom('testing_tubes').selectAll().where('id', 'in', chunk).execute());
}

export async function openTubesAt(db: DbOrTx, siteIds: string[]): Promise<TubeRow[]> {
  if (siteIds.length === 0) return [];
  return db.selectFrom('testing_tubes').selectAll().where('site_id', 'in', siteIds).where('status', '=', 'open')
    .orderBy('opened_at', 'desc').limit(200).execute();
}

export async function insertTubes(db: DbOrTx, rows: TubeRow[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('testing_tubes').values(rows).execute();
}

/** New tubes, unless a tube with the barcode is there already (made meanwhile by another group). */
export async function insertTubesIfAbsent(db: DbOrTx, rows: TubeRow[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('testing_tubes').values(rows).onConflict((oc) => oc.column('barcode').doNothing()).execute();
}

export async function updateTube(db: DbOrTx, id: string, patch: Partial<TubeRow>): Promise<void> {
  await db.updateTable('testing_tubes').set(patch).where('id', '=', id).execute();
}

/** The fill and seal of every tube a group of scans touched, in one statement on PostgreSQL (not a round trip per tube). */
export async function updateTubeFills(handle: DbHandle, db: DbOrTx, tubes: TubeRow[]): Promise<void> {
  await updateByIds(handle, db, 'testing_tubes', tubes.map((t) => ({ id: t.id, member_count: t.member_count, status: t.status,
    sealed_at: t.sealed_at, sealed_by: t.sealed_by })), { columns: ['member_count', 'status', 'sealed_at', 'sealed_by'], fixed: {}, guard: 'true' });
}

export async function samplesByIds(db: DbOrTx, ids: string[]): Promise<SampleRow[]> {
  return fetchInChunks(ids, (chunk) => db.selectFrom('testing_samples').selectAll().where('id', 'in', chunk).execute());
}

export async function samplesInTubes(db: DbOrTx, tubeIds: string[]): Promise<SampleRow[]> {
  return fetchInChunks(tubeIds, (chunk) => db.selectFrom('testing_samples').selectAll().where('tube_id', 'in', chunk)
    .orderBy('tube_id').orderBy('seq').execute());
}

export async function insertSamples(db: DbOrTx, rows: SampleRow[]): Promise<void> {
  for (const chunk of chunksOf(rows)) await db.insertInto('testing_samples').values(chunk).execute();
}

export async function roundPeople(db: DbOrTx, roundIds: string[], personIds: string[]): Promise<RoundPersonRow[]> {
  if (roundIds.length === 0) return [];
  return fetchInChunks(personIds, (chunk) => db.selectFrom('testing_round_people').selectAll()
    .where('round_id', 'in', roundIds).where('person_id', 'in', chunk).execute());
}

/**
 * Records who was tested in a round; returns the rows that were new (a person's first sample in the
 * round), which are the ones that raise the coverage counters. DO NOTHING returns only inserted rows,
 * on both engines, so two nodes racing on one person count them once.
 */
export async function recordRoundPeople(db: DbOrTx, unordered: RoundPersonRow[]): Promise<RoundPersonRow[]> {
  const rows = [...unordered].sort((a, b) => (a.person_id < b.person_id ? -1 : a.person_id > b.person_id ? 1 : 0));
  const added: RoundPersonRow[] = [];
  for (const chunk of chunksOf(rows)) {
    const inserted = await db.insertInto('testing_round_people').values(chunk)
      .onConflict((oc) => oc.columns(['round_id', 'person_id']).doNothing())
      .returning(['round_id', 'person_id'])
      .execute();
    const fresh = new Set(inserted.map((r) => `${r.round_id}|${r.person_id}`));
    added.push(...chunk.filter((r) => fresh.has(`${r.round_id}|${r.person_id}`)));
  }
  return added;
}

/** A person sampled again in a round (with a reason) keeps their first time and gets the last. */
export async function touchRoundPerson(db: DbOrTx, roundId: string, personId: string, at: string): Promise<void> {
  await db.updateTable('testing_round_people').set({ last_sampled_at: at }).where('round_id', '=', roundId)
    .where('person_id', '=', personId).execute();
}

export async function insertUnregistered(db: DbOrTx, rows: UnregisteredRow[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('testing_unregistered').values(rows).execute();
}

export async function unregisteredByIds(db: DbOrTx, ids: string[]): Promise<UnregisteredRow[]> {
  return fetchInChunks(ids, (chunk) => db.selectFrom('testing_unregistered').selectAll().where('id', 'in', chunk).execute());
}

export async function collectionCodes(db: DbOrTx, codes: string[]): Promise<CollectionCodeRow[]> {
  return fetchInChunks(codes, (chunk) => db.selectFrom('testing_collection_codes').selectAll().where('code', 'in', chunk).execute());
}
