import { benchArgs, percentile, report, round } from './lib.js';
import { prepareScanDistrict, runLoad, signIn, startServerProcess } from './scan-lib.js';

const RATE = 1000;
const SECONDS = 60;

/** 1,000 scans a second, paced evenly (not in bursts), for a minute: the latency a sampler feels at a steady peak. */
export async function run(args: string[]): Promise<void> {
  const { dialect, size } = benchArgs(args);
  const district = await prepareScanDistrict(dialect, size, 2);
  const server = await startServerProcess(district.databaseUrl);
  const cookies = await Promise.all(district.samplers.map((u) => signIn(server.url, u)));
  // A few seconds at the same rate first, so the figures are of a warm server.
  await runLoad({ url: server.url, siteId: district.siteId, cookies, idNumbers: district.idNumbers, rate: RATE, seconds: 5,
    socketsPerClient: 16, runTag: 'WARM', offset: 300_000 });
  const load = await runLoad({ url: server.url, siteId: district.siteId, cookies, idNumbers: district.idNumbers, rate: RATE,
    seconds: SECONDS, socketsPerClient: 16, runTag: 'STEADY' });
  await server.stop();
  district.dispose();
  const ok = load.latencies.length;
  report('scan-steady', dialect, size, {
    residents: district.residents, seconds: round(load.seconds, 1), offered: load.offered, rate: Math.round(ok / load.seconds),
    p50_ms: round(percentile(load.latencies, 50)), p99_ms: round(percentile(load.latencies, 99)),
    p999_ms: round(percentile(load.latencies, 99.9)), max_ms: round(load.latencies[ok - 1] ?? NaN),
    errors: load.offered - load.acknowledged.length, sent_after_window: load.acknowledged.length - ok, statuses: JSON.stringify(load.statuses),
  });
}
