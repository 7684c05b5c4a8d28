import { underAnyPath, type DbOrTx } from '../../../platform/db/index.js';
import { PoolPolicy } from '../../../../shared/testing.js';
import type { RoundRegionRow, RoundRow } from '../tables.js';

export async function insertRound(db: DbOrTx, row: RoundRow, regions: RoundRegionRow[]): Promise<void> {
  await db.insertInto('testing_rounds').values(row).execute();
  await db.insertInto('testing_round_regions').values(regions).execute();
}

export async function findRound(db: DbOrTx, id: string): Promise<RoundRow | undefined> {
  return db.selectFrom('testing_rounds').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function roundRegions(db: DbOrTx, roundIds: string[]): Promise<RoundRegionRow[]> {
  if (roundIds.length === 0) return [];
  return db.selectFrom('testing_round_regions').selectAll().where('round_id', 'in', roundIds).execute();
}

/** Rounds whose scope meets the given paths (lies under one of them or holds one of them), newest first. */
export async function roundsMeeting(db: DbOrTx, paths: string[], status?: RoundRow['status']): Promise<RoundRow[]> {
  if (paths.length === 0) return [];
  let q = db.selectFrom('testing_rounds').selectAll('testing_rounds')
    .where((eb) => eb.exists(eb.selectFrom('testing_round_regions as rr').select('rr.round_id')
      .whereRef('rr.round_id', '=', 'testing_rounds.id')
      .where((e2) => {
        // A district-wide scope has no ancestors, and PostgreSQL refuses an empty IN list.
        const ancestors = paths.flatMap(ancestorsOf);
        return ancestors.length === 0 ? underAnyPath('rr.region_path', paths)
          : e2.or([underAnyPath('rr.region_path', paths), e2('rr.region_path', 'in', ancestors)]);
      })));
  if (status) q = q.where('testing_rounds.status', '=', status);
  return q.orderBy('testing_rounds.starts_at', 'desc').limit(200).execute();
}

/** Every proper ancestor path of a path: "630106/630106105/…" → ["630106", "630106/630106105", …]. */
export function ancestorsOf(path: string): string[] {
  const parts = path.split('/');
  return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('/'));
}

export async function setRoundStatus(db: DbOrTx, id: string, status: RoundRow['status'], at: string): Promise<void> {
  await db.updateTable('testing_rounds').set({ status, ...(status === 'closed' ? { closed_at: at } : {}) })
    .where('id', '=', id).execute();
}

export function policyOf(row: RoundRow): PoolPolicy {
  return PoolPolicy.parse(JSON.parse(row.pool_policy));
}

export async function openRounds(db: DbOrTx): Promise<RoundRow[]> {
  return db.selectFrom('testing_rounds').selectAll().where('status', '=', 'open').orderBy('starts_at', 'desc').execute();
}
