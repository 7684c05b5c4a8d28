import { underAnyPath, type DbOrTx } from '../../../platform/db/index.js';
import { addDays, chinaDay, chinaMidnight } from '../../../../shared/dates.js';

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


/**
 * Per local day (China time) from `from` to `to` inclusive (at most 62 days), the people sampled whose
 * residence (or, unregistered, whose site) lies at or under one of the paths: one ordered scan of the
 * samples' (region_path, sampled_at) index over the window, counted by day here. Read by isolation for a
 * risk zone's day-N round.
 */
export async function areaTestingDays(db: DbOrTx, paths: string[], from: string, to: string): Promise<AreaTestingDay[]> {
  const days: string[] = [];
  for (let date = from; date <= to && days.length < 62; date = addDays(date, 1)) days.push(date);
  if (paths.length === 0 || days.length === 0) return [];
  const rows = await db.selectFrom('testing_samples as s').innerJoin('testing_tubes as t', 't.id', 's.tube_id')
    .select(['s.subject_id', 's.sampled_at', 't.result'])
    .where(underAnyPath('s.region_path', paths))
    .where('s.sampled_at', '>=', chinaMidnight(days[0])).where('s.sampled_at', '<', chinaMidnight(addDays(days[days.length - 1], 1)))
    .execute();
  const byDay = new Map(days.map((d) => [d, new Map<string, 'in' | 'pending' | 'positive'>()]));
  for (const r of rows) {
    const people = byDay.get(chinaDay(r.sampled_at));
    if (!people) continue;
    // A person sampled twice a day counts once: positive if any tube was, pending while any has no result.
    const state = r.result === 'positive' ? 'positive' : r.result === 'negative' ? 'in' : 'pending';
    const before = people.get(r.subject_id);
    if (before === 'positive' || (before === 'pending' && state === 'in')) continue;
    people.set(r.subject_id, state);
  }
  return days.map((date) => {
    const states = [...byDay.get(date)!.values()];
    const sampled = states.length;
    const positives = states.filter((x) => x === 'positive').length;
    const resultsIn = states.filter((x) => x !== 'pending').length;
    return { date, sampled, resultsIn, positives, allNegative: sampled > 0 && resultsIn === sampled && positives === 0 };
  });
}
