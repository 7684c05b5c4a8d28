import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { DIALECTS } from '../support/env.js';
import { testDatabase, type TestDatabase } from '../support/db.js';
import { loginAs, testApp } from '../support/http.js';
import { multipartFile, readXlsx, xlsxOf } from '../support/files.js';
import { residentIdNumbers } from '../support/testing.js';
import { makeIdNumber, todayInChina } from '../../src/shared/validators/index.js';
import { addDays } from '../../src/shared/dates.js';

const HEADER = ['姓名', '证件号码', '手机号码', '协查原因', '来源地区', '起止日期', '末次暴露日期'];

describe.each(DIALECTS)('协查 list imports on %s', (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let duoba: string;
  const today = todayInChina();
  const d2 = addDays(today, -2);

  beforeAll(async () => {
    tdb = await testDatabase(dialect);
    app = await testApp(tdb.ctx);
    duoba = await loginAs(app, 'duoba');
  });
  afterAll(async () => {
    await app.close();
    await tdb.close();
  });

  const upload = async (cookie: string, rows: string[][], query = '?category=HIGH_ZONE_TRAVEL', name = 'xiecha.xlsx') => {
    const { payload, headers } = multipartFile(name, await xlsxOf(rows));
    const res = await app.inject({ method: 'POST', url: `/api/v1/screening/imports${query}`, headers: { ...headers, cookie }, payload });
    expect(res.statusCode).toBe(202);
    for (;;) {
      const job = (await app.inject({ url: `/api/v1/jobs/${res.json().jobId}`, headers: { cookie } })).json();
      if (job.status !== 'running') return job;
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const count = async (table: 'screening_imports' | 'screening_episodes' | 'screening_import_unmatched') =>
    Number((await tdb.ctx.handle.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  it('refuses the whole list with a row report when any row is broken, and writes nothing', async () => {
    const [a, b] = await residentIdNumbers(tdb.ctx, '630106/630106105', 2);
    const badCheck = a.idNumber.slice(0, 17) + (a.idNumber[17] === '1' ? '2' : '1');
    const job = await upload(duoba, [HEADER,
      ['张三', badCheck, '13912345678', '密接', '西宁市城中区', '', d2],
      ['李四', b.idNumber, '1391234', '同车', '', '', d2],
      ['王五', makeIdNumber('630122', '1980-01-01', 5), '', '', '', '', addDays(today, 3)],
      ['赵六', makeIdNumber('630122', '1981-01-01', 5), '', '', '', `${d2}至${today}`, ''],
    ], '');
    expect(job.status).toBe('failed');
    expect(job.message).toContain('整份名单未导入');
    const out = job.result;
    expect(out.errorRows).toBe(4);
    const codes = out.errors.map((e: { row: number; code: string }) => `${e.row}:${e.code}`);
    expect(codes).toEqual(expect.arrayContaining(['2:ID_CHECKSUM', '3:PHONE_FORMAT', '4:DATE_FUTURE', '5:XIECHA_CATEGORY_REQUIRED']));
    const report = await app.inject({ url: `/api/v1/files/${out.reportFileId}`, headers: { cookie: duoba } });
    expect(report.statusCode).toBe(200);
    const sheet = await readXlsx(report.rawPayload);
    expect(sheet.length).toBe(5);
    expect(sheet[1].join('|')).toContain('校验位');
    expect(await count('screening_imports')).toBe(0);
    expect(await count('screening_episodes')).toBe(0);
    expect(await count('screening_import_unmatched')).toBe(0);
  });

  it('matches by blind index, merges duplicates, routes people to their grids, keeps the rest to find; the same file again changes nothing', async () => {
    const mine = await residentIdNumbers(tdb.ctx, '630106/630106105', 3);
    const [away] = await residentIdNumbers(tdb.ctx, '630106/630106102', 1);
    const stranger = makeIdNumber('110101', '1990-03-07', 3);
    const rows = [HEADER,
      ['甲', mine[0].idNumber, '13900000001', '高风险区旅居', '上海市浦东新区', `${addDays(today, -4)}至${d2}`, ''],
      ['乙', mine[1].idNumber, '', '高风险区旅居', '上海市浦东新区', '', d2],
      ['甲', mine[0].idNumber, '', '高风险区旅居', '上海市浦东新区', '', addDays(today, -3)],
      ['丙', mine[2].idNumber, '', '', '', '', d2],
      ['丁', away.idNumber, '', '', '', '', d2],
      ['戊', stranger, '13900000002', '同航班', '北京市', '', d2],
    ];
    const job = await upload(duoba, rows);
    expect(job.status).toBe('succeeded');
    expect(job.result).toMatchObject({ rows: 6, duplicates: 1, matched: 3, created: 3, merged: 0, unmatched: 1, elsewhere: 1, repeated: false });
    const importId = job.result.importId;
    const episodes = await tdb.ctx.handle.db.selectFrom('screening_episodes').select(['person_id', 'category', 'anchor_date', 'source_ref'])
      .where('source', '=', 'xiecha').execute();
    expect(episodes.map((e) => e.person_id).sort()).toEqual(mine.map((m) => m.id).sort());
    expect(episodes.find((e) => e.person_id === mine[0].id)).toMatchObject({ category: 'HIGH_ZONE_TRAVEL', anchor_date: d2, source_ref: importId });
    const tasks = await tdb.ctx.handle.db.selectFrom('tasks').select(['title', 'region_path']).where('source_id', '=', importId).execute();
    expect(tasks.length).toBeGreaterThan(0);
    expect(tasks.every((t) => t.region_path.split('/').length === 4)).toBe(true);

    const list = (await app.inject({ url: `/api/v1/screening/imports/${importId}/unmatched`, headers: { cookie: duoba } })).json();
    expect(list.total).toBe(2);
    const toFind = list.items.find((i: { status: string }) => i.status === 'to_find');
    expect(toFind).toMatchObject({ rowNumber: 7, docNumber: `110101********${stranger.slice(-4)}`, phone: '139****0002' });
    const stored = await tdb.ctx.handle.db.selectFrom('screening_import_unmatched').select(['doc_number_enc']).execute();
    expect(stored.every((s) => !s.doc_number_enc.includes(stranger))).toBe(true);
    expect(list.items.find((i: { status: string }) => i.status === 'elsewhere')).toBeTruthy();

    const before = await count('screening_episodes');
    const again = await upload(duoba, rows);
    expect(again.status).toBe('succeeded');
    expect(again.result).toMatchObject({ repeated: true, importId, matched: 3 });
    expect(await count('screening_episodes')).toBe(before);
    expect(await count('screening_imports')).toBe(1);

    // A changed list naming one of them again merges into the open episode.
    const merged = await upload(duoba, [HEADER, ['乙', mine[1].idNumber, '', '再次推送', '', '', today]]);
    expect(merged.result).toMatchObject({ matched: 1, created: 0, merged: 1 });

    const imports = (await app.inject({ url: '/api/v1/screening/imports', headers: { cookie: duoba } })).json();
    expect(imports.find((i: { id: string }) => i.id === importId)).toMatchObject({ rows: 6, matched: 3, unmatched: 1, toFind: 1 });
  });

  it('closes the list to find: found links the ledger entry and opens an episode, not here is recorded', async () => {
    const stranger = makeIdNumber('110101', '1991-04-08', 5);
    const other = makeIdNumber('110101', '1992-04-08', 7);
    const job = await upload(duoba, [[...HEADER, '类别'], ['己', stranger, '', '', '', '', d2, '密接'], ['庚', other, '', '', '', '', d2, '密接']], '');
    expect(job.status).toBe('succeeded');
    const items = (await app.inject({ url: `/api/v1/screening/imports/${job.result.importId}/unmatched?status=to_find`,
      headers: { cookie: duoba } })).json().items;
    expect(items.map((i: { category: string }) => i.category)).toEqual(['CLOSE_CONTACT', 'CLOSE_CONTACT']);
    const person = await app.inject({ method: 'POST', url: '/api/v1/people', headers: { cookie: duoba },
      payload: { docNumber: stranger, name: '己', regionCode: '630106105001001' } });
    expect(person.statusCode).toBe(201);
    const wrong = await app.inject({ method: 'POST', url: `/api/v1/screening/unmatched/${items[1].id}/resolve`, headers: { cookie: duoba },
      payload: { outcome: 'found', personId: person.json().id } });
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json().error.code).toBe('UNMATCHED_OTHER_PERSON');
    const found = await app.inject({ method: 'POST', url: `/api/v1/screening/unmatched/${items[0].id}/resolve`, headers: { cookie: duoba },
      payload: { outcome: 'found', personId: person.json().id } });
    expect(found.json()).toMatchObject({ status: 'found', personId: person.json().id });
    const episode = await tdb.ctx.handle.db.selectFrom('screening_episodes').select(['category', 'anchor_date'])
      .where('person_id', '=', person.json().id).executeTakeFirstOrThrow();
    expect(episode).toMatchObject({ category: 'CLOSE_CONTACT', anchor_date: d2 });
    const gone = await app.inject({ method: 'POST', url: `/api/v1/screening/unmatched/${items[1].id}/resolve`, headers: { cookie: duoba },
      payload: { outcome: 'not_here' } });
    expect(gone.json().status).toBe('not_here');
    const twice = await app.inject({ method: 'POST', url: `/api/v1/screening/unmatched/${items[1].id}/resolve`, headers: { cookie: duoba },
      payload: { outcome: 'not_here' } });
    expect(twice.statusCode).toBe(409);
  });

  it('refuses grid workers, and hides imports from other townships', async () => {
    const grid = await loginAs(app, 'grid');
    const { payload, headers } = multipartFile('x.xlsx', await xlsxOf([HEADER]));
    expect((await app.inject({ method: 'POST', url: '/api/v1/screening/imports', headers: { ...headers, cookie: grid }, payload })).statusCode).toBe(403);
    const lushaer = await loginAs(app, 'lushaer');
    expect((await app.inject({ url: '/api/v1/screening/imports', headers: { cookie: lushaer } })).json()).toEqual([]);
  });
});
