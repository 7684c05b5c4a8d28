import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../src/server/platform/config.js';
import { openContext } from '../src/server/platform/bootstrap.js';
import { seedDemo } from '../src/server/seed/index.js';
import { ensureWebBuilt } from '../src/server/server.js';
import { TEMPLATE_DB, TEST_SECRET } from './support/env.js';

/**
 * Once per run: a PostgreSQL server (the one CI started, or a private one), and the small demo
 * district seeded once per engine as a template that each test copies. A missing PostgreSQL is a
 * failure, never a skip: both engines always run.
 */
let privatePgDir: string | undefined;
let workDir: string;

export async function setup(project: TestProject): Promise<void> {
  let pgUrl = process.env.ANNING_TEST_PG_URL;
  if (!pgUrl) {
    const out = execFileSync('bash', [path.resolve('scripts/test-postgres.sh'), 'start'], { encoding: 'utf8' });
    pgUrl = /ANNING_TEST_PG_URL=(\S+)/.exec(out)?.[1];
    privatePgDir = /ANNING_TEST_PG_DIR=(\S+)/.exec(out)?.[1];
    if (!pgUrl) throw new Error(`could not start a test PostgreSQL:\n${out}`);
  }
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'anning-test-'));
  const sqliteTemplate = path.join(workDir, 'template.sqlite');

  await seedTemplate(`sqlite:${sqliteTemplate}`);
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${TEMPLATE_DB}`);
  await admin.query(`create database ${TEMPLATE_DB}`);
  await admin.end();
  await seedTemplate(withDatabase(pgUrl, TEMPLATE_DB));

  // Browser tests start real servers; build the UI once here rather than racing in each.
  // (ANNING_TEST_NO_WEB=1 skips it for a quick local run of API tests only; browser tests then fail.)
  if (!process.env.ANNING_TEST_NO_WEB) await ensureWebBuilt();

  project.provide('pgUrl', pgUrl);
  project.provide('sqliteTemplate', sqliteTemplate);
}

async function seedTemplate(databaseUrl: string): Promise<void> {
  const config = { ...loadConfig({ ANNING_SECRET: TEST_SECRET }), databaseUrl, seed: 'none' as const };
  const { ctx } = await openContext(config);
  await seedDemo(ctx, { size: 'small', seed: 1 });
  await ctx.handle.close();
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function teardown(): Promise<void> {
  if (privatePgDir) execFileSync('bash', [path.resolve('scripts/test-postgres.sh'), 'stop', privatePgDir]);
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
}
