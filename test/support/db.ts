import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { loadConfig } from '../../src/server/platform/config.js';
import { openContext } from '../../src/server/platform/bootstrap.js';
import type { AppContext } from '../../src/server/platform/context.js';
import { TEMPLATE_DB, TEST_SECRET, type TestDialect } from './env.js';

export interface TestDatabase {
  ctx: AppContext;
  databaseUrl: string;
  close(): Promise<void>;
}

/**
 * A database of its own for one test file: a copy of the seeded small district (or an empty,
 * migrated one), on the engine asked for. Nothing is shared between files.
 */
export async function testDatabase(dialect: TestDialect, opts: { seeded?: boolean } = {}): Promise<TestDatabase> {
  const seeded = opts.seeded ?? true;
  const name = `t_${crypto.randomBytes(6).toString('hex')}`;
  let databaseUrl: string;
  let drop: () => Promise<void>;
  if (dialect === 'sqlite') {
    const file = path.join(os.tmpdir(), `anning-${name}.sqlite`);
    if (seeded) fs.copyFileSync(inject('sqliteTemplate'), file);
    databaseUrl = `sqlite:${file}`;
    drop = async () => {
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
    };
  } else {
    const admin = inject('pgUrl');
    await adminQuery(admin, `create database ${name}${seeded ? ` template ${TEMPLATE_DB}` : ''}`);
    const u = new URL(admin);
    u.pathname = `/${name}`;
    databaseUrl = u.toString();
    drop = () => adminQuery(admin, `drop database if exists ${name} with (force)`);
  }
  const config = { ...loadConfig({ ANNING_SECRET: TEST_SECRET, ANNING_SEED: 'none' }), databaseUrl };
  const { ctx } = await openContext(config);
  return {
    ctx,
    databaseUrl,
    async close() {
      // pg's pool.end() resolves before its sockets close; the forced drop below would then surface as an error.
      ctx.handle.pgPool?.on('error', () => {});
      await ctx.handle.close();
      await drop();
    },
  };
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
