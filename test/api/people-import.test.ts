import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import iconv from 'iconv-lite';
import { idCheckChar, makeIdNumber } from '../../src/shared/validators/index.js';
import { DIALECTS } from '../support/env.js';
import { testDatabase, type TestDatabase } from '../support/db.js';
import { loginAs, testApp } from '../support/http.js';
import { multipartFile, readXlsx, xlsxOf } from '../support/files.js';

const HEADER = ['姓名', '身份证号', '联系电话', '所属村社区/网格', '住址', '人员标签'];
const GRID = '630106105001001';

function goodRows(n: number, seq0: number): string[][] {
  return Array.from({ length: n }, (_, i) => [
    `测试${'甲乙丙丁戊己庚辛壬癸'[i % 10]}${i}`.replace(/\d/g, ''),
    makeIdNumber('630122', '1968-07-0' + ((i % 9) + 1), seq0 + i),
    `1390971${String(1000 + seq0 + i).slice(-4)}`,
    GRID,
    `导入小区${i + 1}号`,
    i % 3 === 0 ? '慢性病、独居' : '',
  ]);
}

describe.each(DIALECTS)('people import and export on %s', (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let duoba: string;
  beforeAll(async () => {
    tdb = await testDatabase(dialect);
    app = await testApp(tdb.ctx);
    duoba = await loginAs(app, 'duoba');
  });
  afterAll(async () => {
    await app.close();
    await tdb.close();
  });

  async function upload(filename: string, bytes: Buffer, cookie = duoba) {
    const { payload, headers } = multipartFile(filename, bytes);
    return app.inject({ method: 'POST', url: '/api/v1/people/import', headers: { ...headers, cookie }, payload });
  }
  async function finished(jobId: string, cookie = duoba) {
    for (let i = 0; i < 300; i++) {
      const job = (await app.inject({ url: `/api/v1/jobs/${jobId}`, headers: { cookie } })).json();
      if (job.status !== 'running') return job;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('job did not finish');
  }
  async function importFile(filename: string, bytes: Buffer, cookie = duoba) {
    const res = await upload(filename, bytes, cookie);
    expect(res.statusCode).toBe(202);
    return finished(res.json().jobId, cookie);
  }
  const peopleCount = async () =>
    Number((await tdb.ctx.handle.db.selectFrom('people').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  it('refuses a file with three bad rows whole, with a downloadable row report', async () => {
    const rows = goodRows(10, 100);
    rows[2][1] = rows[2][1].slice(0, 17) + (rows[2][1][17] === '1' ? '2' : '1'); // wrong check digit
    rows[5][2] = '1390971234'; // 10-digit phone
    rows[7][0] = ''; // empty name
    const before = await peopleCount();
    const job = await importFile('台账.xlsx', await xlsxOf([HEADER, ...rows]));
    expect(job.status).toBe('failed');
    expect(job.message).toContain('3');
    expect(job.result.errorRows).toBe(3);
    expect(job.result.errors.map((e: { row: number }) => e.row)).toEqual([4, 7, 9]);
    expect(await peopleCount()).toBe(before);

    const report = await app.inject({ url: `/api/v1/files/${job.result.reportFileId}`, headers: { cookie: duoba } });
    expect(report.statusCode).toBe(200);
    const sheet = await readXlsx(report.rawPayload);
    expect(sheet[0]).toContain('错误说明');
    expect(sheet).toHaveLength(4);
    expect(sheet[1].join()).toContain('校验位');
    // Another user may not fetch someone else's report.
    const other = await loginAs(app, 'commander');
    expect((await app.inject({ url: `/api/v1/files/${job.result.reportFileId}`, headers: { cookie: other } })).statusCode).toBe(404);
  });

  it('imports a good file, and importing it again changes nothing', async () => {
    const bytes = await xlsxOf([HEADER, ...goodRows(10, 200)]);
    const before = await peopleCount();
    const first = await importFile('台账.xlsx', bytes);
    expect(first.status).toBe('succeeded');
    expect(first.result).toMatchObject({ created: 10, merged: 0, unchanged: 0, errorRows: 0 });
    expect(await peopleCount()).toBe(before + 10);
    const grid = (await app.inject({ url: `/api/v1/regions/${GRID}`, headers: { cookie: duoba } })).json();

    const again = await importFile('台账.xlsx', bytes);
    expect(again.result).toMatchObject({ created: 0, merged: 0, unchanged: 10 });
    expect(await peopleCount()).toBe(before + 10);
    const gridAfter = (await app.inject({ url: `/api/v1/regions/${GRID}`, headers: { cookie: duoba } })).json();
    expect(gridAfter.residentCount).toBe(grid.residentCount);

    const found = await app.inject({ url: `/api/v1/people?idNumber=${goodRows(1, 200)[0][1]}`, headers: { cookie: duoba } });
    expect(found.json().items[0].tags).toEqual(expect.arrayContaining(['chronic_disease', 'living_alone']));
  });

  it('updates a registered person whose file row brings a new phone', async () => {
    const [row] = goodRows(1, 300);
    await importFile('a.xlsx', await xlsxOf([HEADER, row]));
    const changed = [...row];
    changed[2] = '13800001111';
    const job = await importFile('b.xlsx', await xlsxOf([HEADER, changed]));
    expect(job.result).toMatchObject({ created: 0, merged: 1 });
    const found = (await app.inject({ url: '/api/v1/people?phone=13800001111', headers: { cookie: duoba } })).json();
    expect(found.total).toBe(1);
  });

  it('reads a GBK CSV saved by Excel, with English headers too', async () => {
    const rows = goodRows(3, 400);
    const csv = [HEADER, ...rows].map((r) => r.join(',')).join('\r\n');
    const job = await importFile('台账.csv', iconv.encode(csv, 'gbk'));
    expect(job.status).toBe('succeeded');
    expect(job.result.created).toBe(3);
    const en = [['name', 'idNumber', 'phone', 'region', 'address', 'tags'], ...goodRows(2, 500)];
    const job2 = await importFile('people.csv', Buffer.from(en.map((r) => r.join(',')).join('\n')));
    expect(job2.result.created).toBe(2);
  });

  it('converts a 15-digit legacy ID number on import, and only there', async () => {
    const legacy = '632124580203121'; // born 1958-02-03, address code 632124
    const job = await importFile('legacy.xlsx', await xlsxOf([HEADER, ['韩福', legacy, '', GRID, '', '']]));
    expect(job.status).toBe('succeeded');
    const body = `${legacy.slice(0, 6)}19${legacy.slice(6)}`;
    const found = (await app.inject({ url: `/api/v1/people?idNumber=${body}${idCheckChar(body)}`, headers: { cookie: duoba } })).json();
    expect(found.total).toBe(1);
    expect(found.items[0]).toMatchObject({ name: '韩福', birthDate: '1958-02-03', gender: 'M' });
    const form = await app.inject({ method: 'POST', url: '/api/v1/people', headers: { cookie: duoba },
      payload: { docNumber: legacy, name: '韩福', regionCode: GRID } });
    expect(form.json().error.details.fields[0].code).toBe('ID_LEGACY_15');
  });

  it('reports the same ID twice in one file with different details', async () => {
    const rows = goodRows(2, 600);
    rows[1][1] = rows[0][1];
    const job = await importFile('dup.xlsx', await xlsxOf([HEADER, ...rows]));
    expect(job.status).toBe('failed');
    expect(job.result.errors[0]).toMatchObject({ row: 3, field: 'docNumber' });
    expect(job.result.errors[0].message).toContain('第 2 行');
  });

  it.each([
    ['a PDF renamed to .xlsx', 'x.xlsx', async () => Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF'), 'FILE_NOT_SPREADSHEET'],
    ['a sheet without a recognised header', 'x.xlsx', async () => xlsxOf([['甲', '乙'], ['1', '2']]), 'SHEET_NO_HEADER'],
    ['formulas', 'x.xlsx', async () => xlsxOf([HEADER, ...goodRows(2, 700)], (ws) => {
      ws.getCell('F3').value = { formula: 'A2&B2', result: 'x' } as never;
    }), 'SHEET_HAS_FORMULAS'],
    ['merged cells', 'x.xlsx', async () => xlsxOf([HEADER, ...goodRows(3, 800)], (ws) => ws.mergeCells('D2:D4')), 'SHEET_HAS_MERGED_CELLS'],
  ])('refuses %s and writes nothing', async (_label, name, make, code) => {
    const before = await peopleCount();
    const job = await importFile(name, await make());
    expect(job.status).toBe('failed');
    expect(job.result.code).toBe(code);
    expect(job.message.length).toBeGreaterThan(4);
    expect(await peopleCount()).toBe(before);
  });

  it('refuses a 50 MB upload by its size', async () => {
    const res = await upload('big.xlsx', Buffer.alloc(50 * 1024 * 1024, 65));
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('FILE_TOO_LARGE');
  });

  it('refuses rows placed in another township', async () => {
    const lushaer = await loginAs(app, 'lushaer');
    const job = await importFile('x.xlsx', await xlsxOf([HEADER, ...goodRows(1, 900)]), lushaer);
    expect(job.status).toBe('failed');
    expect(job.result.errors[0]).toMatchObject({ field: 'region' });
    expect(job.result.errors[0].message).toContain('管辖范围');
  });

  it('exports the township masked, watermarked and audited', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/people/export', headers: { cookie: duoba }, payload: {} });
    expect(res.statusCode).toBe(202);
    const job = await finished(res.json().jobId);
    expect(job.status).toBe('succeeded');
    const file = await app.inject({ url: `/api/v1/files/${job.result.fileId}`, headers: { cookie: duoba } });
    const sheet = await readXlsx(file.rawPayload);
    expect(sheet[0][0]).toContain('导出人');
    expect(sheet[1]).toContain('身份证号');
    expect(sheet.length - 2).toBe(job.result.rows);
    expect(sheet[2][2]).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    const audit = await tdb.ctx.handle.db.selectFrom('audit_log').selectAll().where('action', '=', 'people.export').execute();
    expect(audit.at(-1)?.username).toBe('duoba');
  });

  it('does not let a grid worker export', async () => {
    const grid = await loginAs(app, 'grid');
    const res = await app.inject({ method: 'POST', url: '/api/v1/people/export', headers: { cookie: grid }, payload: {} });
    expect(res.statusCode).toBe(403);
  });
});

describe('stored reports and exports', () => {
  it('are deleted a day after they were made', async () => {
    const tdb = await testDatabase('sqlite', { seeded: false });
    try {
      const { storeFile, readFile } = await import('../../src/server/platform/jobs.js');
      const old = await storeFile(tdb.ctx.handle.db, { name: 'a.xlsx', contentType: 'x', bytes: Buffer.from('a'), createdBy: 'u' });
      await tdb.ctx.handle.db.updateTable('files').set({ created_at: '2020-01-01T00:00:00.000Z' }).where('id', '=', old).execute();
      const fresh = await storeFile(tdb.ctx.handle.db, { name: 'b.xlsx', contentType: 'x', bytes: Buffer.from('b'), createdBy: 'u' });
      expect(await readFile(tdb.ctx.handle.db, old)).toBeUndefined();
      expect((await readFile(tdb.ctx.handle.db, fresh))?.name).toBe('b.xlsx');
    } finally {
      await tdb.close();
    }
  });
});
