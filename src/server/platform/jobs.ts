import { sql } from 'kysely';
import type { Actor } from './access.js';
import type { Db, DbHandle } from './db/index.js';
import type { Config } from './config.js';
import type { AppContext } from './context.js';
import { openContext } from './bootstrap.js';
import { AppError } from './errors.js';
import { errorMessage, type ErrorCode, type Locale } from '../../shared/messages.js';
import { newId, nowIso } from './ids.js';
import type { JobRow } from './tables.js';

/**
 * Long work (imports, exports, seeding) runs as a job whose progress lives in the database, so any
 * node can answer "how far along is it" and the UI and CLI show the same figures.
 */
/** What the HTTP side hands a worker thread for a job: the settings to open its own connection, who asked, in which language. */
export interface JobInput {
  config: Config;
  actor: Actor;
  jobId: string;
  locale: Locale;
}

/** A job on an uploaded file: where the upload was kept, and the name it came with. */
export interface FileJobInput extends JobInput {
  file: string;
  filename: string;
}

export interface JobHandle {
  id: string;
  progress(done: number, total?: number, message?: string): Promise<void>;
  succeed(result: unknown): Promise<void>;
  fail(message: string, result?: unknown): Promise<void>;
}

export async function startJob(db: Db, kind: string, createdBy: string | null, total = 0): Promise<JobHandle> {
  const id = newId();
  await db
    .insertInto('jobs')
    .values({ id, kind, status: 'running', done: 0, total, message: null, result: null, created_by: createdBy,
      created_at: nowIso(), finished_at: null })
    .execute();
  return jobHandle(db, id);
}

/** A handle on an existing job, e.g. in the worker thread that does its work. */
export function jobHandle(db: Db, id: string): JobHandle {
  let lastWrite = 0;
  return {
    id,
    async progress(done, newTotal, message) {
      // Throttled: progress is for people watching, not worth a write per row.
      const now = Date.now();
      if (now - lastWrite < 250) return;
      lastWrite = now;
      await db
        .updateTable('jobs')
        .set({ done, ...(newTotal !== undefined ? { total: newTotal } : {}), ...(message ? { message } : {}) })
        .where('id', '=', id)
        .execute();
    },
    async succeed(result) {
      await db
        .updateTable('jobs')
        .set({ status: 'succeeded', result: JSON.stringify(result), finished_at: nowIso() })
        .where('id', '=', id)
        .execute();
    },
    async fail(message, result) {
      await db
        .updateTable('jobs')
        .set({ status: 'failed', message, result: result === undefined ? null : JSON.stringify(result), finished_at: nowIso() })
        .where('id', '=', id)
        .execute();
    },
  };
}

export async function getJob(db: Db, id: string): Promise<JobRow | undefined> {
  return db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Reports and exports hold personal data: they are kept one day for their owner to download, then
 * deleted (PIPL: no longer than the purpose needs). Expired files are swept whenever a new one is stored.
 */
export const FILE_RETENTION_HOURS = 24;

export async function storeFile(
  db: Db,
  file: { name: string; contentType: string; bytes: Buffer; createdBy: string | null },
): Promise<string> {
  const expired = new Date(Date.now() - FILE_RETENTION_HOURS * 3_600_000).toISOString();
  await db.deleteFrom('files').where('created_at', '<', expired).execute();
  const id = newId();
  await db
    .insertInto('files')
    .values({ id, name: file.name, content_type: file.contentType, bytes: file.bytes, created_by: file.createdBy,
      created_at: nowIso() })
    .execute();
  return id;
}

export async function readFile(db: Db, id: string) {
  return db.selectFrom('files').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Records a failure on the job in the user's language: a refusal by its code, anything else as internal. */
export async function failJob(job: JobHandle, err: unknown, locale: Locale): Promise<void> {
  if (err instanceof AppError) await job.fail(errorMessage(err.code, locale, err.params), { code: err.code });
  else await job.fail(errorMessage('INTERNAL', locale), { code: 'INTERNAL', detail: String(err) });
}

/**
 * Records the outcome of an all-or-nothing file job: failed, with `refusedCode`'s message, when rows
 * had errors (the outcome carries the row report), succeeded otherwise; a throw is the job's failure.
 */
export async function finishFileJob<T extends { errorRows: number }>(job: JobHandle, run: () => Promise<T>, locale: Locale,
  refusedCode: ErrorCode): Promise<void> {
  try {
    const outcome = await run();
    if (outcome.errorRows > 0) await job.fail(errorMessage(refusedCode, locale, { count: outcome.errorRows }), outcome);
    else await job.succeed(outcome);
  } catch (err) {
    await failJob(job, err, locale);
  }
}

/**
 * The worker side of a job: its own connection and a handle on the job; `work` records the outcome,
 * and whatever it throws is recorded as the job's failure.
 */
export async function runJob(config: Config, jobId: string, locale: Locale,
  work: (ctx: AppContext, job: JobHandle) => Promise<void>): Promise<void> {
  const { ctx } = await openContext(config, { quiet: true });
  const job = jobHandle(ctx.handle.db, jobId);
  try {
    await withLease(ctx.handle, jobId, () => work(ctx, job));
  } catch (err) {
    await failJob(job, err, locale);
  } finally {
    await ctx.handle.close();
  }
}

/** Advisory-lock class of running jobs on PostgreSQL ("JOB"); the job's id, hashed, is the key. */
const JOB_LOCK_CLASS = 0x4a4f42;
/** A job younger than this may not have taken its lease yet (its worker is still starting). */
const LEASE_GRACE_MS = 60_000;

/**
 * While a job runs on PostgreSQL, its worker holds a session advisory lock on a connection of its
 * own; the server drops the lock when that process dies, however it dies, so any node can tell a
 * running job from an orphan. (SQLite serves one node: see `sweepInterruptedJobs`.)
 */
async function withLease(handle: DbHandle, jobId: string, work: () => Promise<void>): Promise<void> {
  if (handle.dialect !== 'postgres') return work();
  await handle.db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${JOB_LOCK_CLASS}, hashtext(${jobId}))`.execute(conn);
    try {
      await work();
    } finally {
      await sql`select pg_advisory_unlock(${JOB_LOCK_CLASS}, hashtext(${jobId}))`.execute(conn);
    }
  });
}

/**
 * Jobs left "running" by a process that died (a restart, kill -9, the OOM killer) are marked failed
 * with JOB_INTERRUPTED, so their owners see "submit it again" rather than a bar that never moves.
 * SQLite has one serving process: every job it had running before `startedAt` is an orphan. On
 * PostgreSQL a job whose lease lock nobody holds is one.
 */
export async function sweepInterruptedJobs(handle: DbHandle, startedAt: string, now = new Date()): Promise<string[]> {
  const db = handle.db;
  let orphans: string[];
  if (handle.dialect === 'postgres') {
    const running = await db.selectFrom('jobs').select('id').where('status', '=', 'running')
      .where('created_at', '<', new Date(now.getTime() - LEASE_GRACE_MS).toISOString()).execute();
    orphans = await db.connection().execute(async (conn) => {
      const free: string[] = [];
      for (const { id } of running) {
        const { rows } = await sql<{ free: boolean }>`select pg_try_advisory_lock(${JOB_LOCK_CLASS}, hashtext(${id})) as free`.execute(conn);
        if (!rows[0].free) continue;
        await sql`select pg_advisory_unlock(${JOB_LOCK_CLASS}, hashtext(${id}))`.execute(conn);
        free.push(id);
      }
      return free;
    });
  } else {
    orphans = (await db.selectFrom('jobs').select('id').where('status', '=', 'running').where('created_at', '<', startedAt).execute())
      .map((j) => j.id);
  }
  if (orphans.length === 0) return [];
  await db.updateTable('jobs')
    .set({ status: 'failed', message: errorMessage('JOB_INTERRUPTED', 'zh-CN'), result: JSON.stringify({ code: 'JOB_INTERRUPTED' }),
      finished_at: now.toISOString() })
    .where('id', 'in', orphans).where('status', '=', 'running')
    .execute();
  return orphans;
}
