import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { inTransaction, openDb, type DbHandle } from './index.js';

describe('SQLite transactions beside a second writer on the file', () => {
  let dir: string;
  let handle: DbHandle | undefined;
  afterEach(async () => {
    await handle?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('take the write lock when they begin, so a read-then-write transaction cannot lose it to another connection', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anning-tx-'));
    const file = path.join(dir, 'tx.sqlite');
    handle = openDb(`sqlite:${file}`);
    await sql`create table counters (id integer primary key, n integer not null)`.execute(handle.db);
    await sql`insert into counters values (1, 0)`.execute(handle.db);
    // The other writer: a job's or the scan writer's connection, here without patience.
    const other = new SQLite(file);
    other.pragma('busy_timeout = 0');
    let otherRefused = false;
    await inTransaction(handle.db, async (tx) => {
      const { rows } = await sql<{ n: number }>`select n from counters where id = 1`.execute(tx);
      // With a deferred begin this write would commit, and the update below fail with SQLITE_BUSY.
      try {
        other.prepare('update counters set n = n + 100 where id = 1').run();
      } catch (err) {
        otherRefused = (err as { code?: string }).code === 'SQLITE_BUSY';
      }
      await sql`update counters set n = ${rows[0].n + 1} where id = 1`.execute(tx);
    });
    other.prepare('update counters set n = n + 100 where id = 1').run();
    other.close();
    expect(otherRefused).toBe(true);
    const { rows } = await sql<{ n: number }>`select n from counters where id = 1`.execute(handle.db);
    expect(rows[0].n).toBe(101);
  });
});
