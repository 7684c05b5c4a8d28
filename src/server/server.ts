import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from './platform/config.js';
import { openContext } from './platform/bootstrap.js';
import { sweepInterruptedJobs } from './platform/jobs.js';
import { runInWorker } from './platform/worker.js';
import { buildApp } from './app.js';
import { isSeeded, demoAccounts } from './seed/index.js';
import { printAccounts } from './cli.js';
import { startFlowTimers } from './flows.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const WEB_ROOT = path.join(ROOT, 'dist/web');
const SEED_MODULE = new URL('./seed/index.ts', import.meta.url).href;

/** Builds the web UI when it is missing or older than its sources (first start on a fresh clone). */
export async function ensureWebBuilt(): Promise<void> {
  const newest = (dir: string): number =>
    fs.readdirSync(dir, { withFileTypes: true }).reduce((max, e) => {
      const p = path.join(dir, e.name);
      return Math.max(max, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
    }, 0);
  const built = path.join(WEB_ROOT, 'index.html');
  const sources = Math.max(newest(path.join(ROOT, 'src/web')), newest(path.join(ROOT, 'src/shared')));
  if (fs.existsSync(built) && fs.statSync(built).mtimeMs >= sources) return;
  console.log('building the web UI (first start or sources changed)…');
  const { build } = await import('vite');
  // Always a production bundle, also when a test runner (NODE_ENV=test) asks for the build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: path.join(ROOT, 'vite.config.ts'), mode: 'production', logLevel: 'warn' });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}

/** How often a serving node looks for jobs orphaned by a process that died (PostgreSQL: any node's). */
const JOB_SWEEP_MS = 60_000;

export async function startServer(config: Config): Promise<void> {
  const startedAt = new Date().toISOString();
  const { ctx } = await openContext(config, { serving: true });
  const sweep = () => sweepInterruptedJobs(ctx.handle, startedAt).catch((err: unknown) => console.error('job sweep failed', err));
  await sweep();
  const sweeper = ctx.handle.dialect === 'postgres' ? setInterval(() => void sweep(), JOB_SWEEP_MS).unref() : undefined;
  if (config.seed !== 'none' && !(await isSeeded(ctx.handle.db))) {
    console.log(`seeding the demo district (${config.seed}) — first start only`);
    await runInWorker(SEED_MODULE, 'seedInWorker', { config, size: config.seed, seed: 1 });
  }
  if (config.webUi) await ensureWebBuilt();
  const app = await buildApp(ctx, { webRoot: config.webUi ? WEB_ROOT : undefined, logger: { level: config.logLevel } });
  let stopTimers = () => {};
  const close = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    stopTimers();
    clearInterval(sweeper);
    await app.close();
    await ctx.handle.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void close('SIGINT'));
  process.once('SIGTERM', () => void close('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  stopTimers = startFlowTimers(ctx.handle.db, (err) => app.log.error({ err }, 'missed-test sweep failed'));
  if (config.seed !== 'none') printAccounts(demoAccounts());
  console.log(`\nAnning is serving on http://${config.host}:${config.port} (${ctx.handle.dialect})\n`);
}
