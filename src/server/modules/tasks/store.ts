import { sql } from 'kysely';
import { underAnyPath, type DbOrTx } from '../../platform/db/index.js';
import type { TaskRow } from './tables.js';

export async function insertTask(db: DbOrTx, row: TaskRow): Promise<void> {
  await db.insertInto('tasks').values(row).execute();
}

export async function findTask(db: DbOrTx, id: string): Promise<TaskRow | undefined> {
  return db.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function setTaskStatus(db: DbOrTx, id: string, status: string, note: string | undefined, at: string): Promise<void> {
  await db.updateTable('tasks').set({ status, updated_at: at, ...(note ? { note } : {}) }).where('id', '=', id).execute();
}

/** Tasks under the paths; active ones with a due time first (earliest, so overdue lead), then the rest by age. */
export async function listTasks(
  db: DbOrTx,
  f: { paths: string[]; statuses: string[] },
  page: { offset: number; limit: number },
): Promise<{ rows: TaskRow[]; total: number }> {
  if (f.paths.length === 0) return { rows: [], total: 0 };
  const q = db
    .selectFrom('tasks')
    .where('status', 'in', f.statuses)
    .where(underAnyPath('region_path', f.paths));
  const [rows, count] = await Promise.all([
    q.selectAll()
      .orderBy(sql`case when due_at is null then 1 else 0 end`)
      .orderBy('due_at')
      .orderBy('id', 'desc')
      .offset(page.offset)
      .limit(page.limit)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Ids of the tasks a module made for one of its records that are still open or in progress. */
export async function activeTasksFor(db: DbOrTx, sourceModule: string, sourceIds: string[]): Promise<{ id: string; source_id: string }[]> {
  const out: { id: string; source_id: string }[] = [];
  for (let i = 0; i < sourceIds.length; i += 500) {
    const rows = await db.selectFrom('tasks').select(['id', 'source_id']).where('source_module', '=', sourceModule)
      .where('source_id', 'in', sourceIds.slice(i, i + 500)).where('status', 'in', ['open', 'in_progress']).execute();
    for (const r of rows) out.push({ id: r.id, source_id: r.source_id! });
  }
  return out;
}

/**
 * The open work of some modules under a path, soonest due first, at most `limit` (a grid's day list: no count,
 * no paging). The modules are matched on `source_module || ''`, not on the column itself: a condition on the
 * column would lead the planner to the (source_module, source_id) index and every task of the module, instead
 * of the path's range.
 */
export async function openTasksUnder(db: DbOrTx, path: string, modules: string[], limit: number): Promise<TaskRow[]> {
  return db.selectFrom('tasks').selectAll().where(underAnyPath('region_path', [path])).where('status', 'in', ['open', 'in_progress'])
    .where(sql<string>`${sql.ref('source_module')} || ''`, 'in', modules)
    .orderBy(sql`case when due_at is null then 1 else 0 end`).orderBy('due_at').orderBy('id', 'desc').limit(limit).execute();
}
