import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { timeRequests } from './http-timing.js';
import { benchArgs, benchContext, benchDatabase, percentile, report, round } from './lib.js';
import { runInWorker } from '../src/server/platform/worker.js';
import { generateDemoDistrict } from '../src/server/seed/demo-district.js';
import { buildApp } from '../src/server/app.js';
import { Rng } from '../src/server/seed/rng.js';

/**
 * Latency over HTTP at full district size, one request at a time on a keep-alive connection from a
 * client on its own thread:
 * an exact ID-number lookup (blind index), a 50-row page of a community's ledger, a 50-row page of a
 * township's, and the health route as the same run's floor.
 */
export async function run(args: string[]): Promise<void> {
  const { dialect, size } = benchArgs(args);
  const db = await benchDatabase(dialect);
  const ctx = await benchContext(db.databaseUrl, { serving: true });
  // Seeded from a worker, as the server's first start does: the district's garbage stays out of this heap.
  await runInWorker(new URL('../src/server/seed/index.ts', import.meta.url).href, 'seedInWorker',
    { config: ctx.config, size, seed: 1 });
  // Only samples are kept: the generated district in this heap would put its GC pauses into the server's latency.
  const { ids, communities, townships, population } = ((): { ids: string[]; communities: string[]; townships: string[]; population: number } => {
    const district = generateDemoDistrict({ size, seed: 1 });
    const pick = new Rng(3);
    return {
      ids: Array.from({ length: 3000 }, () => pick.pick(district.residents).idNumber),
      communities: district.regions.filter((r) => r.level === 'community').map((r) => r.code),
      townships: district.regions.filter((r) => r.level === 'township').map((r) => r.code),
      population: district.residents.length,
    };
  })();
  const app = await buildApp(ctx);
  // Fastify's own clock (request in → response out) beside the client's: on two shared cores the client
  // thread's scheduling adds most of the tail.
  const serverTimes = new Map<string, number[]>();
  app.addHook('onResponse', async (req, reply) => {
    const kind = req.url.includes('idNumber=') ? 'id' : req.url.includes('region=') ? 'page' : 'other';
    const times = serverTimes.get(kind) ?? serverTimes.set(kind, []).get(kind)!;
    times.push(reply.elapsedTime);
  });
  const serverP99 = (kind: string) => round(percentile((serverTimes.get(kind) ?? []).sort((a, b) => a - b), 99));
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const login = await fetch(`${address}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'commander', password: 'anning2022' }) });
  const cookie = login.headers.get('set-cookie')!.split(';')[0];
  const rng = new Rng(7);

  const measure = (n: number, url: () => string) => timeRequests(Array.from({ length: n + 50 }, url), cookie, 50);

  const health = await measure(2000, () => `${address}/api/health`);
  const idLookups = await measure(2000, () => `${address}/api/v1/people?idNumber=${rng.pick(ids)}`);
  const community = await measure(1000, () => `${address}/api/v1/people?region=${rng.pick(communities)}&pageSize=50&page=${rng.intBetween(1, 5)}`);
  const township = await measure(500, () => `${address}/api/v1/people?region=${rng.pick(townships)}&pageSize=50&page=${rng.intBetween(1, 20)}`);
  const wrkIds = await wrkLatency(address, cookie, ids);
  await app.close();
  await ctx.handle.close();
  db.dispose();
  report('lookup', dialect, size, {
    residents: population,
    health_p99_ms: round(percentile(health, 99)),
    id_lookup_p50_ms: round(percentile(idLookups, 50)), id_lookup_p99_ms: round(percentile(idLookups, 99)),
    id_lookup_server_p99_ms: serverP99('id'), page_server_p99_ms: serverP99('page'),
    ...(wrkIds ? { id_lookup_wrk_p50_ms: wrkIds.p50, id_lookup_wrk_p99_ms: wrkIds.p99, health_wrk_p99_ms: wrkIds.healthP99 } : {}),
    community_page_p50_ms: round(percentile(community, 50)), community_page_p99_ms: round(percentile(community, 99)),
    township_page_p50_ms: round(percentile(township, 50)), township_page_p99_ms: round(percentile(township, 99)),
  });
}

/**
 * The same ID lookups from wrk (a C client, `apt-get install wrk`), when it is installed: one
 * connection for 10 s, cycling through the sampled IDs. A client in C disturbs the server least.
 */
async function wrkLatency(address: string, cookie: string, ids: string[]): Promise<{ p50: number; p99: number; healthP99: number } | null> {
  if (spawnSync('wrk', ['--version']).error) return null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anning-wrk-'));
  fs.writeFileSync(path.join(dir, 'ids.txt'), ids.join('\n'));
  fs.writeFileSync(path.join(dir, 'ids.lua'), `
local ids = {}
for line in io.lines("${path.join(dir, 'ids.txt')}") do ids[#ids + 1] = line end
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", "/api/v1/people?idNumber=" .. ids[(i % #ids) + 1], { ["cookie"] = "${cookie}" })
end`);
  const run = (args: string[]) => new Promise<string>((resolve) => {
    const child = spawn('wrk', args);
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('close', () => resolve(out));
  });
  const quantile = (out: string, q: string) => {
    const m = new RegExp(`${q}%\\s+([\\d.]+)(us|ms|s)`).exec(out);
    if (!m) return NaN;
    return round(Number(m[1]) * (m[2] === 'us' ? 0.001 : m[2] === 's' ? 1000 : 1));
  };
  const lookups = await run(['-t1', '-c1', '-d10s', '--latency', '-s', path.join(dir, 'ids.lua'), address]);
  const health = await run(['-t1', '-c1', '-d5s', '--latency', `${address}/api/health`]);
  fs.rmSync(dir, { recursive: true, force: true });
  return { p50: quantile(lookups, '50'), p99: quantile(lookups, '99'), healthP99: quantile(health, '99') };
}
