import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { runJob, startJob, sweepInterruptedJobs } from '../../src/server/platform/jobs.js';
import { DIALECTS } from '../support/env.js';
import { testDatabase, type TestDatabase } from '../support/db.js';
import { loginAs, testApp } from '../support/http.js';

const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000).toISOString();

/** A job whose process died is found and marked interrupted; a job still being worked on never is. */
describe.each(DIALECTS)('interrupted jobs on %s', (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let cookie: string;
  let userId: string;
  beforeAll(async () => {
    tdb = await testDatabase(dialect);
    app = await testApp(tdb.ctx);
    cookie = await loginAs(app, 'duoba');
    userId = (await app.inject({ url: '/api/v1/auth/me', headers: { cookie } })).json().id;
  });
  afterAll(async () => {
    await app.close();
    await tdb.close();
  });

  const db = () => tdb.ctx.handle.db;
  const jobRow = (id: string) => db().selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('marks a job left running by a dead process failed, and says so in the reader\'s language', async () => {
    const job = await startJob(db(), 'people.import', userId);
    await db().updateTable('jobs').set({ created_at: minutesAgo(5) }).where('id', '=', job.id).execute();
    expect(await sweepInterruptedJobs(tdb.ctx.handle, minutesAgo(1))).toEqual([job.id]);
    expect(await jobRow(job.id)).toMatchObject({ status: 'failed', result: JSON.stringify({ code: 'JOB_INTERRUPTED' }) });
    const zh = (await app.inject({ url: `/api/v1/jobs/${job.id}`, headers: { cookie } })).json();
    expect(zh).toMatchObject({ status: 'failed', message: '任务因系统重启而中断，未完成的部分均未保存，请重新提交' });
    const en = (await app.inject({ url: `/api/v1/jobs/${job.id}`, headers: { cookie, 'accept-language': 'en' } })).json();
    expect(en.message).toBe('The job was interrupted by a restart; nothing of it was kept. Submit it again');
    // A second sweep finds nothing more to do.
    expect(await sweepInterruptedJobs(tdb.ctx.handle, minutesAgo(1))).toEqual([]);
  });

  it('leaves alone a job that is being worked on, and one too young to have started', async () => {
    const job = await startJob(db(), 'people.import', userId);
    let finish!: () => void;
    let started!: () => void;
    const working = new Promise<void>((r) => (started = r));
    const running = runJob(tdb.ctx.config, job.id, 'zh-CN', async (_ctx, handle) => {
      started();
      await new Promise<void>((r) => (finish = r));
      await handle.succeed({ ok: true });
    });
    await working;
    const young = await startJob(db(), 'people.import', userId);
    // The job being worked on is made old enough to be judged; the young one is within its grace.
    await db().updateTable('jobs').set({ created_at: minutesAgo(5) }).where('id', '=', job.id).execute();
    // SQLite: both were created after this process started. PostgreSQL: the worker holds the job's lease.
    const startedAt = minutesAgo(10);
    try {
      expect(await sweepInterruptedJobs(tdb.ctx.handle, startedAt)).toEqual([]);
    } finally {
      finish();
    }
    await running;
    expect((await jobRow(job.id)).status).toBe('succeeded');
    expect((await jobRow(young.id)).status).toBe('running');
  });
});
