import { sql } from 'kysely';
import { underAnyPath, type DbOrTx } from '../../../platform/db/index.js';

/** One local day of testing in an area: people sampled there, how many have a result, how many positive. */
export interface AreaTestingDay {
  date: string;
  sampled: number;
  resultsIn: number;
  positives: number;
  /**
   * The day's round counts as all negative when at least one person was sampled, every person sampled
   * that day in the area has a result in, and none is positive. A person's result is their tube's: a
   * positive pool marks all its members positive for the day (the single retest does not undo the
   * day), and an invalid tube is not a result (they must be sampled again).
   */
  allNegative: boolean;
}

const startOf = (date: string) => new Date(Date.parse(`${date}T00:00:00+08:00`)).toISOString();
const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * Per local day (China time) from `from` to `to` inclusive (at most 62 days), the people sampled whose
 * residence (or, unregistered, whose site) lies at or under one of the paths. One aggregate query per
 * day over the samples' (region_path, sampled_at) index: read by isolation for a risk zone's day-N round.
 */
export async function areaTestingDays(db: DbOrTx, paths: string[], from: string, to: string): Promise<AreaTestingDay[]> {
  const out: AreaTestingDay[] = [];
  if (paths.length === 0 || from > to) return out;
  for (let date = from, n = 0; date <= to && n < 62; date = nextDay(date), n++) {
    const row = await db.selectFrom('testing_samples as s').innerJoin('testing_tubes as t', 't.id', 's.tube_id')
      .select([
        sql<number>`count(distinct s.subject_id)`.as('sampled'),
        sql<number>`count(distinct case when t.result in ('negative', 'positive') then s.subject_id end)`.as('results_in'),
        sql<number>`count(distinct case when t.result = 'positive' then s.subject_id end)`.as('positives'),
      ])
      .where(underAnyPath('s.region_path', paths))
      .where('s.sampled_at', '>=', startOf(date)).where('s.sampled_at', '<', startOf(nextDay(date)))
      .executeTakeFirst();
    const sampled = Number(row?.sampled ?? 0);
    const resultsIn = Number(row?.results_in ?? 0);
    const positives = Number(row?.positives ?? 0);
    out.push({ date, sampled, resultsIn, positives, allNegative: sampled > 0 && resultsIn === sampled && positives === 0 });
  }
  return out;
}
