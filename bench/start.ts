import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { BENCH_SECRET, benchArgs, benchDatabase, report, round } from './lib.js';

/** First start on an empty database: migrate, seed the demo district, build the UI if needed, serve. */
export async function run(args: string[]): Promise<void> {
  const { dialect, size } = benchArgs(args);
  const db = await benchDatabase(dialect);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'anning-start-'));
  const port = await new Promise<number>((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(p));
    });
  });
  const t0 = performance.now();
  const child = spawn(process.execPath, ['bin/anning.js', 'start'], {
    detached: true, stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, PORT: String(port), DATABASE_URL: db.databaseUrl, ANNING_DATA_DIR: dataDir, ANNING_SECRET: BENCH_SECRET,
      ANNING_SEED: size, LOG_LEVEL: 'warn' },
  });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) break;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const seconds = (performance.now() - t0) / 1000;
  process.kill(-child.pid!, 'SIGTERM');
  await new Promise((r) => child.once('exit', r));
  fs.rmSync(dataDir, { recursive: true, force: true });
  db.dispose();
  report('start', dialect, size, { first_start_seconds: round(seconds) });
}
