import { benchArgs, benchContext, benchDatabase, percentile, report, round } from './lib.js';
import { seedDemo } from '../src/server/seed/index.js';
import { generateDemoDistrict } from '../src/server/seed/demo-district.js';
import { buildApp } from '../src/server/app.js';
import { Rng } from '../src/server/seed/rng.js';

/**
 * Latency over HTTP at full district size, one request at a time on a keep-alive connection:
 * an exact ID-number lookup (blind index), a 50-row page of a community's ledger, a 50-row page of a
 * township's, and the health route as the same run's floor.
 */
export async function run(args: string[]): Promise<void> {
  const { dialect, size } = benchArgs(args);
  const db = await benchDatabase(dialect);
  const ctx = await benchContext(db.databaseUrl, { serving: true });
  await seedDemo(ctx, { size, seed: 1 });
  const district = generateDemoDistrict({ size, seed: 1 });
  const app = await buildApp(ctx);
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const login = await fetch(`${address}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'commander', password: 'anning2022' }) });
  const cookie = login.headers.get('set-cookie')!.split(';')[0];
  const rng = new Rng(7);
  const communities = district.regions.filter((r) => r.level === 'community').map((r) => r.code);
  const townships = district.regions.filter((r) => r.level === 'township').map((r) => r.code);

  async function measure(n: number, url: () => string): Promise<number[]> {
    const times: number[] = [];
    for (let i = 0; i < n + 50; i++) {
      const t = performance.now();
      const res = await fetch(url(), { headers: { cookie } });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${res.status} for ${url()}`);
      if (i >= 50) times.push(performance.now() - t); // the first 50 warm up
    }
    return times.sort((a, b) => a - b);
  }

  const health = await measure(2000, () => `${address}/api/health`);
  const ids = await measure(2000, () => `${address}/api/v1/people?idNumber=${rng.pick(district.residents).idNumber}`);
  const community = await measure(1000, () => `${address}/api/v1/people?region=${rng.pick(communities)}&pageSize=50&page=${rng.intBetween(1, 5)}`);
  const township = await measure(500, () => `${address}/api/v1/people?region=${rng.pick(townships)}&pageSize=50&page=${rng.intBetween(1, 20)}`);
  await app.close();
  await ctx.handle.close();
  db.dispose();
  report('lookup', dialect, size, {
    residents: district.residents.length,
    health_p99_ms: round(percentile(health, 99)),
    id_lookup_p50_ms: round(percentile(ids, 50)), id_lookup_p99_ms: round(percentile(ids, 99)),
    community_page_p50_ms: round(percentile(community, 50)), community_page_p99_ms: round(percentile(community, 99)),
    township_page_p50_ms: round(percentile(township, 50)), township_page_p99_ms: round(percentile(township, 99)),
  });
}
