// Worker thread for benchmarks: requests the given URLs one at a time on a keep-alive connection and
// posts back each latency in ms. Its own event loop and heap keep client work out of the server's.
import { parentPort, workerData } from 'node:worker_threads';

const { urls, cookie, warmup } = workerData;
const times = [];
for (let i = 0; i < urls.length; i++) {
  const t = performance.now();
  const res = await fetch(urls[i], { headers: { cookie } });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${res.status} for ${urls[i]}`);
  if (i >= warmup) times.push(performance.now() - t);
}
parentPort.postMessage(times);
