import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { audit } from '../../src/server/platform/audit.js';
import { DIALECTS } from '../support/env.js';
import { testDatabase, type TestDatabase } from '../support/db.js';

const who = { userId: null, username: 'auditor-test', role: 'commander', ip: '10.0.0.9' };

/** The audit trail: a read's record stands alone, a change's record shares the change's fate. */
describe.each(DIALECTS)('audit records on %s', (dialect) => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await testDatabase(dialect, { seeded: false });
  });
  afterAll(async () => {
    await tdb.close();
  });
  const db = () => tdb.ctx.handle.db;
  const recorded = (subjectId: string) => db().selectFrom('audit_log').selectAll().where('subject_id', '=', subjectId).execute();

  it('keeps the record of a read, every field as given', async () => {
    await audit(db(), who, { action: 'test.view', subjectType: 'person', subjectId: 'read-1', regionPath: '630106/1',
      detail: { members: 3 } });
    expect(await recorded('read-1')).toEqual([expect.objectContaining({ action: 'test.view', result: 'ok', username: 'auditor-test',
      role: 'commander', ip: '10.0.0.9', subject_type: 'person', region_path: '630106/1', detail: '{"members":3}', reason: null })]);
  });

  it('drops the record of a change that rolls back', async () => {
    await expect(db().transaction().execute(async (tx) => {
      await audit(tx, who, { action: 'test.change', subjectId: 'change-1' });
      throw new Error('the change fails');
    })).rejects.toThrow('the change fails');
    expect(await recorded('change-1')).toEqual([]);
  });
});

/** On PostgreSQL a read's record commits without waiting for its WAL flush: for that one statement only. */
describe('a read\'s record on postgres', () => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await testDatabase('postgres', { seeded: false });
  });
  afterAll(async () => {
    await tdb.close();
  });

  it('leaves the pooled connection committing durably', async () => {
    const db = tdb.ctx.handle.db;
    const setting = await db.connection().execute(async (c) => {
      await sql`set synchronous_commit = on`.execute(c);
      await audit(c, who, { action: 'test.view', subjectId: 'read-2' });
      return (await sql<{ synchronous_commit: string }>`show synchronous_commit`.execute(c)).rows[0].synchronous_commit;
    });
    expect(setting).toBe('on');
    expect(await db.selectFrom('audit_log').select('action').where('subject_id', '=', 'read-2').execute()).toEqual([{ action: 'test.view' }]);
  });
});
