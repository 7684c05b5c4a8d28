import { sql } from 'kysely';
import { underAnyPath, type DbOrTx } from '../../../platform/db/index.js';
import { countHouseholds } from '../../people/index.js';
import type { EpisodeStatus } from '../tables.js';

/** Open episodes by category and place, releases due and proposed, today's and missed tests, under the paths. */
export async function episodeFigures(db: DbOrTx, paths: string[], today: string) {
  const open: EpisodeStatus[] = ['active', 'release_proposed'];
  const scoped = () => db.selectFrom('screening_episodes').where(underAnyPath('region_path', paths)).where('status', 'in', open);
  const [byCategory, byPlace, due, proposed, testsToday, missed] = await Promise.all([
    scoped().select(['category', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('category').execute(),
    scoped().select(['place_kind', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('place_kind').execute(),
    scoped().select((eb) => eb.fn.countAll<number>().as('n')).where('release_date', '<=', today).executeTakeFirstOrThrow(),
    scoped().select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'release_proposed').executeTakeFirstOrThrow(),
    db.selectFrom('screening_scheduled_tests').select((eb) => eb.fn.countAll<number>().as('n')).where(underAnyPath('region_path', paths))
      .where('due_date', '=', today).executeTakeFirstOrThrow(),
    db.selectFrom('screening_scheduled_tests as t').innerJoin('screening_episodes as e', 'e.id', 't.episode_id')
      .select((eb) => eb.fn.countAll<number>().as('n')).where(underAnyPath('t.region_path', paths)).where('t.status', '=', 'missed')
      .where('e.status', 'in', open).executeTakeFirstOrThrow(),
  ]);
  return {
    byCategory: byCategory.map((r) => ({ category: r.category, count: Number(r.n) })),
    byPlace: byPlace.map((r) => ({ placeKind: r.place_kind, count: Number(r.n) })),
    releasesDueToday: Number(due.n), releasesProposed: Number(proposed.n), testsDueToday: Number(testsToday.n), testsMissed: Number(missed.n),
  };
}

/**
 * Door-to-door completion of the open screening rounds under the paths (the rounds and visits are
 * helper B's area; this reads the module's tables only): households in the rounds' regions, those
 * visited at least once, and those visited since the start of today.
 */
export async function visitFigures(db: DbOrTx, paths: string[], todayStartIso: string) {
  const rounds = await db.selectFrom('screening_rounds as r').innerJoin('screening_round_regions as g', 'g.round_id', 'r.id')
    .select(['r.id', 'g.region_path']).where('r.status', '=', 'open').execute();
  if (rounds.length === 0 || paths.length === 0) return { openRounds: 0, households: 0, visitedToday: 0, visited: 0 };
  const roundPaths = [...new Set(rounds.map((r) => r.region_path))];
  const roundIds = [...new Set(rounds.map((r) => r.id))];
  const [households, visited, today] = await Promise.all([
    countHouseholds(db, paths, roundPaths),
    db.selectFrom('screening_visits').select(sql<number>`count(distinct household_id)`.as('n')).where('round_id', 'in', roundIds)
      .where(underAnyPath('region_path', paths)).executeTakeFirstOrThrow(),
    db.selectFrom('screening_visits').select(sql<number>`count(distinct household_id)`.as('n')).where('round_id', 'in', roundIds)
      .where(underAnyPath('region_path', paths)).where('visited_at', '>=', todayStartIso).executeTakeFirstOrThrow(),
  ]);
  return { openRounds: roundIds.length, households, visited: Number(visited.n), visitedToday: Number(today.n) };
}
