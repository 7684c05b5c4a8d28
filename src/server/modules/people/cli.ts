import fs from 'node:fs';
import path from 'node:path';
import { consoleActor } from '../../platform/access.js';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { readFile } from '../../platform/jobs.js';
import { terminalProgress } from '../../platform/progress.js';
import { errorMessage } from '../../../shared/messages.js';
import { districtRoots } from '../regions/index.js';
import { exportPeople } from './export.js';
import { importPeople } from './import.js';

async function operator(ctx: AppContext) {
  const [root] = await districtRoots(ctx.handle.db);
  if (!root) throw new Error('the database has no regions yet: run `anning seed` or start the server once');
  return consoleActor(root.path);
}

/** `anning import people FILE`: 0 and the count, or 1 with the row errors and the error report's path. */
export async function importPeopleFromCli(ctx: AppContext, file: string): Promise<number> {
  const progress = terminalProgress();
  try {
    const outcome = await importPeople(ctx, await operator(ctx), { input: file, filename: path.basename(file) },
      { locale: 'zh-CN', onProgress: (done, total, stage) => progress.update(done, Math.max(total, done), stage) });
    progress.stop();
    if (outcome.errorRows === 0) {
      console.log(`imported ${outcome.created} new, ${outcome.merged} updated, ${outcome.unchanged} unchanged`);
      return 0;
    }
    for (const e of outcome.errors.slice(0, 50)) console.error(`row ${e.row}: ${e.field}: ${e.message}`);
    if (outcome.errors.length > 50) console.error(`… and more`);
    const report = outcome.reportFileId ? await readFile(ctx.handle.db, outcome.reportFileId) : undefined;
    const reportPath = file.replace(/(\.\w+)?$/, '.errors.xlsx');
    if (report) fs.writeFileSync(reportPath, report.bytes);
    console.error(`${outcome.errorRows} rows have errors; nothing was imported. Error report: ${reportPath}`);
    return 1;
  } catch (err) {
    progress.stop();
    if (err instanceof AppError) {
      console.error(`${errorMessage(err.code, 'zh-CN', err.params)} / ${errorMessage(err.code, 'en', err.params)}`);
      return 1;
    }
    throw err;
  }
}

export async function exportPeopleFromCli(ctx: AppContext, file: string, region?: string): Promise<number> {
  const out = await exportPeople(ctx, await operator(ctx), { region });
  fs.writeFileSync(file, out.bytes);
  console.log(`exported ${out.rows} residents to ${file}`);
  return 0;
}
