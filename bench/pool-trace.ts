import { benchArgs, benchContext, percentile, report, round } from './lib.js';
import { timeRequests, wrkOverPaths } from './http-timing.js';
import { prepareScanDistrict, signIn, startServerProcess } from './scan-lib.js';
import { inTransaction, refreshStatistics } from '../src/server/platform/db/index.js';
import { bulkInsert } from '../src/server/platform/db/bulk.js';
import { newId } from '../src/server/platform/ids.js';
import { openIncidents } from '../src/server/modules/testing/service/incidents.js';
import type { SampleRow, TubeRow } from '../src/server/modules/testing/tables.js';

const SAMPLES = 2_500_000;
const POSITIVES = 50;

/**
 * A positive pool, traced: with 2.5 million samples stored (a city's round), positive 10-in-1 tubes
 * open their incidents, and the headquarters asks for an incident's members (names masked,
 * addresses, grids, grid workers) over HTTP, one request at a time.
 */
export async function run(args: string[]): Promise<void> {
  const { dialect, size } = benchArgs(args);
  const district = await prepareScanDistrict(dialect, size, 1);
  const ctx = await benchContext(district.databaseUrl);
  const db = ctx.handle.db;
  const people = await db.selectFrom('people').select(['id', 'region_code', 'region_path']).where('status', '=', 'active').execute();
  const benchRound = await db.selectFrom('testing_rounds').select('id').where('name', '=', '压测轮次').executeTakeFirstOrThrow();
  const site = await db.selectFrom('testing_sites').selectAll().where('id', '=', district.siteId).executeTakeFirstOrThrow();
  const t0 = performance.now();
  const tubes: TubeRow[] = [];
  const samples: SampleRow[] = [];
  const at = new Date().toISOString();
  for (let n = 0; n < SAMPLES; n++) {
    if (n % 10 === 0) {
      tubes.push({ id: newId(), barcode: `PT-${n / 10}`, round_id: benchRound.id, site_id: site.id, region_path: site.region_path, capacity: 10,
        member_count: 10, status: 'received', underfilled: 0, purpose: 'round', opened_at: at, opened_by: null, sealed_at: at,
        sealed_by: null, bag_id: null, lab_id: null, result: null, result_at: null });
    }
    const p = people[(n * 7919) % people.length];
    samples.push({ id: newId(), round_id: benchRound.id, tube_id: tubes[tubes.length - 1].id, seq: (n % 10) + 1, subject_kind: 'person',
      subject_id: p.id, region_code: p.region_code, region_path: p.region_path, site_id: site.id, sampler_id: 'bench',
      sampled_at: at, received_at: at, repeat_reason: null });
  }
  await inTransaction(db, async (tx) => {
    await bulkInsert(ctx.handle, tx, 'testing_tubes', tubes);
    await bulkInsert(ctx.handle, tx, 'testing_samples', samples);
  });
  await refreshStatistics(db, ['testing_tubes', 'testing_samples']);
  const loadSeconds = (performance.now() - t0) / 1000;
  const positive = Array.from({ length: POSITIVES }, (_, k) => tubes[k * 4999]);
  const incidentIds = await inTransaction(db, (tx) => openIncidents(tx, null, positive.map((t) => ({
    id: t.id, barcode: t.barcode, roundId: t.round_id, capacity: 10, regionPath: t.region_path,
    members: samples.filter((s) => s.tube_id === t.id).map((s) => ({ subjectKind: 'person' as const, subjectId: s.subject_id,
      regionPath: s.region_path })),
  })), new Date().toISOString()));
  await ctx.handle.close();
  tubes.length = 0;
  samples.length = 0;

  const server = await startServerProcess(district.databaseUrl);
  const cookie = await signIn(server.url, 'commander');
  const paths = incidentIds.map((id) => `/api/v1/testing/incidents/${id}`);
  const times = await timeRequests(Array.from({ length: 2050 }, (_, k) => server.url + paths[k % paths.length]), cookie, 50);
  const wrkFigures = await wrkOverPaths(server.url, paths, cookie);
  await server.stop();
  district.dispose();
  report('pool-trace', dialect, size, {
    samples: SAMPLES, incidents: incidentIds.length, load_seconds: round(loadSeconds, 1),
    p50_ms: round(percentile(times, 50)), p99_ms: round(percentile(times, 99)), ...wrkFigures,
  });
}
