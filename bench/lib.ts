import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadConfig } from '../src/server/platform/config.js';
import { openContext } from '../src/server/platform/bootstrap.js';
import type { AppContext } from '../src/server/platform/context.js';

export const BENCH_SECRET = 'anning-bench-secret-0123456789abcdef';

export function benchArgs(args: string[]) {
  const { values } = parseArgs({ args, options: { dialect: { type: 'string', default: 'sqlite' }, size: { type: 'string', default: 'full' } } });
  if (values.dialect !== 'sqlite' && values.dialect !== 'postgres') throw new Error('--dialect sqlite|postgres');
  if (values.size !== 'full' && values.size !== 'small') throw new Error('--size full|small');
  return { dialect: values.dialect as 'sqlite' | 'postgres', size: values.size as 'full' | 'small' };
}

/** A fresh database on the engine asked for: a temp SQLite file, or a private PostgreSQL server. */
export async function benchDatabase(dialect: 'sqlite' | 'postgres'): Promise<{ databaseUrl: string; dispose(): void }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anning-bench-'));
  if (dialect === 'sqlite') {
    return { databaseUrl: `sqlite:${path.join(dir, 'bench.sqlite')}`, dispose: () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  // Benchmarks run durable: the test cluster's fsync=off would flatter PostgreSQL.
  const out = execFileSync('bash', ['scripts/test-postgres.sh', 'start', '--durable'], { encoding: 'utf8' });
  const url = /ANNING_TEST_PG_URL=(\S+)/.exec(out)![1];
  const pgDir = /ANNING_TEST_PG_DIR=(\S+)/.exec(out)![1];
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const durable = await admin.query<{ name: string; setting: string }>(
    "select name, setting from pg_settings where name in ('fsync', 'synchronous_commit', 'full_page_writes')");
  if (durable.rows.some((r) => r.setting !== 'on')) throw new Error(`benchmark PostgreSQL is not durable: ${JSON.stringify(durable.rows)}`);
  await admin.query('create database bench');
  await admin.end();
  const u = new URL(url);
  u.pathname = '/bench';
  return {
    databaseUrl: u.toString(),
    dispose: () => {
      execFileSync('bash', ['scripts/test-postgres.sh', 'stop', pgDir]);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function benchContext(databaseUrl: string, opts: { serving?: boolean } = {}): Promise<AppContext> {
  const config = { ...loadConfig({ ANNING_SECRET: BENCH_SECRET, ANNING_SEED: 'none' }), databaseUrl };
  return (await openContext(config, { quiet: true, serving: opts.serving })).ctx;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export const round = (n: number, digits = 2) => Number(n.toFixed(digits));

/** The one line every benchmark ends with (DESIGN.md, Benchmarks). */
export function report(bench: string, dialect: string, size: unknown, figures: Record<string, number | string>): void {
  const cpu = os.cpus();
  console.log(JSON.stringify({
    bench, dialect, size, figures,
    machine: { cpus: cpu.length, model: cpu[0]?.model, memGb: Math.round(os.totalmem() / 2 ** 30), node: process.version },
    command: `npm run bench -- ${process.argv.slice(2).join(' ')}`,
  }));
}
