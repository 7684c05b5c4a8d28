import { benchArgs, benchContext, percentile, report, round } from './lib.js';
import { prepareScanDistrict, runLoad, scanIdMaker, signIn, startServerProcess } from './scan-lib.js';
import { inTransaction, refreshStatistics } from '../src/server/platform/db/index.js';
import { bulkInsert } from '../src/server/platform/db/bulk.js';
import { newId } from '../src/server/platform/ids.js';
import { reconcileRound } from '../src/server/modules/testing/index.js';
import type { PersonRow } from '../src/server/modules/people/index.js';
import type { RoundPersonRow } from '../src/server/modules/testing/tables.js';

const CITY = 2_500_000;
const TESTED_SHARE = 0.8;

/**
 * Coverage (应检尽检): a round over the whole district with 80% of its people tested; the full
 * reconciliation (every counter recounted from the ledger and the samples); the dashboard's figures
 * per township over HTTP while scans keep arriving, and how far behind the latest scan they are.
 * `--city` first grows the ledger to a synthetic 2.5-million-person city.
 */
export async function run(args: string[]): Promise<void> {
  const city = args.includes('--city');
  const { dialect, size } = benchArgs(args.filter((a) => a !== '--city'));
  const district = await prepareScanDistrict(dialect, size, 1);
  const ctx = await benchContext(district.databaseUrl);
  const db = ctx.handle.db;
  const benchRound = await db.selectFrom('testing_rounds').select('id').where('name', '=', '压测轮次').executeTakeFirstOrThrow();
  let people = await db.selectFrom('people').selectAll().where('status', '=', 'active').execute();
  if (city) {
    // More people in the same grids: copies of the district's residents under new ids and blind indexes.
    const extra: PersonRow[] = [];
    for (let n = people.length; n < CITY; n++) {
      const p = people[n % people.length];
      extra.push({ ...p, id: newId(), doc_number_bidx: `city-${n}`, phone_bidx: null, household_id: null });
    }
    await inTransaction(db, (tx) => bulkInsert(ctx.handle, tx, 'people', extra));
    await refreshStatistics(db, ['people']);
    people = people.concat(extra);
  }
  const at = new Date().toISOString();
  const tested: RoundPersonRow[] = people.filter((_, n) => (n * 7919) % 1000 < TESTED_SHARE * 1000).map((p) => ({
    round_id: benchRound.id, person_id: p.id, first_sampled_at: at, last_sampled_at: at, region_code: p.region_code,
    region_path: p.region_path,
  }));
  await inTransaction(db, (tx) => bulkInsert(ctx.handle, tx, 'testing_round_people', tested));
  await refreshStatistics(db, ['testing_round_people']);
  const population = people.length;
  people = [];
  // The first reconciliation finds every counter behind (the people above came in by bulk) and sets them right.
  const correcting = await reconcileRound(ctx, benchRound.id);
  const clean = await reconcileRound(ctx, benchRound.id);
  await ctx.handle.close();

  const server = await startServerProcess(district.databaseUrl);
  const commander = await signIn(server.url, 'commander');
  const sampler = await signIn(server.url, district.samplers[0]);
  const summaryUrl = `${server.url}/api/v1/testing/summary`;
  const coverageUrl = `${server.url}/api/v1/testing/rounds/${benchRound.id}/coverage`;
  const get = async (url: string) => {
    const t = performance.now();
    const res = await fetch(url, { headers: { cookie: commander } });
    const body = await res.json();
    if (!res.ok) throw new Error(`${res.status} ${JSON.stringify(body)}`);
    return { ms: performance.now() - t, body };
  };
  // The dashboard read while 300 scans a second arrive from another thread.
  const load = runLoad({ url: server.url, siteId: district.siteId, cookies: [sampler], idNumbers: district.idNumbers, rate: 300,
    seconds: 12, socketsPerClient: 8, runTag: 'COV', offset: 200_000 });
  await new Promise((r) => setTimeout(r, 1000));
  const summary: number[] = [];
  const byTownship: number[] = [];
  for (let i = 0; i < 300; i++) {
    summary.push((await get(summaryUrl)).ms);
    byTownship.push((await get(coverageUrl)).ms);
  }
  await load;
  // Lag: one scan, then the district's figure read until it shows it.
  const testedNow = async () => (await get(coverageUrl)).body.region.figures.tested as number;
  const before = await testedNow();
  const nextId = scanIdMaker(900);
  const t0 = performance.now();
  const scan = await fetch(`${server.url}/api/v1/testing/scans`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: sampler },
    body: JSON.stringify({ id: nextId(), tubeBarcode: 'COV-LAG-1', siteId: district.siteId, sampledAt: new Date().toISOString(),
      subject: { idNumber: district.idNumbers[390_000 % district.idNumbers.length] } }) });
  if (scan.status !== 201) throw new Error(`lag scan: ${scan.status} ${await scan.text()}`);
  while ((await testedNow()) <= before) await new Promise((r) => setTimeout(r, 5));
  const lagMs = performance.now() - t0;
  await server.stop();
  district.dispose();
  summary.sort((a, b) => a - b);
  byTownship.sort((a, b) => a - b);
  report('coverage', dialect, city ? 'city' : size, {
    population, expected: clean.expected, tested: clean.tested, leaves: clean.leaves,
    seconds: correcting.seconds, seconds_without_drift: clean.seconds, drifted_counters_fixed: correcting.drifted,
    dashboard_p95_ms: round(percentile(summary, 95)), dashboard_p99_ms: round(percentile(summary, 99)),
    townships_p95_ms: round(percentile(byTownship, 95)), lag_ms: round(lagMs),
  });
}
