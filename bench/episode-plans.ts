import { benchArgs, benchContext, benchDatabase, report, round } from './lib.js';
import { runInWorker } from '../src/server/platform/worker.js';
import { openEpisodes, type EpisodeDraft } from '../src/server/modules/screening/index.js';
import { todayInChina } from '../src/shared/validators/index.js';
import type { ManagedCategory } from '../src/shared/screening.js';
import { addDays } from '../src/shared/dates.js';

const EPISODES = 20_000;
const CATEGORIES: ManagedCategory[] = ['CLOSE_CONTACT', 'SECONDARY_CONTACT', 'INBOUND', 'HIGH_ZONE_TRAVEL', 'LOW_ZONE_TRAVEL', 'POOL_POSITIVE'];

/**
 * 20,000 new episodes through `openEpisodes` (what a 协查 list or a wave of positive pools does) on the
 * seeded district: each draft planned by the rules engine, its scheduled tests and default 五包一 team
 * from the accounts written, in one transaction. Then the same drafts again: every one merges.
 */
export async function run(args: string[]): Promise<void> {
  const { dialect, size } = benchArgs(args);
  const database = await benchDatabase(dialect);
  try {
    const ctx = await benchContext(database.databaseUrl);
    await runInWorker(new URL('../src/server/seed/index.ts', import.meta.url).href, 'seedInWorker', { config: ctx.config, size, seed: 1 });
    const db = ctx.handle.db;
    const people = await db.selectFrom('people').select('id').where('status', '=', 'active').execute();
    // Every k-th resident across the district (a spread like a real list), a category and an anchor in the last six days each.
    const step = Math.max(1, Math.floor(people.length / EPISODES));
    const today = todayInChina();
    const drafts: EpisodeDraft[] = [];
    for (let i = 0; drafts.length < Math.min(EPISODES, people.length); i += step) {
      const n = drafts.length;
      drafts.push({ personId: people[i % people.length].id, category: CATEGORIES[n % CATEGORIES.length], anchorDate: addDays(today, -(n % 6)),
        source: 'xiecha', sourceRef: 'bench' });
    }
    const t0 = performance.now();
    const first = await openEpisodes(db, null, drafts, today);
    const seconds = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    const again = await openEpisodes(db, null, drafts, today);
    const mergeSeconds = (performance.now() - t1) / 1000;
    const count = async (table: 'screening_scheduled_tests' | 'screening_episode_team') =>
      Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const [tests, team] = [await count('screening_scheduled_tests'), await count('screening_episode_team')];
    await ctx.handle.close();
    report('episode-plans', dialect, size, {
      residents: people.length, drafts: drafts.length, created: first.created.length, seconds: round(seconds),
      episodes_per_s: Math.round(first.created.length / seconds), scheduled_tests: tests, team_members: team,
      merged_again: again.merged.length, merge_seconds: round(mergeSeconds), target_seconds: 2,
    });
  } finally {
    database.dispose();
  }
}
