import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { requirePermission, scopePaths, type Actor } from '../../platform/access.js';
import { findRegion } from '../regions/index.js';
import type { AppContext } from '../../platform/context.js';
import { newId } from '../../platform/ids.js';
import { runInWorker } from '../../platform/worker.js';
import { AppError } from '../../platform/errors.js';
import { failJob, runJob, startJob, storeFile, type FileJobInput, type JobInput } from '../../platform/jobs.js';
import { errorMessage, type Locale } from '../../../shared/messages.js';
import { exportPeople } from './export.js';
import { importPeople } from './import.js';

/** Worker side of an import: runs it on its own connection and records the outcome on the job. */
export async function runImportJob(input: FileJobInput): Promise<void> {
  try {
    await runJob(input.config, input.jobId, input.locale, async (ctx, job) => {
      const outcome = await importPeople(ctx, input.actor, { input: input.file, filename: input.filename },
        { locale: input.locale, onProgress: (done, total, stage) => void job.progress(done, total, stage) });
      if (outcome.errorRows > 0) await job.fail(errorMessage('IMPORT_HAS_ERRORS', input.locale, { count: outcome.errorRows }), outcome);
      else await job.succeed(outcome);
    });
  } finally {
    fs.rmSync(input.file, { force: true });
  }
}

export async function runExportJob(input: JobInput & { region?: string; reveal?: boolean; reason?: string }): Promise<void> {
  await runJob(input.config, input.jobId, input.locale, async (ctx, job) => {
    const out = await exportPeople(ctx, input.actor, input);
    const fileId = await storeFile(ctx.handle.db, { name: out.filename,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', bytes: out.bytes,
      createdBy: input.actor.userId });
    await job.succeed({ fileId, rows: out.rows });
  });
}

/** Main-thread side: checks the actor may do it, records the job and hands the work to a worker. */
export async function startPeopleJob(
  ctx: AppContext,
  actor: Actor,
  kind: 'people.import' | 'people.export',
  input: { locale: Locale } & ({ file: string; filename: string } | { region?: string; reveal?: boolean; reason?: string }),
): Promise<{ jobId: string }> {
  requirePermission(actor, kind === 'people.import' ? 'people.capture' : 'people.export');
  // Refuse an out-of-scope export now, not minutes later in the job.
  if ('region' in input && input.region) {
    const region = await findRegion(ctx.handle.db, input.region);
    if (!region) throw new AppError('NOT_FOUND');
    scopePaths(actor, region.path);
  }
  const job = await startJob(ctx.handle.db, kind, actor.userId);
  const fn = kind === 'people.import' ? 'runImportJob' : 'runExportJob';
  runInWorker(import.meta.url, fn, { ...input, config: ctx.config, actor, jobId: job.id }).catch((err: unknown) =>
    failJob(job, err, input.locale).catch(() => {}),
  );
  return { jobId: job.id };
}

/** Saves an upload to the data folder, refusing it whole once it passes the size limit. */
export async function saveUpload(ctx: AppContext, stream: NodeJS.ReadableStream & { truncated?: boolean }, filename: string): Promise<string> {
  const dir = path.join(ctx.config.dataDir, 'uploads');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${newId()}${path.extname(filename).slice(0, 8)}`);
  await pipeline(stream, fs.createWriteStream(file));
  if (stream.truncated) {
    fs.rmSync(file, { force: true });
    throw new AppError('FILE_TOO_LARGE', { limitMb: Math.round(ctx.config.maxUploadBytes / 1024 / 1024) });
  }
  return file;
}
