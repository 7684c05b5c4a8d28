import ExcelJS from 'exceljs';
import { benchArgs, benchContext, report, round } from './lib.js';
import { prepareScanDistrict } from './scan-lib.js';
import { inTransaction, refreshStatistics } from '../src/server/platform/db/index.js';
import { bulkInsert } from '../src/server/platform/db/bulk.js';
import { newId } from '../src/server/platform/ids.js';
import { actorFor } from '../src/server/platform/auth/index.js';
import { uploadResults } from '../src/server/modules/testing/service/results.js';
import type { SampleRow, TubeRow } from '../src/server/modules/testing/tables.js';

const POSITIVES = 3;

/**
 * A lab's results file for a whole district round: every resident swabbed into 10-in-1 tubes, the
 * tubes received by the CDC lab, and its sheet (one row per tube: barcode, result, Ct values,
 * report time; three positives) uploaded through the same path as the lab page. Then the same file
 * again, which must change nothing.
 */
export async function run(args: string[]): Promise<void> {
  const { dialect, size } = benchArgs(args);
  const district = await prepareScanDistrict(dialect, size, 1);
  const ctx = await benchContext(district.databaseUrl);
  const db = ctx.handle.db;
  const labUser = await db.selectFrom('users').select(['id', 'organization_id']).where('username', '=', 'lab').executeTakeFirstOrThrow();
  const actor = (await actorFor(db, labUser.id, null))!;
  const benchRound = await db.selectFrom('testing_rounds').select('id').where('name', '=', '压测轮次').executeTakeFirstOrThrow();
  const site = await db.selectFrom('testing_sites').selectAll().where('id', '=', district.siteId).executeTakeFirstOrThrow();
  const people = await db.selectFrom('people').select(['id', 'region_code', 'region_path']).where('status', '=', 'active').execute();
  const at = new Date(Date.now() - 3_600_000).toISOString();
  const tubes: TubeRow[] = [];
  const samples: SampleRow[] = [];
  people.forEach((p, n) => {
    if (n % 10 === 0) {
      tubes.push({ id: newId(), barcode: `LAB-${String(n / 10).padStart(6, '0')}`, round_id: benchRound.id, site_id: site.id,
        region_path: site.region_path, capacity: 10, member_count: Math.min(10, people.length - n), status: 'received',
        underfilled: people.length - n < 10 ? 1 : 0, purpose: 'round', opened_at: at, opened_by: null, sealed_at: at, sealed_by: null,
        bag_id: null, lab_id: labUser.organization_id, result: null, result_at: null });
    }
    samples.push({ id: newId(), round_id: benchRound.id, tube_id: tubes[tubes.length - 1].id, seq: (n % 10) + 1, subject_kind: 'person',
      subject_id: p.id, region_code: p.region_code, region_path: p.region_path, site_id: site.id, sampler_id: 'bench', sampled_at: at,
      received_at: at, repeat_reason: null });
  });
  await inTransaction(db, async (tx) => {
    await bulkInsert(ctx.handle, tx, 'testing_tubes', tubes);
    await bulkInsert(ctx.handle, tx, 'testing_samples', samples);
  });
  await refreshStatistics(db, ['testing_tubes', 'testing_samples']);

  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('检测结果');
  ws.addRow(['试管条码', '检测结果', 'N基因Ct值', 'ORF1ab基因Ct值', '报告时间']);
  const reported = new Date().toISOString().slice(0, 19).replace('T', ' ');
  tubes.forEach((t, n) => {
    const positive = n % Math.floor(tubes.length / POSITIVES) === 7 && n < tubes.length - 1;
    ws.addRow([t.barcode, positive ? '阳性' : '阴性', positive ? '28.5' : '', positive ? '29.1' : '', reported]);
  });
  const file = Buffer.from(await wb.xlsx.writeBuffer());
  const t0 = performance.now();
  const first = await uploadResults(ctx, actor, { input: file, filename: '检测结果.xlsx' }, { locale: 'zh-CN' });
  const seconds = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  const again = await uploadResults(ctx, actor, { input: file, filename: '检测结果.xlsx' }, { locale: 'zh-CN' });
  const againSeconds = (performance.now() - t1) / 1000;
  const incidents = Number((await db.selectFrom('testing_incidents').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  await ctx.handle.close();
  district.dispose();
  report('lab-import', dialect, size, {
    rows: tubes.length, samples: samples.length, seconds: round(seconds), outcome: JSON.stringify(summaryOf(first)),
    again_seconds: round(againSeconds), again: JSON.stringify(summaryOf(again)), incidents,
  });
}

function summaryOf(o: object): object {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => typeof v === 'number'));
}
