import { sql } from 'kysely';
import { underAnyPath, type DbOrTx } from '../../../platform/db/index.js';
import type { RoundRow } from '../tables.js';

const count = (r: { n: number | string } | undefined) => Number(r?.n ?? 0);

const AFTER_SEALING = sql.join(['sealed', 'bagged', 'in_transit', 'received', 'resulted'].map((s) => sql.lit(s)));
const AWAITING_RESULT = sql.join(['sealed', 'bagged', 'in_transit', 'received'].map((s) => sql.lit(s)));

/**
 * The day's tube figures of these rounds at sites under the paths, in one pass over the rounds' tubes
 * (a tenth of the rows of the samples, which have no index by time): swabs in tubes opened since
 * `since` (a tube opened just before midnight counts on the day before), tubes sealed since `since`,
 * and tubes sealed and still without a result.
 */
export async function tubeFigures(db: DbOrTx, roundIds: string[], paths: string[], since: string): Promise<{
  swabs: number; sealed: number; awaiting: number;
}> {
  if (paths.length === 0 || roundIds.length === 0) return { swabs: 0, sealed: 0, awaiting: 0 };
  const row = await db.selectFrom('testing_tubes')
    .select([
      sql<number>`coalesce(sum(case when opened_at >= ${since} then member_count else 0 end), 0)`.as('swabs'),
      sql<number>`coalesce(sum(case when status in (${AFTER_SEALING}) and sealed_at >= ${since} then 1 else 0 end), 0)`.as('sealed'),
      sql<number>`coalesce(sum(case when status in (${AWAITING_RESULT}) then 1 else 0 end), 0)`.as('awaiting'),
    ])
    .where('round_id', 'in', roundIds).where(underAnyPath('region_path', paths)).executeTakeFirst();
  return { swabs: Number(row?.swabs ?? 0), sealed: Number(row?.sealed ?? 0), awaiting: Number(row?.awaiting ?? 0) };
}

/** Positive incidents not yet closed under the paths. */
export async function openIncidents(db: DbOrTx, paths: string[]): Promise<number> {
  if (paths.length === 0) return 0;
  return count(await db.selectFrom('testing_incidents').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', 'in', ['open', 'notified', 'resampled', 'resulted']).where(underAnyPath('region_path', paths))
    .executeTakeFirst());
}

/** Rounds still live or ended since `since`: the ones whose tubes the day's figures count. */
export async function recentRounds(db: DbOrTx, since: string): Promise<RoundRow[]> {
  return db.selectFrom('testing_rounds').selectAll()
    .where((eb) => eb.or([eb('status', '=', 'open'), eb('ends_at', '>=', since), eb('closed_at', '>=', since)]))
    .orderBy('starts_at', 'desc').limit(50).execute();
}
