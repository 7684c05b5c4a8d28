import { benchArgs, percentile, report, round } from './lib.js';
import { prepareScanDistrict, runLoad, signIn, startServerProcess } from './scan-lib.js';

/**
 * The Xi'an and Chengdu lesson: a burst far above plan. Capacity is measured first, after a warm-up
 * (as fast as answers come back); then twice that is offered, evenly paced, for 10 s. Excess must be refused fast
 * (503/429 with Retry-After), accepted scans keep their latency, the process stays up, and service
 * is back as soon as the burst ends. Refused scans are retried from the client's queue after the burst,
 * as the sampler's page does after Retry-After, and all of them end up stored.
 */
const BURST_SECONDS = 10;

export async function run(args: string[]): Promise<void> {
  const { dialect, size } = benchArgs(args);
  const district = await prepareScanDistrict(dialect, size, 2);
  const server = await startServerProcess(district.databaseUrl);
  const cookies = await Promise.all(district.samplers.map((u) => signIn(server.url, u)));
  const base = { url: server.url, siteId: district.siteId, cookies, idNumbers: district.idNumbers };
  // Three seconds to warm the server (JIT, caches, the database's pages, the writer's thread), then capacity.
  await runLoad({ ...base, rate: 0, seconds: 3, socketsPerClient: 32, runTag: 'WARM', offset: 200_000 });
  const capacityRun = await runLoad({ ...base, rate: 0, seconds: 5, socketsPerClient: 32, runTag: 'CAP', offset: 0 });
  const capacity = capacityRun.latencies.length / capacityRun.seconds;
  const offered = Math.round(capacity * 2);
  const burst = await runLoad({ ...base, rate: offered, seconds: BURST_SECONDS, socketsPerClient: 512, retry: 'after', runTag: 'BURST', offset: 60_000 });
  const crashed = server.child.exitCode !== null || server.child.signalCode !== null;
  // After the burst: a calm second at half capacity should see no refusals at all.
  const after = crashed ? undefined
    : await runLoad({ ...base, rate: Math.round(capacity / 2), seconds: 3, socketsPerClient: 32, runTag: 'AFTER', offset: 300_000 });
  if (!crashed) await server.stop();
  district.dispose();
  const shed = (burst.statuses['503'] ?? 0) + (burst.statuses['429'] ?? 0);
  report('scan-overload', dialect, size, {
    capacity_per_s: Math.round(capacity), capacity_p99_ms: round(percentile(capacityRun.latencies, 99)),
    offered_per_s: offered, offered: burst.offered, accepted_per_s: Math.round(burst.latencies.length / BURST_SECONDS), shed, shed_p99_ms: round(percentile(burst.refusals, 99)),
    accepted_p50_ms: round(percentile(burst.latencies, 50)), accepted_p99_ms: round(percentile(burst.latencies, 99)),
    acknowledged_after_retries: burst.acknowledged.length, crashed: crashed ? 1 : 0,
    after_burst_refused: after ? (after.statuses['503'] ?? 0) + (after.statuses['429'] ?? 0) : -1,
    after_burst_p99_ms: after ? round(percentile(after.latencies, 99)) : -1,
    statuses: JSON.stringify(burst.statuses),
  });
}
