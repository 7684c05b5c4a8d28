import { underAnyPath, type DbOrTx } from '../../../platform/db/index.js';

/** Open episodes of a grid (index on region_path, status), with what the day list needs. */
export async function openEpisodesUnder(db: DbOrTx, path: string) {
  return db.selectFrom('screening_episodes')
    .select(['id', 'person_id', 'category', 'anchor_date', 'rule_set', 'status', 'release_date', 'place_kind'])
    .where(underAnyPath('region_path', [path])).where('status', 'in', ['active', 'release_proposed'])
    .execute();
}

/** Scheduled tests of a grid on some days (index on region_path, due_date, status). */
export async function testsOn(db: DbOrTx, path: string, dates: string[]) {
  return db.selectFrom('screening_scheduled_tests')
    .select(['id', 'episode_id', 'person_id', 'due_date', 'phase_kind', 'status'])
    .where(underAnyPath('region_path', [path])).where('due_date', 'in', dates).where('status', 'in', ['due', 'missed'])
    .execute();
}

/** Episodes of a grid with a health check on a day (index on region_path, checked_on). */
export async function checkedOn(db: DbOrTx, path: string, date: string): Promise<Set<string>> {
  const rows = await db.selectFrom('screening_health_checks').select('episode_id')
    .where(underAnyPath('region_path', [path])).where('checked_on', '=', date).execute();
  return new Set(rows.map((r) => r.episode_id));
}
