import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { BENCH_SECRET, benchContext, benchDatabase } from './lib.js';
import { runInWorker } from '../src/server/platform/worker.js';
import { generateDemoDistrict, type DemoSize } from '../src/server/seed/demo-district.js';
import { addUser } from '../src/server/modules/users/index.js';
import { assignSampler, createRound, createSite } from '../src/server/modules/testing/index.js';
import { DEMO_PASSWORD } from '../src/server/seed/index.js';

/** A seeded district with an open district-wide round, one site, and samplers assigned to it. */
export interface ScanDistrict {
  databaseUrl: string;
  siteId: string;
  samplers: string[];
  /** ID numbers of residents, in random order: each scan of a run takes the next. */
  idNumbers: string[];
  residents: number;
  dispose(): void;
}

export async function prepareScanDistrict(dialect: 'sqlite' | 'postgres', size: DemoSize, samplers = 8): Promise<ScanDistrict> {
  const db = await benchDatabase(dialect);
  const ctx = await benchContext(db.databaseUrl);
  await runInWorker(new URL('../src/server/seed/index.ts', import.meta.url).href, 'seedInWorker', { config: ctx.config, size, seed: 1 });
  const now = Date.now();
  await createRound(ctx, null, { name: '压测轮次', regionCodes: ['630106'], startsAt: new Date(now - 3_600_000).toISOString(),
    endsAt: new Date(now + 86_400_000).toISOString() });
  const site = await createSite(ctx, null, { name: '压测采样点', regionCode: '630106105', zoneLevel: 'low', opensAt: '00:00',
    closesAt: '23:59', tableCount: 50 });
  const names: string[] = [];
  for (let i = 1; i <= samplers; i++) {
    const user = await addUser(ctx.handle.db, null, { username: `bench_sampler_${i}`, password: DEMO_PASSWORD, displayName: `压测采样员${i}`,
      role: 'sampler', scopes: [{ code: '630106', capture: true }] });
    await assignSampler(ctx, null, site.id, user.id);
    names.push(user.username);
  }
  await ctx.handle.close();
  const district = generateDemoDistrict({ size, seed: 1 });
  const idNumbers = district.residents.map((r) => r.idNumber);
  // A fixed shuffle: scans of a run are spread over the district as a real round's are.
  for (let i = idNumbers.length - 1; i > 0; i--) {
    const j = (i * 7919 + 17) % (i + 1);
    [idNumbers[i], idNumbers[j]] = [idNumbers[j], idNumbers[i]];
  }
  return { databaseUrl: db.databaseUrl, siteId: site.id, samplers: names, idNumbers, residents: idNumbers.length, dispose: db.dispose };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(p));
    });
  });
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** SIGTERM and wait. */
  stop(): Promise<void>;
  /** kill -9, as a power cut or the OOM killer would. */
  kill(): Promise<void>;
}

/** `anning start` as a server of its own (its own process group, the serving heap), on an existing database. */
export async function startServerProcess(databaseUrl: string, onPort?: number): Promise<ServerProcess> {
  const port = onPort ?? (await freePort());
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'anning-scan-'));
  // ANNING_BENCH_SERVER_FLAGS adds node flags to the server (e.g. --cpu-prof to see where a scan's time goes).
  const extra = (process.env.ANNING_BENCH_SERVER_FLAGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, ['--max-semi-space-size=4', ...extra, 'bin/anning.js', 'start'], {
    detached: true, stdio: ['ignore', process.env.ANNING_BENCH_SERVER_STDOUT ? 'inherit' : 'ignore', 'inherit'],
    env: { ...process.env, PORT: String(port), DATABASE_URL: databaseUrl, ANNING_DATA_DIR: dataDir, ANNING_SECRET: BENCH_SECRET,
      ANNING_SEED: 'none', LOG_LEVEL: 'error', ANNING_WEB_UI: 'off' },
  });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const ended = () => new Promise<void>((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.once('exit', () => r())));
  return {
    url, child,
    async stop() {
      process.kill(-child.pid!, 'SIGTERM');
      await ended();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
    async kill() {
      process.kill(-child.pid!, 'SIGKILL');
      await ended();
    },
  };
}

/** CPU seconds the server process has used so far (all its threads), from /proc: noise-free cost per scan. */
export function cpuSeconds(server: ServerProcess): number {
  const stat = fs.readFileSync(`/proc/${server.child.pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

export async function signIn(url: string, username: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  if (!res.ok) throw new Error(`login ${username}: ${res.status}`);
  return res.headers.get('set-cookie')!.split(';')[0];
}

/** An empty Fastify route on this machine, now: the yardstick every throughput figure is divided by. */
export async function emptyRoute(): Promise<{ url: string; close(): Promise<void> }> {
  const app = Fastify();
  app.get('/', async () => ({ ok: true }));
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url, close: () => app.close() };
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Client-made scan ids (ULID form): a time prefix and a counter, unique across a run and its clients. */
export function scanIdMaker(client: number): () => string {
  let t = Date.now();
  let prefix = '';
  for (let i = 0; i < 10; i++) {
    prefix = CROCKFORD[t % 32] + prefix;
    t = Math.floor(t / 32);
  }
  let n = 0;
  return () => {
    let s = '';
    let v = n++;
    for (let i = 0; i < 12; i++) {
      s = CROCKFORD[v % 32] + s;
      v = Math.floor(v / 32);
    }
    return prefix + CROCKFORD[Math.floor(client / 32) % 32] + CROCKFORD[client % 32] + 'ZZ' + s;
  };
}

/** The JSON body of one scan: the i-th swab of a client, ten to a tube. */
export function scanBody(siteId: string, id: string, client: number, i: number, idNumber: string, runTag: string): string {
  return JSON.stringify({ id, tubeBarcode: `${runTag}-${client}-${Math.floor(i / 10)}`, siteId, sampledAt: new Date().toISOString(),
    subject: { idNumber } });
}

export interface LoadResult {
  offered: number;
  seconds: number;
  /** Latencies (ms, sorted) of acknowledged scans, and of refusals (503/429). */
  latencies: number[];
  refusals: number[];
  statuses: Record<string, number>;
  acknowledged: string[];
}

export interface LoadPlan {
  url: string;
  siteId: string;
  cookies: string[];
  idNumbers: string[];
  /** Total scans per second over all clients (evenly paced), or 0 for as fast as answered. */
  rate: number;
  seconds: number;
  socketsPerClient: number;
  /** Retry refused scans at once, or only after the paced phase ('after'). */
  retry?: boolean | 'after';
  /** Distinguishes the tubes of one run from another's. */
  runTag: string;
  /** Where in the ID list this run starts (so runs on one database sample different people). */
  offset?: number;
}

/** Scans from one worker thread per cookie (sampler), each with its own tubes and its own people. */
export async function runLoad(plan: LoadPlan): Promise<LoadResult> {
  const { Worker } = await import('node:worker_threads');
  const clients = plan.cookies.length;
  // As fast as answered: room for 10,000 scans a second, far above what two cores reach.
  const perClient = Math.ceil(((plan.rate > 0 ? plan.rate : 10_000) * plan.seconds * 1.05) / clients);
  const results = await Promise.all(plan.cookies.map((cookie, c) => {
    const nextId = scanIdMaker(c + (plan.offset ?? 0) % 1000);
    const ids: string[] = [];
    const bodies: string[] = [];
    for (let i = 0; i < perClient; i++) {
      const id = nextId();
      ids.push(id);
      bodies.push(scanBody(plan.siteId, id, c, i, plan.idNumbers[((plan.offset ?? 0) + c * perClient + i) % plan.idNumbers.length], plan.runTag));
    }
    const worker = new Worker(new URL('./scan-load.js', import.meta.url), { workerData: {
      url: plan.url, cookie, bodies, ids, rate: plan.rate / clients, seconds: plan.seconds, sockets: plan.socketsPerClient,
      retry: plan.retry ?? false } });
    return new Promise<LoadResult>((resolve, reject) => {
      worker.once('message', (m) => {
        void worker.terminate();
        resolve(m);
      });
      worker.once('error', reject);
    });
  }));
  const statuses: Record<string, number> = {};
  for (const r of results) for (const [k, v] of Object.entries(r.statuses)) statuses[k] = (statuses[k] ?? 0) + v;
  return {
    offered: results.reduce((n, r) => n + r.offered, 0),
    seconds: Math.max(...results.map((r) => r.seconds)),
    latencies: results.flatMap((r) => r.latencies).sort((a, b) => a - b),
    refusals: results.flatMap((r) => r.refusals).sort((a, b) => a - b),
    statuses,
    acknowledged: results.flatMap((r) => r.acknowledged),
  };
}
