import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { hasWrk, wrk } from './wrk.js';

/** Latencies (ms, sorted) of the URLs, requested one at a time by a client on its own thread; the first `warmup` are not counted. */
export async function timeRequests(urls: string[], cookie: string, warmup: number): Promise<number[]> {
  const worker = new Worker(new URL('./http-client.js', import.meta.url), { workerData: { urls, cookie, warmup } });
  const times = await new Promise<number[]>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  await worker.terminate();
  return times.sort((a, b) => a - b);
}

/**
 * The same GETs from wrk (the lightest client for two shared cores), one connection for 10 s, the paths
 * taken in turn; its p50, p99, rate and errors, or nothing when wrk is not installed.
 */
export async function wrkOverPaths(serverUrl: string, paths: string[], cookie: string): Promise<Record<string, number>> {
  if (!hasWrk()) return {};
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anning-wrk-'));
  const script = path.join(dir, 'paths.lua');
  fs.writeFileSync(script, `
local paths = { ${paths.map((p) => JSON.stringify(p)).join(', ')} }
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1], { ["cookie"] = "${cookie}" })
end`);
  try {
    const w = await wrk(['-t1', '-c1', '-d10s', '-s', script, serverUrl]);
    return { wrk_p50_ms: w.p50, wrk_p99_ms: w.p99, wrk_rps: w.rps, wrk_errors: w.non2xx };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
