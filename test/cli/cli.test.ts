import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../src/shared/validators/index.js';
import { DIALECTS, TEST_SECRET } from '../support/env.js';
import { testDatabase, type TestDatabase } from '../support/db.js';
import { readXlsx, xlsxOf } from '../support/files.js';

describe.each(DIALECTS)('the anning command on %s', (dialect) => {
  let tdb: TestDatabase;
  let dir: string;
  const anning = (...args: string[]) =>
    spawnSync(process.execPath, ['bin/anning.js', ...args], {
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: tdb.databaseUrl, ANNING_SECRET: TEST_SECRET, ANNING_DATA_DIR: dir },
    });
  beforeAll(async () => {
    tdb = await testDatabase(dialect);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anning-cli-'));
  });
  afterAll(async () => {
    await tdb.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const HEADER = ['姓名', '身份证号', '联系电话', '所属村社区/网格'];
  const rows = [0, 1, 2].map((i) => [`赵${'一二三'[i]}`, makeIdNumber('630106', '2001-04-0' + (i + 1), 500 + i), '', '630106102001001']);

  it('imports nothing from a file with a bad row, prints the row errors and writes the report', async () => {
    const bad = rows.map((r) => [...r]);
    bad[1][1] = bad[1][1].slice(0, 17) + (bad[1][1][17] === '3' ? '4' : '3');
    const file = path.join(dir, 'bad.xlsx');
    fs.writeFileSync(file, await xlsxOf([HEADER, ...bad]));
    const run = anning('import', 'people', file);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('row 3');
    expect(run.stderr).toContain('nothing was imported');
    const report = path.join(dir, 'bad.errors.xlsx');
    expect(run.stderr).toContain(report);
    expect((await readXlsx(fs.readFileSync(report)))[0]).toContain('错误说明');
  });

  it('imports a good file and says how many', async () => {
    const file = path.join(dir, 'good.xlsx');
    fs.writeFileSync(file, await xlsxOf([HEADER, ...rows]));
    const run = anning('import', 'people', file);
    expect(run.stderr).not.toContain('Error');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('imported 3 new');
    const again = anning('import', 'people', file);
    expect(again.stdout).toContain('0 new, 0 updated, 3 unchanged');
  });

  it('refuses a file that is not a spreadsheet with a message in both languages', () => {
    const file = path.join(dir, 'report.pdf');
    fs.writeFileSync(file, '%PDF-1.4\n%%EOF');
    const run = anning('import', 'people', file);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('不是 Excel');
    expect(run.stderr).toContain('not an Excel');
  });

  it('exports a township', async () => {
    const file = path.join(dir, 'out.xlsx');
    const run = anning('export', 'people', '--region', '630106102', file);
    expect(run.status).toBe(0);
    const sheet = await readXlsx(fs.readFileSync(file));
    expect(sheet.length).toBeGreaterThan(10);
  });

  it('adds a user with a hashed password and their scope, and refuses an unknown region', async () => {
    const ok = anning('user', 'add', '--username', 'xibao', '--password', 'xibao2022', '--role', 'township_cadre', '--scope', '630106109');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('西堡镇');
    const user = await tdb.ctx.handle.db.selectFrom('users').innerJoin('user_scopes', 'user_scopes.user_id', 'users.id')
      .select(['password_hash', 'region_path', 'capture']).where('username', '=', 'xibao').executeTakeFirstOrThrow();
    expect(user.password_hash).toMatch(/^\$argon2id\$/);
    expect(user).toMatchObject({ region_path: '630106/630106109', capture: 1 });
    const bad = anning('user', 'add', '--username', 'nowhere', '--password', 'abcd1234', '--role', 'grid_worker', '--scope', '630106999');
    expect(bad.status).not.toBe(0);
  });
});
