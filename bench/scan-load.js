// Worker thread for the scan benchmarks: sends pre-made scan bodies to the server over keep-alive
// connections, paced evenly at a rate (or as fast as answers come back), and reports for each scan
// its latency, status and whether it was acknowledged. Retries refused (503/429) and failed scans
// after Retry-After, as the sampler's page does from its queue, when asked to.
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

const { url, cookie, bodies, ids, rate, seconds, sockets, retry } = workerData;
const target = new URL('/api/v1/testing/scans', url);
const agent = new http.Agent({ keepAlive: true, maxSockets: sockets });

const sent = [];
const latencies = [];
const refusals = [];
const statuses = {};
const acknowledged = new Set();
let inFlight = 0;
let next = 0;
const retryQueue = [];

function send(index) {
  const body = bodies[index];
  const started = performance.now();
  inFlight++;
  const req = http.request(target, { method: 'POST', agent, headers: { 'content-type': 'application/json', cookie,
    'content-length': Buffer.byteLength(body) } }, (res) => {
    res.resume();
    res.on('end', () => {
      inFlight--;
      const ms = performance.now() - started;
      statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
      if (res.statusCode === 200 || res.statusCode === 201) {
        latencies.push(ms);
        acknowledged.add(ids[index]);
      } else if (res.statusCode === 503 || res.statusCode === 429) {
        refusals.push(ms);
        if (retry) retryQueue.push({ index, at: performance.now() + Number(res.headers['retry-after'] ?? 1) * 1000 });
      }
    });
  });
  req.on('error', () => {
    inFlight--;
    statuses.error = (statuses.error ?? 0) + 1;
    if (retry) retryQueue.push({ index, at: performance.now() + 500 });
  });
  req.end(body);
  sent.push(index);
}

const t0 = performance.now();
const end = t0 + seconds * 1000;
await new Promise((resolve) => {
  const tick = () => {
    const now = performance.now();
    if (rate > 0) {
      // Evenly paced: every scan due by now goes out now (a late timer catches up, it does not skip).
      const due = Math.min(bodies.length, Math.floor(((Math.min(now, end) - t0) / 1000) * rate));
      while (next < due) send(next++);
    } else {
      while (inFlight < sockets && next < bodies.length && now < end) send(next++);
    }
    while (retryQueue.length > 0 && retryQueue[0].at <= now) send(retryQueue.shift().index);
    const drained = now >= end && inFlight === 0 && (!retry || retryQueue.length === 0);
    if (drained || now > end + 30_000) resolve();
    else setTimeout(tick, rate > 0 ? 1 : 0);
  };
  tick();
});
agent.destroy();
parentPort.postMessage({ offered: next, seconds: (performance.now() - t0) / 1000, latencies, refusals, statuses,
  acknowledged: [...acknowledged] });
