import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchArgs, benchContext, report, round } from './lib.js';
import { cpuSeconds, emptyRoute, prepareScanDistrict, scanBody, scanIdMaker, signIn, startServerProcess } from './scan-lib.js';
import { hasWrk, wrk } from './wrk.js';

const THREADS = Number(process.env.ANNING_BENCH_WRK_THREADS ?? 2);
const CONNECTIONS = 64;
const SECONDS = 10;
const PER_THREAD = 90_000;

/**
 * Durable scan throughput: many sampler connections (wrk, keep-alive) posting person scans, each
 * committed before its answer, against `anning start` in its own process; beside it, in the same
 * run, the requests/s of an empty Fastify route (the machine's yardstick). Every acknowledged scan is
 * then counted in the database.
 */
export async function run(args: string[]): Promise<void> {
  if (!hasWrk()) throw new Error('this benchmark drives load with wrk: apt-get install wrk');
  const { dialect, size } = benchArgs(args);
  const district = await prepareScanDistrict(dialect, size, THREADS);
  const server = await startServerProcess(district.databaseUrl);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anning-wrk-'));
  const cookies: string[] = [];
  for (let t = 0; t < THREADS; t++) cookies.push(await signIn(server.url, district.samplers[t]));
  // Two sets of scans: three seconds to warm the server (JIT, caches, the database's pages), then the run.
  const script = (set: string, tag: string, first: number) => {
    for (let t = 0; t < THREADS; t++) {
      const nextId = scanIdMaker(t + (set === 'warm' ? 100 : 0));
      const lines: string[] = [];
      for (let i = 0; i < PER_THREAD; i++) {
        lines.push(scanBody(district.siteId, nextId(), t, i, district.idNumbers[(first + t * PER_THREAD + i) % district.residents], tag));
      }
      fs.writeFileSync(path.join(dir, `${set}-${t}.txt`), lines.join('\n'));
    }
    const file = path.join(dir, `${set}.lua`);
    fs.writeFileSync(file, `
local created = 0
function setup(thread) thread:set("tid", created); created = created + 1 end
local cookies = { ${cookies.map((c) => JSON.stringify(c)).join(', ')} }
function init(args)
  bodies = {}
  for line in io.lines("${dir}/${set}-" .. tid .. ".txt") do bodies[#bodies + 1] = line end
  cookie = cookies[tid + 1]
  i = 0
end
function request()
  i = i + 1
  return wrk.format("POST", "/api/v1/testing/scans", { ["content-type"] = "application/json", ["cookie"] = cookie }, bodies[i])
end`);
    return file;
  };
  const warmScript = script('warm', 'WARM', THREADS * PER_THREAD);
  const runScript = script('run', 'ING', 0);
  const base = await emptyRoute();
  const baseline = await wrk([`-t${THREADS}`, `-c${CONNECTIONS}`, '-d5s', base.url]);
  await base.close();
  await wrk([`-t${THREADS}`, `-c${CONNECTIONS}`, '-d3s', '-s', warmScript, server.url]);
  const cpuBefore = cpuSeconds(server);
  const scans = await wrk([`-t${THREADS}`, `-c${CONNECTIONS}`, `-d${SECONDS}s`, '-s', runScript, server.url]);
  const cpuUsed = cpuSeconds(server) - cpuBefore;
  await server.stop();
  fs.rmSync(dir, { recursive: true, force: true });

  const ctx = await benchContext(district.databaseUrl);
  const stored = Number((await ctx.handle.db.selectFrom('testing_samples').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tube_id', 'in', (eb) => eb.selectFrom('testing_tubes').select('id').where('barcode', 'like', 'ING-%'))
    .executeTakeFirstOrThrow()).n);
  await ctx.handle.close();
  district.dispose();
  const acknowledged = scans.requests - scans.non2xx - scans.socketErrors;
  const scansPerS = acknowledged / scans.seconds;
  if (scans.non2xx > 0) console.error(scans.raw);
  report('scan-ingest', dialect, size, {
    residents: district.residents, connections: CONNECTIONS, seconds: round(scans.seconds, 1),
    scans_per_s: Math.round(scansPerS), p50_ms: scans.p50, p99_ms: scans.p99, errors: scans.non2xx + scans.socketErrors,
    acknowledged, stored, server_cpu_us_per_scan: Math.round((cpuUsed / acknowledged) * 1e6), baseline_rps: Math.round(baseline.rps), baseline_p99_ms: baseline.p99, ratio_to_baseline: round(scansPerS / baseline.rps, 3),
  });
}
