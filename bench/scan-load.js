// Worker thread for the scan benchmarks: sends pre-made scans over raw keep-alive TCP connections
// (HTTP/1.1 written and read by hand: several times cheaper than node:http, so that on two shared cores
// the client is not what limits the run), paced evenly at a rate or as fast as answers come back. For
// each scan it reports latency (request written → answer read), status, and whether it was
// acknowledged; refused (503/429) and failed scans are retried after Retry-After with backoff, as the
// sampler's page does from its queue, when asked to: at once (`retry: true`) or only once the paced
// phase is over (`retry: 'after'`, so that the paced phase measures exactly the rate offered).
import net from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';

const { url, cookie, bodies, ids, rate, seconds, sockets, retry } = workerData;
const { hostname, port } = new URL(url);
const head = (length) => `POST /api/v1/testing/scans HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Type: application/json\r\n` +
  `Cookie: ${cookie}\r\nContent-Length: ${length}\r\n\r\n`;

const latencies = [];
const refusals = [];
const statuses = {};
const acknowledged = new Set();
const waiting = [];
/** The index a connection's warm-up request carries. */
const WARM_UP = -2;
/** Scans to retry, soonest first (a binary heap: tens of thousands of refusals must not be sorted each time). */
const retryQueue = {
  items: [],
  get length() {
    return this.items.length;
  },
  peek() {
    return this.items[0];
  },
  push(item) {
    const a = this.items;
    a.push(item);
    for (let i = a.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (a[parent].at <= a[i].at) break;
      [a[parent], a[i]] = [a[i], a[parent]];
      i = parent;
    }
  },
  shift() {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0) {
      a[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l].at < a[m].at) m = l;
        if (r < a.length && a[r].at < a[m].at) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i], a[m]];
        i = m;
      }
    }
    return top;
  },
};
const attempts = new Map();
let next = 0;

/** As the sampler's page does: after Retry-After, doubled on each refusal of the same scan, with jitter. */
function retryLater(index, seconds) {
  const n = (attempts.get(index) ?? 0) + 1;
  attempts.set(index, n);
  const delay = Math.min(30, seconds * 2 ** (n - 1)) * (0.5 + Math.random());
  const from = retry === 'after' ? Math.max(performance.now(), end) : performance.now();
  retryQueue.push({ index, at: from + delay * 1000 });
}

function finish(index, status, retryAfter, ms, started) {
  statuses[status] = (statuses[status] ?? 0) + 1;
  // Latencies are of the paced phase only: the catch-up after it is counted, not timed.
  const paced = started <= end;
  if (status === 200 || status === 201) {
    if (paced) latencies.push(ms);
    acknowledged.add(ids[index]);
  } else if (status === 503 || status === 429) {
    if (paced) refusals.push(ms);
    if (retry) retryLater(index, retryAfter);
  }
}

/** One keep-alive connection carrying one request at a time. */
function connection() {
  const conn = { busy: false, index: -1, started: 0, buffer: Buffer.alloc(0), socket: null };
  const open = () => {
    conn.socket = net.connect({ host: hostname, port: Number(port), noDelay: true });
    conn.socket.on('data', (chunk) => {
      conn.buffer = conn.buffer.length ? Buffer.concat([conn.buffer, chunk]) : chunk;
      const end = conn.buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const header = conn.buffer.subarray(0, end).toString('latin1');
      const length = Number(/content-length: *(\d+)/i.exec(header)?.[1] ?? 0);
      if (conn.buffer.length < end + 4 + length) return;
      conn.buffer = conn.buffer.subarray(end + 4 + length);
      const status = Number(header.slice(9, 12));
      const retryAfter = Number(/retry-after: *(\d+)/i.exec(header)?.[1] ?? 1);
      const index = conn.index;
      conn.busy = false;
      if (index === WARM_UP) {
        conn.warm = true;
        return;
      }
      finish(index, status, retryAfter, performance.now() - conn.started, conn.started);
      pump();
    });
    conn.socket.on('error', () => {});
    conn.socket.on('close', () => {
      if (conn.busy) {
        statuses.error = (statuses.error ?? 0) + 1;
        if (retry) retryLater(conn.index, 0.5);
      }
      conn.busy = true;
      conn.buffer = Buffer.alloc(0);
      // A server gone (killed, restarting): try again shortly.
      setTimeout(() => {
        conn.busy = false;
        open();
        pump();
      }, 200);
    });
  };
  open();
  conn.send = (index) => {
    conn.busy = true;
    conn.index = index;
    conn.started = performance.now();
    const body = bodies[index];
    conn.socket.write(head(Buffer.byteLength(body)) + body);
  };
  return conn;
}

const pool = Array.from({ length: sockets }, connection);
function pump() {
  for (const conn of pool) {
    if (waiting.length === 0) return;
    if (!conn.busy && conn.socket && !conn.socket.connecting) conn.send(waiting.shift());
  }
}

// Every connection is opened and has carried one request before the clock starts: the paced phase
// measures scans, not a storm of 1,024 TCP handshakes and first reads (which took seconds on 2 cores).
await new Promise((resolve) => {
  const warmUp = () => {
    for (const conn of pool) {
      if (!conn.warm && !conn.busy && conn.socket && !conn.socket.connecting) {
        conn.busy = true;
        conn.index = WARM_UP;
        conn.socket.write(`GET /api/health HTTP/1.1\r\nHost: ${hostname}:${port}\r\n\r\n`);
      }
    }
    if (pool.every((c) => c.warm)) resolve();
    else setTimeout(warmUp, 5);
  };
  warmUp();
});
const t0 = performance.now();
const end = t0 + seconds * 1000;
await new Promise((resolve) => {
  const tick = () => {
    const now = performance.now();
    if (rate > 0) {
      // Evenly paced: every scan due by now goes out now (a late timer catches up, it does not skip).
      const due = Math.min(bodies.length, Math.floor(((Math.min(now, end) - t0) / 1000) * rate));
      while (next < due) waiting.push(next++);
    } else if (now < end) {
      const idle = pool.filter((c) => !c.busy).length;
      for (let i = waiting.length; i < idle && next < bodies.length; i++) waiting.push(next++);
    }
    // Retries go out at most at the paced rate, so a catch-up does not become a burst of its own.
    let budget = rate > 0 ? Math.max(1, Math.ceil(rate / 1000)) : Infinity;
    while (retryQueue.length > 0 && retryQueue.peek().at <= now && budget-- > 0) waiting.push(retryQueue.shift().index);
    pump();
    const busy = pool.some((c) => c.busy);
    const drained = now >= end && !busy && waiting.length === 0 && (!retry || retryQueue.length === 0);
    if (drained || now > end + 60_000) resolve();
    else setTimeout(tick, 1);
  };
  tick();
});
for (const c of pool) c.socket.destroy();
parentPort.postMessage({ offered: next, seconds: (performance.now() - t0) / 1000, latencies, refusals, statuses,
  acknowledged: [...acknowledged], unsent: waiting.length });
