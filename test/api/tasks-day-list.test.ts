import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openTasksUnder } from '../../src/server/modules/tasks/index.js';
import { newId, nowIso } from '../../src/server/platform/ids.js';
import { DIALECTS } from '../support/env.js';
import { testDatabase, type TestDatabase } from '../support/db.js';

const GRID = '630106/630106105/630106105001';

describe.each(DIALECTS)('open tasks of some modules under a grid on %s', (dialect) => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await testDatabase(dialect, { seeded: false });
  });
  afterAll(async () => tdb.close());

  it("lists a module's tasks however many tasks of other modules fall due sooner", async () => {
    const task = (module: string, dueAt: string) => ({
      id: newId(), title: `${module} task`, kind: 'visit', source_module: module, source_id: null, target_type: 'region' as const,
      target_id: GRID, region_path: GRID, workstream: null, due_at: dueAt, status: 'open', note: null, created_at: nowIso(),
      created_by: null, updated_at: nowIso(),
    });
    const soon = Array.from({ length: 250 }, (_, i) => task('isolation', `2026-12-08T0${i % 10}:00:00.000Z`));
    const later = [task('screening', '2026-12-09T08:00:00.000Z'), task('testing', '2026-12-09T09:00:00.000Z')];
    const elsewhere = task('screening', '2026-12-08T00:00:00.000Z');
    await tdb.ctx.handle.db.insertInto('tasks').values([...soon, ...later, { ...elsewhere, region_path: '630106/630106102' }]).execute();
    const listed = await openTasksUnder(tdb.ctx.handle.db, GRID, ['testing', 'screening'], 100);
    expect(listed.map((t) => t.id)).toEqual(later.map((t) => t.id));
    await sql`delete from tasks`.execute(tdb.ctx.handle.db);
  });
});
