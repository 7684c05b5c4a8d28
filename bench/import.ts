import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchArgs, benchContext, benchDatabase, report, round } from './lib.js';
import { seedDemo } from '../src/server/seed/index.js';
import { generateDemoDistrict } from '../src/server/seed/demo-district.js';
import { consoleActor } from '../src/server/platform/access.js';
import { writeTable } from '../src/server/platform/spreadsheet/index.js';
import { importPeople } from '../src/server/modules/people/index.js';
import { TAG_LABELS } from '../src/shared/people.js';

/**
 * The whole district's residents as one xlsx, imported into a ledger that has the regions but no
 * residents: parsing, validation, encryption, blind index, duplicate checks and inserts, in one job.
 */
export async function run(args: string[]): Promise<void> {
  const { dialect, size } = benchArgs(args);
  const db = await benchDatabase(dialect);
  const ctx = await benchContext(db.databaseUrl);
  await seedDemo(ctx, { size: 'small', seed: 1 });
  // Keep the regions of the full district; start from an empty ledger.
  const district = generateDemoDistrict({ size, seed: 1 });
  await ctx.handle.db.deleteFrom('person_tags').execute();
  await ctx.handle.db.deleteFrom('people').execute();
  await ctx.handle.db.deleteFrom('households').execute();
  const known = new Set((await ctx.handle.db.selectFrom('regions').select('code').execute()).map((r) => r.code));
  const missing = district.regions.filter((r) => !known.has(r.code));
  const { insertRegions } = await import('../src/server/modules/regions/index.js');
  const { pathOfCode } = await import('../src/shared/regions.js');
  const now = new Date().toISOString();
  await insertRegions(ctx.handle.db, missing.map((r) => ({
    code: r.code, parent_code: r.parentCode, level: r.level, kind: r.kind, name: r.name, path: pathOfCode(r.code),
    depth: pathOfCode(r.code).split('/').length - 1, urban: r.urban ? 1 : 0, no_property_mgmt: 0, no_owner_unit: 0,
    no_self_gov: 0, household_count: 0, resident_count: 0, created_at: now })));

  const file = path.join(os.tmpdir(), `anning-import-${process.pid}.xlsx`);
  const columns = ['姓名', '身份证号', '联系电话', '所属村社区/网格', '住址', '人员标签'].map((h, i) => ({ key: `c${i}`, header: h }));
  const bytes = await writeTable(columns, district.residents.map((p) => {
    const h = district.households[p.householdIndex];
    return { c0: p.name, c1: p.idNumber, c2: p.phone ?? '', c3: h.regionCode, c4: h.address,
      c5: p.tags.map((t) => TAG_LABELS[t]['zh-CN']).join('、') };
  }), { sheetName: '人员台账' });
  fs.writeFileSync(file, bytes);

  const actor = consoleActor('630106');
  const t0 = performance.now();
  let writingAt = 0;
  const outcome = await importPeople(ctx, actor, { input: file, filename: 'people.xlsx' }, { locale: 'zh-CN',
    onProgress: (_d, _t, stage) => { if (stage === 'writing' && !writingAt) writingAt = performance.now(); } });
  const seconds = (performance.now() - t0) / 1000;
  const checkSeconds = (writingAt - t0) / 1000;
  const t1 = performance.now();
  const again = await importPeople(ctx, actor, { input: file, filename: 'people.xlsx' }, { locale: 'zh-CN' });
  const rerunSeconds = (performance.now() - t1) / 1000;
  fs.rmSync(file, { force: true });
  await ctx.handle.close();
  db.dispose();
  if (outcome.errorRows > 0) throw new Error(`import reported ${outcome.errorRows} bad rows: ${JSON.stringify(outcome.errors.slice(0, 3))}`);
  report('import', dialect, size, { rows: district.residents.length, created: outcome.created, seconds: round(seconds),
    rows_per_s: Math.round(district.residents.length / seconds), check_seconds: round(checkSeconds),
    write_seconds: round(seconds - checkSeconds), file_mb: round(bytes.length / 2 ** 20, 1),
    rerun_unchanged: again.unchanged, rerun_seconds: round(rerunSeconds) });
}
