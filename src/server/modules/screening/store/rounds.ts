import { underAnyPath, type DbOrTx } from '../../../platform/db/index.js';
import type { ScreeningRoundRegionRow, ScreeningRoundRow } from '../tables.js';

export async function insertRound(db: DbOrTx, row: ScreeningRoundRow, regions: ScreeningRoundRegionRow[]): Promise<void> {
  await db.insertInto('screening_rounds').values(row).execute();
  await db.insertInto('screening_round_regions').values(regions).execute();
}

export async function findRound(db: DbOrTx, id: string): Promise<ScreeningRoundRow | undefined> {
  return db.selectFrom('screening_rounds').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function roundRegions(db: DbOrTx, roundIds: string[]): Promise<ScreeningRoundRegionRow[]> {
  if (roundIds.length === 0) return [];
  return db.selectFrom('screening_round_regions').selectAll().where('round_id', 'in', roundIds).execute();
}

/** Every proper ancestor path of a path: "630106/630106105/…" → ["630106", "630106/630106105", …]. */
export function ancestorsOf(path: string): string[] {
  const parts = path.split('/');
  return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('/'));
}

/** Rounds whose scope meets the paths (lies under one of them or holds one of them), newest first. */
export async function roundsMeeting(db: DbOrTx, paths: string[], status?: ScreeningRoundRow['status']): Promise<ScreeningRoundRow[]> {
  if (paths.length === 0) return [];
  const ancestors = [...new Set(paths.flatMap(ancestorsOf))];
  let q = db.selectFrom('screening_rounds').selectAll('screening_rounds')
    .where((eb) => eb.exists(eb.selectFrom('screening_round_regions as rr').select('rr.round_id')
      .whereRef('rr.round_id', '=', 'screening_rounds.id')
      // A district-wide scope has no ancestors, and PostgreSQL refuses an empty IN list.
      .where((e2) => (ancestors.length === 0 ? underAnyPath('rr.region_path', paths)
        : e2.or([underAnyPath('rr.region_path', paths), e2('rr.region_path', 'in', ancestors)])))));
  if (status) q = q.where('screening_rounds.status', '=', status);
  return q.orderBy('screening_rounds.starts_on', 'desc').orderBy('screening_rounds.id', 'desc').limit(200).execute();
}

/** Open rounds whose window holds the date and whose scope holds the region (a household, a grid). */
export async function openRoundsHolding(db: DbOrTx, path: string, date: string): Promise<ScreeningRoundRow[]> {
  const holders = [...ancestorsOf(path), path];
  return db.selectFrom('screening_rounds').selectAll('screening_rounds')
    .where('status', '=', 'open').where('starts_on', '<=', date).where('ends_on', '>=', date)
    .where((eb) => eb.exists(eb.selectFrom('screening_round_regions as rr').select('rr.round_id')
      .whereRef('rr.round_id', '=', 'screening_rounds.id').where('rr.region_path', 'in', holders)))
    .orderBy('starts_on').execute();
}

export async function closeRound(db: DbOrTx, id: string, at: string): Promise<number> {
  const res = await db.updateTable('screening_rounds').set({ status: 'closed', closed_at: at })
    .where('id', '=', id).where('status', '=', 'open').executeTakeFirst();
  return Number(res.numUpdatedRows);
}
