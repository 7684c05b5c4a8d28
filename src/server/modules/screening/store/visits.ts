import { underAnyPath, type DbOrTx } from '../../../platform/db/index.js';
import type { VisitRow } from '../tables.js';

export async function insertVisit(db: DbOrTx, row: VisitRow): Promise<void> {
  await db.insertInto('screening_visits').values(row).execute();
}

export async function findVisit(db: DbOrTx, id: string): Promise<VisitRow | undefined> {
  return db.selectFrom('screening_visits').selectAll().where('id', '=', id).executeTakeFirst();
}

/** What completion needs of a round's visits under some paths. */
export async function visitFacts(db: DbOrTx, roundIds: string[], paths: string[]) {
  if (roundIds.length === 0 || paths.length === 0) return [];
  return db.selectFrom('screening_visits')
    .select(['id', 'round_id', 'household_id', 'region_path', 'outcome', 'shift', 'visited_at'])
    .where('round_id', 'in', roundIds).where(underAnyPath('region_path', paths))
    .execute();
}

/** A round's visits under the paths, newest first (a grid's record of the round). */
export async function visitsUnder(db: DbOrTx, roundId: string, paths: string[], limit = 500): Promise<VisitRow[]> {
  if (paths.length === 0) return [];
  return db.selectFrom('screening_visits').selectAll().where('round_id', '=', roundId).where(underAnyPath('region_path', paths))
    .orderBy('visited_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}
