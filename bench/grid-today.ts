import { benchArgs, benchContext, benchDatabase, percentile, report, round } from './lib.js';
import { timeRequests, wrkOverPaths } from './http-timing.js';
import { signIn, startServerProcess } from './scan-lib.js';
import { inTransaction, refreshStatistics } from '../src/server/platform/db/index.js';
import { bulkInsert } from '../src/server/platform/db/bulk.js';
import { newId } from '../src/server/platform/ids.js';
import { runInWorker } from '../src/server/platform/worker.js';
import { checkDraft, createScreeningRound, openEpisodes, planningContext, planOfEpisode, type EpisodeDraft } from '../src/server/modules/screening/index.js';
import { ruleSetTable } from '../src/server/modules/response/index.js';
import { todayInChina } from '../src/shared/validators/index.js';
import type { ManagedCategory } from '../src/shared/screening.js';
import type { HealthCheckRow, VisitRow } from '../src/server/modules/screening/tables.js';

const EPISODES = 20_000;
/** An outbreak's cluster: this many grids hold a quarter of the episodes between them. */
const HOT_GRIDS = 10;
const REQUESTS = 2_050;
const WARMUP = 50;

const CATEGORIES: ManagedCategory[] = ['CLOSE_CONTACT', 'SECONDARY_CONTACT', 'HIGH_ZONE_TRAVEL', 'MID_ZONE_TRAVEL', 'LOW_ZONE_TRAVEL'];

/**
 * The grid worker's day at full district size: 20,000 open episodes made through openEpisodes (a
 * quarter of them clustered in ten grids, anchors over the last nine days so that tests fall due today
 * and yesterday, home phases want their checks and plans end), half of the home phases already checked
 * today, and a district-wide screening round with half the households visited. The ten busiest
 * grids' day lists are then asked for over HTTP by the commander, one request at a time.
 */
export async function run(args: string[]): Promise<void> {
  const { dialect, size } = benchArgs(args);
  const database = await benchDatabase(dialect);
  const ctx = await benchContext(database.databaseUrl);
  const t0 = performance.now();
  await runInWorker(new URL('../src/server/seed/index.ts', import.meta.url).href, 'seedInWorker', { config: ctx.config, size, seed: 1 });
  const seedSeconds = (performance.now() - t0) / 1000;
  const db = ctx.handle.db;
  const today = todayInChina();
  const dayBack = (n: number) => todayInChina(new Date(Date.now() - n * 86_400_000));

  const people = await db.selectFrom('people').select(['id', 'region_path', 'household_id']).where('status', '=', 'active')
    .orderBy('region_path').orderBy('id').execute();
  const gridOf = (p: string) => p.split('/').slice(0, 4).join('/');
  const byGrid = new Map<string, typeof people>();
  for (const p of people) {
    const g = gridOf(p.region_path);
    if (g.split('/').length === 4) byGrid.set(g, [...(byGrid.get(g) ?? []), p]);
  }
  const hot = [...byGrid.entries()].sort((a, b) => b[1].length - a[1].length).slice(0, HOT_GRIDS);
  const response = await planningContext(db);
  const chosen = new Set<string>();
  const drafts: EpisodeDraft[] = [];
  const add = (p: (typeof people)[number], i: number) => {
    if (chosen.has(p.id)) return;
    chosen.add(p.id);
    const draft: EpisodeDraft = { personId: p.id, category: CATEGORIES[i % CATEGORIES.length], anchorDate: dayBack(1 + (i % 9)), source: 'manual' };
    // A traveller found more than seven days after leaving needs no measure: anchor them nearer.
    if (checkDraft(draft, today, response)) draft.anchorDate = dayBack(1 + (i % 3));
    drafts.push(draft);
  };
  for (const [, members] of hot) for (let i = 0; i < Math.min(members.length, EPISODES / 4 / HOT_GRIDS); i++) add(members[i], drafts.length);
  for (let i = 0; drafts.length < EPISODES; i++) add(people[(i * 7919) % people.length], drafts.length);

  const t1 = performance.now();
  const { created } = await openEpisodes(db, null, drafts, today);
  const openSeconds = (performance.now() - t1) / 1000;

  // Half the episodes in a home phase were checked this morning.
  const episodes = await db.selectFrom('screening_episodes').select(['id', 'category', 'anchor_date', 'rule_set', 'region_path'])
    .where('status', '=', 'active').execute();
  const table = await ruleSetTable(db);
  const at = new Date().toISOString();
  const checks: HealthCheckRow[] = episodes.filter((e, i) => i % 2 === 0 && planOfEpisode(e, table)
    .phases.some((p) => p.kind !== 'central_isolation' && p.startDate <= today && today <= p.endDate))
    .map((e) => ({ id: newId(), episode_id: e.id, checked_on: today, period: 'morning', temperature: 36.5, symptoms: '[]', note: null,
      region_path: e.region_path, checked_at: at, checked_by: null }));
  // A district-wide screening round, half its households visited.
  const screeningRound = await createScreeningRound(ctx, null, { name: '压测排查轮次', regionCodes: ['630106'], startsOn: dayBack(1), endsOn: today });
  const households = await db.selectFrom('households').select(['id', 'region_path']).execute();
  const visits: VisitRow[] = households.filter((_, i) => i % 2 === 0).map((h, i) => ({
    id: newId(), round_id: screeningRound.id, household_id: h.id, region_path: h.region_path, visited_at: at, shift: i % 3 === 0 ? 'night' : 'day',
    outcome: i % 10 === 0 ? 'absent' : 'normal', present: '[]', note: null, created_at: at, created_by: null,
  }));
  await inTransaction(db, async (tx) => {
    await bulkInsert(ctx.handle, tx, 'screening_health_checks', checks);
    await bulkInsert(ctx.handle, tx, 'screening_visits', visits);
  });
  await refreshStatistics(db, ['screening_episodes', 'screening_scheduled_tests', 'screening_health_checks', 'screening_visits']);
  await ctx.handle.close();

  const grids = hot.map(([g]) => g.split('/').pop()!);
  const server = await startServerProcess(database.databaseUrl);
  const cookie = await signIn(server.url, 'commander');
  const sample = (await (await fetch(`${server.url}/api/v1/screening/today?grid=${grids[0]}`, { headers: { cookie } })).json()) as
    Record<string, unknown[]>;
  const paths = grids.map((g) => `/api/v1/screening/today?grid=${g}`);
  const times = await timeRequests(Array.from({ length: REQUESTS }, (_, k) => server.url + paths[k % paths.length]), cookie, WARMUP);
  const wrkFigures = await wrkOverPaths(server.url, paths, cookie);
  await server.stop();
  // ANNING_BENCH_KEEP=1 keeps the database for profiling (its URL is printed).
  if (process.env.ANNING_BENCH_KEEP) console.error(`kept: ${database.databaseUrl}`);
  else database.dispose();
  report('grid-today', dialect, size, {
    episodes: created.length, residents: people.length, seed_seconds: round(seedSeconds, 1), open_episodes_seconds: round(openSeconds, 2),
    busy_grids: grids.length, residents_in_busiest_grid: hot[0][1].length,
    busiest_list: `visits ${sample.visits?.length ?? 0}, tests ${sample.tests?.length ?? 0}, checks ${sample.healthChecks?.length ?? 0}, releases ${sample.releases?.length ?? 0}, tasks ${sample.tasks?.length ?? 0}`,
    p50_ms: round(percentile(times, 50)), p99_ms: round(percentile(times, 99)), ...wrkFigures,
  });
}
