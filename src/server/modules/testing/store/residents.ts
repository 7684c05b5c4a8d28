import type { DbOrTx } from '../../../platform/db/index.js';
import type { CollectionCodeRow } from '../tables.js';

export async function collectionCodeOf(db: DbOrTx, personId: string): Promise<CollectionCodeRow | undefined> {
  return db.selectFrom('testing_collection_codes').selectAll().where('person_id', '=', personId).executeTakeFirst();
}

/** Stores a new code unless the person already has one (two first requests racing keep the first). */
export async function insertCollectionCode(db: DbOrTx, row: CollectionCodeRow): Promise<void> {
  await db.insertInto('testing_collection_codes').values(row)
    .onConflict((oc) => oc.column('person_id').doNothing()).execute();
}

/** A person's latest swabs with what their tubes showed, newest first. */
export async function latestSamplesOf(db: DbOrTx, personId: string, limit: number): Promise<{
  sampled_at: string;
  result: 'negative' | 'positive' | 'invalid' | null;
  capacity: number;
  site_name: string;
}[]> {
  return db.selectFrom('testing_samples as s')
    .innerJoin('testing_tubes as t', 't.id', 's.tube_id')
    .innerJoin('testing_sites as site', 'site.id', 's.site_id')
    .select(['s.sampled_at', 't.result', 't.capacity', 'site.name as site_name'])
    .where('s.subject_id', '=', personId).where('s.subject_kind', '=', 'person')
    .orderBy('s.sampled_at', 'desc').limit(limit).execute();
}
