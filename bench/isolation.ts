import { benchArgs, benchContext, benchDatabase, percentile, report, round } from './lib.js';
import { signIn, startServerProcess } from './scan-lib.js';
import { bulkInsert } from '../src/server/platform/db/bulk.js';
import { inTransaction, refreshStatistics } from '../src/server/platform/db/index.js';
import { newId } from '../src/server/platform/ids.js';
import { runInWorker } from '../src/server/platform/worker.js';
import { addIsolationRooms, createIsolationSite, designateZone, runZoneDay } from '../src/server/modules/isolation/index.js';
import { DEMO_ROUND_NAME } from '../src/server/seed/testing.js';
import { todayInChina } from '../src/shared/validators/index.js';
import type { SampleRow, TubeRow } from '../src/server/modules/testing/tables.js';

const SITES = 10;
const BEDS_PER_SITE = 100;
const ATTEMPTS = 1_500;
const IN_FLIGHT = 32;
/** Xining designated 41 high and 30 medium zones between 28 Aug and 2 Sep 2022 (DOMAIN.md §1.2). */
const HIGH_ZONES = 41;
const MEDIUM_ZONES = 30;
const ZONE_LIST_REQUESTS = 50;

/**
 * Isolation at district size. (1) Beds under contention: 1,500 placements into 10 one-bed-room hotels
 * (1,000 beds) sent over HTTP 32 at a time, each to a random hotel: every bed taken once, the rest refused
 * (SITE_FULL), no site over capacity; placements/s and latency. (2) The daily downgrade run over 71 zones
 * (41 high on pairs of buildings, 30 medium on grids) designated seven days ago, with today's samples of
 * everyone living in them resulted negative: time of runZoneDay and of the zones list (with eligibility).
 */
export async function run(args: string[]): Promise<void> {
  const { dialect, size } = benchArgs(args);
  const database = await benchDatabase(dialect);
  const ctx = await benchContext(database.databaseUrl);
  await runInWorker(new URL('../src/server/seed/index.ts', import.meta.url).href, 'seedInWorker', { config: ctx.config, size, seed: 1 });
  const db = ctx.handle.db;
  const today = todayInChina();

  // (1) Sites and people to place.
  const siteIds: string[] = [];
  for (let i = 1; i <= SITES; i++) {
    const site = await createIsolationSite(ctx, null, { name: `压测隔离酒店${i}`, kind: 'hotel', regionCode: '630106', status: 'active' });
    await addIsolationRooms(ctx, null, site.id, { prefix: '', from: 1001, to: 1000 + BEDS_PER_SITE, width: 0, beds: 1 });
    siteIds.push(site.id);
  }
  const placedAlready = new Set((await db.selectFrom('isolation_placements').select('person_id').where('status', '=', 'active').execute())
    .map((r) => r.person_id));
  const people = (await db.selectFrom('people').select('id').where('status', '=', 'active').orderBy('id').limit(ATTEMPTS * 2).execute())
    .map((r) => r.id).filter((id) => !placedAlready.has(id)).slice(0, ATTEMPTS);

  const server = await startServerProcess(database.databaseUrl);
  const cookie = await signIn(server.url, 'commander');
  const latencies: number[] = [];
  const outcomes = new Map<string, number>();
  let next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
    while (next < people.length) {
      const i = next++;
      const start = performance.now();
      const res = await fetch(`${server.url}/api/v1/isolation/placements`, {
        method: 'POST', headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ personId: people[i], siteId: siteIds[(i * 7919 + 13) % SITES], expectedReleaseOn: null }),
      });
      const body = (await res.json()) as { error?: { code: string } };
      latencies.push(performance.now() - start);
      const key = res.status === 201 ? 'placed' : body.error?.code ?? String(res.status);
      outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    }
  }));
  const seconds = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const perSite = await db.selectFrom('isolation_placements').select(['site_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('site_id', 'in', siteIds).where('status', '=', 'active').groupBy('site_id').execute();
  const overfull = perSite.filter((s) => Number(s.n) > BEDS_PER_SITE).length;

  // (2) Zones, and today's negative samples of everyone in them.
  const buildings = (await db.selectFrom('regions').select(['code', 'path']).where('level', '=', 'building').orderBy('code').execute());
  // Medium zones on village grids (no buildings under them, so no zone overlaps another).
  const gridsWithBuildings = new Set(buildings.map((b) => b.path.split('/').slice(0, 4).join('/')));
  const grids = (await db.selectFrom('regions').select(['code', 'path']).where('level', '=', 'grid').where('resident_count', '>', 0)
    .orderBy('resident_count', 'desc').execute()).filter((g) => !gridsWithBuildings.has(g.path));
  const sevenDaysAgo = new Date(Date.parse(`${today}T10:00:00+08:00`) - 7 * 86_400_000).toISOString();
  const zonePaths: string[] = [];
  for (let i = 0; i < HIGH_ZONES && 2 * i + 1 < buildings.length; i++) {
    const pair = buildings.slice(2 * i, 2 * i + 2);
    await designateZone(ctx, null, { name: `压测高风险区${i + 1}`, level: 'high', buildingCodes: pair.map((b) => b.code),
      decisionNo: `压测〔2022〕${i + 1}号`, decidedAt: sevenDaysAgo });
    zonePaths.push(...pair.map((b) => b.path));
  }
  for (const [i, g] of grids.slice(0, MEDIUM_ZONES).entries()) {
    await designateZone(ctx, null, { name: `压测中风险区${i + 1}`, level: 'medium', regionCode: g.code, decisionNo: `压测〔2022〕${100 + i}号`,
      decidedAt: sevenDaysAgo });
    zonePaths.push(g.path);
  }
  const demoRound = await db.selectFrom('testing_rounds').select('id').where('name', '=', DEMO_ROUND_NAME).executeTakeFirstOrThrow();
  const site = await db.selectFrom('testing_sites').select(['id', 'region_path']).orderBy('id').executeTakeFirstOrThrow();
  const residents: { id: string; region_code: string; region_path: string }[] = [];
  for (const p of zonePaths) {
    residents.push(...await db.selectFrom('people').select(['id', 'region_code', 'region_path']).where('status', '=', 'active')
      .where('region_path', '>=', p).where('region_path', '<', `${p}0`).execute());
  }
  const sampledAt = new Date(Math.min(Date.now() - 60_000, Date.parse(`${today}T09:00:00+08:00`))).toISOString();
  const tubes: TubeRow[] = [];
  const samples: SampleRow[] = [];
  for (let i = 0; i < residents.length; i += 10) {
    const tube: TubeRow = { id: newId(), barcode: `BENCH-ISO-${i}`, round_id: demoRound.id, site_id: site.id, region_path: site.region_path, capacity: 10,
      member_count: Math.min(10, residents.length - i), status: 'resulted', underfilled: 0, purpose: 'round', opened_at: sampledAt, opened_by: null,
      sealed_at: sampledAt, sealed_by: null, bag_id: null, lab_id: null, result: 'negative', result_at: sampledAt };
    tubes.push(tube);
    residents.slice(i, i + 10).forEach((r, seq) => samples.push({ id: newId(), round_id: demoRound.id, tube_id: tube.id, seq: seq + 1, subject_kind: 'person',
      subject_id: r.id, region_code: r.region_code, region_path: r.region_path, site_id: site.id, sampler_id: 'bench', sampled_at: sampledAt,
      received_at: sampledAt, repeat_reason: null }));
  }
  await inTransaction(db, async (tx) => {
    await bulkInsert(ctx.handle, tx, 'testing_tubes', tubes);
    await bulkInsert(ctx.handle, tx, 'testing_samples', samples);
  });
  await refreshStatistics(db, ['testing_samples', 'testing_tubes']);
  const d0 = performance.now();
  const daily = await runZoneDay(db, today);
  const dailySeconds = (performance.now() - d0) / 1000;
  const listTimes: number[] = [];
  for (let i = 0; i < ZONE_LIST_REQUESTS; i++) {
    const s = performance.now();
    const res = await fetch(`${server.url}/api/v1/isolation/zones`, { headers: { cookie } });
    await res.arrayBuffer();
    listTimes.push(performance.now() - s);
  }
  listTimes.sort((a, b) => a - b);
  await server.stop();
  await ctx.handle.close();
  database.dispose();
  report('isolation', dialect, size, {
    placement_attempts: people.length, beds: SITES * BEDS_PER_SITE, placed: outcomes.get('placed') ?? 0,
    refused_site_full: outcomes.get('SITE_FULL') ?? 0, other_outcomes: [...outcomes.entries()].filter(([k]) => k !== 'placed' && k !== 'SITE_FULL')
      .map(([k, n]) => `${k}:${n}`).join(',') || 'none',
    sites_over_capacity: overfull, placements_per_s: round(people.length / seconds, 1), placement_p50_ms: round(percentile(latencies, 50)),
    placement_p99_ms: round(percentile(latencies, 99)), zones: daily.zones, zone_residents_sampled: residents.length, proposed: daily.proposed,
    daily_run_s: round(dailySeconds, 3), zones_list_p50_ms: round(percentile(listTimes, 50)), zones_list_p99_ms: round(percentile(listTimes, 99)),
  });
}
