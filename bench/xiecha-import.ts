import ExcelJS from 'exceljs';
import { benchArgs, benchContext, benchDatabase, report, round } from './lib.js';
import { consoleActor } from '../src/server/platform/access.js';
import { runInWorker } from '../src/server/platform/worker.js';
import { generateDemoDistrict } from '../src/server/seed/demo-district.js';
import { importXiecha } from '../src/server/modules/screening/service/imports.js';
import { makeIdNumber, todayInChina } from '../src/shared/validators/index.js';

const ROWS = 10_000;
/** Of the rows: listed twice (merged), not in the ledger (to find); the rest are residents. */
const REPEATED = 500;
const STRANGERS = 2_500;

/**
 * A 10,000-row 协查 list (close contacts of two days ago) imported by the headquarters into the full
 * district: parsed, every row checked, matched by blind index, 7,000 episodes opened and routed to
 * their grids with a task each, 2,500 strangers kept encrypted to find; then the same file again.
 */
export async function run(args: string[]): Promise<void> {
  const { dialect, size } = benchArgs(args);
  const database = await benchDatabase(dialect);
  const ctx = await benchContext(database.databaseUrl);
  await runInWorker(new URL('../src/server/seed/index.ts', import.meta.url).href, 'seedInWorker', { config: ctx.config, size, seed: 1 });
  const residents = generateDemoDistrict({ size, seed: 1 }).residents;
  const anchor = todayInChina(new Date(Date.now() - 2 * 86_400_000));
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('协查名单');
  ws.addRow(['姓名', '证件号码', '手机号码', '协查原因', '来源地区', '起止日期', '末次暴露日期']);
  const listed = ROWS - REPEATED - STRANGERS;
  for (let i = 0; i < listed; i++) {
    const r = residents[(i * 7919) % residents.length];
    ws.addRow([r.name, r.idNumber, r.phone ?? '', '同乘航班', '上海市浦东新区', '', anchor]);
  }
  for (let i = 0; i < REPEATED; i++) {
    const r = residents[(i * 7919) % residents.length];
    ws.addRow([r.name, r.idNumber, '', '同乘航班（复报）', '上海市浦东新区', '', anchor]);
  }
  for (let i = 0; i < STRANGERS; i++) {
    ws.addRow([residents[(i * 31) % residents.length].name, makeIdNumber('310115', `19${60 + (i % 40)}-0${1 + (i % 9)}-1${i % 10}`, 100 + (i % 800)), '13900000000',
      '同乘航班', '上海市浦东新区', '', anchor]);
  }
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  const actor = consoleActor('630106');

  const t0 = performance.now();
  const first = await importXiecha(ctx, actor, { input: bytes, filename: '协查名单-10000.xlsx' }, { locale: 'zh-CN', category: 'CLOSE_CONTACT' });
  const seconds = (performance.now() - t0) / 1000;
  if (first.errorRows > 0) throw new Error(`refused: ${JSON.stringify(first.errors.slice(0, 5))}`);
  const t1 = performance.now();
  const again = await importXiecha(ctx, actor, { input: bytes, filename: '协查名单-10000.xlsx' }, { locale: 'zh-CN', category: 'CLOSE_CONTACT' });
  const againSeconds = (performance.now() - t1) / 1000;
  await ctx.handle.close();
  database.dispose();
  report('xiecha-import', dialect, size, {
    rows: first.rows, matched: first.matched, created: first.created, merged: first.merged, duplicates: first.duplicates,
    unmatched: first.unmatched, grids: first.grids, seconds: round(seconds, 2), again_seconds: round(againSeconds, 2),
    again_repeated: again.repeated ? 1 : 0, file_kb: Math.round(bytes.length / 1024),
  });
}
