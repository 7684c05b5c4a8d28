import { underAnyPath, type DbOrTx } from '../../../platform/db/index.js';
import type { RoundRow } from '../tables.js';

const count = (r: { n: number | string } | undefined) => Number(r?.n ?? 0);

/** Swabs taken since `since` by people living under the paths (or, unregistered, sampled at sites there). */
export async function samplesSince(db: DbOrTx, roundIds: string[], paths: string[], since: string): Promise<number> {
  if (paths.length === 0 || roundIds.length === 0) return 0;
  return count(await db.selectFrom('testing_samples').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('round_id', 'in', roundIds).where('sampled_at', '>=', since).where(underAnyPath('region_path', paths))
    .executeTakeFirst());
}

const AFTER_SEALING = ['sealed', 'bagged', 'in_transit', 'received', 'resulted'] as const;
const AWAITING_RESULT = ['sealed', 'bagged', 'in_transit', 'received'] as const;

/** Tubes of these rounds sealed since `since` at sites under the paths. */
export async function tubesSealedSince(db: DbOrTx, roundIds: string[], paths: string[], since: string): Promise<number> {
  if (paths.length === 0 || roundIds.length === 0) return 0;
  return count(await db.selectFrom('testing_tubes').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('round_id', 'in', roundIds).where('status', 'in', [...AFTER_SEALING]).where('sealed_at', '>=', since)
    .where(underAnyPath('region_path', paths)).executeTakeFirst());
}

/** Tubes of these rounds sealed and still without a result. */
export async function tubesAwaitingResult(db: DbOrTx, roundIds: string[], paths: string[]): Promise<number> {
  if (paths.length === 0 || roundIds.length === 0) return 0;
  return count(await db.selectFrom('testing_tubes').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('round_id', 'in', roundIds).where('status', 'in', [...AWAITING_RESULT])
    .where(underAnyPath('region_path', paths)).executeTakeFirst());
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
