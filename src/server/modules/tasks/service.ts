import type { z } from 'zod';
import { requirePermission, requireRegion, scopePaths, type Actor } from '../../platform/access.js';
import { audit } from '../../platform/audit.js';
import { inTransaction, type DbOrTx } from '../../platform/db/index.js';
import { AppError, validationError } from '../../platform/errors.js';
import { newId, nowIso } from '../../platform/ids.js';
import { recordTransition } from '../../platform/workflow.js';
import { displayName, findRegion, regionNames } from '../regions/index.js';
import { TASK_STATUSES, type MoveTask, type NewTask, type TaskQuery, type TaskStatus, type TaskView } from '../../../shared/tasks.js';
import type { TaskRow } from './tables.js';
import { TASK_LADDER, isOverdue } from './rules.js';
import * as store from './store.js';

/** What a module says when it puts work in the inbox. */
export interface TaskRequest {
  title: string;
  kind: string;
  sourceModule: string;
  sourceId?: string | null;
  target: { type: TaskRow['target_type']; id: string };
  /** The region whose people see the task (the target's region for a person or unit). */
  regionPath: string;
  workstream?: string | null;
  dueAt?: string | null;
  note?: string | null;
}

/** Views of task rows, with their regions' names looked up once for the page. */
async function toViews(db: DbOrTx, rows: TaskRow[]): Promise<TaskView[]> {
  const codes = [...new Set(rows.flatMap((r) => r.region_path.split('/')))];
  const names = await regionNames(db, codes);
  const now = new Date();
  return rows.map((row) => toView(row, now, displayName(row.region_path.split('/').map((c) => ({ name: names.get(c) ?? c })))));
}

function toView(row: TaskRow, now: Date, regionName: string): TaskView {
  const status = row.status as TaskStatus;
  return {
    id: row.id, title: row.title, kind: row.kind, sourceModule: row.source_module, sourceId: row.source_id,
    targetType: row.target_type, targetId: row.target_id, regionCode: row.region_path.split('/').pop()!, regionName,
    workstream: row.workstream, dueAt: row.due_at, overdue: isOverdue(row.due_at, status, now), status, note: row.note,
    createdAt: row.created_at,
  };
}

/** Any module's way to put work in the inbox, inside the caller's transaction. */
export async function createTask(db: DbOrTx, actor: Actor | null, req: TaskRequest): Promise<string> {
  const now = nowIso();
  const row: TaskRow = {
    id: newId(), title: req.title, kind: req.kind, source_module: req.sourceModule, source_id: req.sourceId ?? null,
    target_type: req.target.type, target_id: req.target.id, region_path: req.regionPath, workstream: req.workstream ?? null,
    due_at: req.dueAt ?? null, status: TASK_LADDER.initial, note: req.note ?? null, created_at: now,
    created_by: actor?.userId ?? null, updated_at: now,
  };
  await inTransaction(db, async (tx) => {
    await store.insertTask(tx, row);
    await recordTransition(tx, TASK_LADDER, { recordId: row.id, from: null, to: row.status as TaskStatus, actor });
  });
  return row.id;
}

export async function inbox(db: DbOrTx, actor: Actor, q: z.infer<typeof TaskQuery>) {
  requirePermission(actor, 'tasks.view');
  const statuses = q.status === 'active' ? ['open', 'in_progress'] : [q.status];
  const { rows, total } = await store.listTasks(db, { paths: scopePaths(actor), statuses },
    { offset: (q.page - 1) * q.pageSize, limit: q.pageSize });
  return { items: await toViews(db, rows), total, page: q.page, pageSize: q.pageSize };
}

/** A task made by hand: a cadre or the headquarters asks a region to do something. */
export async function assignTask(db: DbOrTx, actor: Actor, input: z.infer<typeof NewTask>): Promise<TaskView> {
  requirePermission(actor, 'tasks.assign');
  const region = await findRegion(db, input.regionCode);
  if (!region) throw validationError([{ field: 'regionCode', code: 'REGION_UNKNOWN', params: { value: input.regionCode } }]);
  requireRegion(actor, region.path, 'capture');
  const id = await inTransaction(db, async (tx) => {
    const taskId = await createTask(tx, actor, { title: input.title, kind: 'manual', sourceModule: 'tasks',
      target: { type: 'region', id: region.code }, regionPath: region.path, dueAt: input.dueAt ?? null, note: input.note ?? null });
    await audit(tx, actor, { action: 'tasks.assign', subjectType: 'task', subjectId: taskId, regionPath: region.path });
    return taskId;
  });
  const [view] = await toViews(db, [(await store.findTask(db, id))!]);
  return view;
}

export async function moveTask(db: DbOrTx, actor: Actor, id: string, input: z.infer<typeof MoveTask>): Promise<TaskView> {
  requirePermission(actor, 'tasks.act');
  const task = await store.findTask(db, id);
  if (!task) throw new AppError('NOT_FOUND');
  requireRegion(actor, task.region_path, 'capture');
  const from = task.status as TaskStatus;
  if (!TASK_STATUSES.includes(from)) throw new AppError('INVALID_STATE');
  await inTransaction(db, async (tx) => {
    await recordTransition(tx, TASK_LADDER, { recordId: id, from, to: input.to, actor, reason: input.note });
    await store.setTaskStatus(tx, id, input.to, input.note, nowIso());
    await audit(tx, actor, { action: 'tasks.move', subjectType: 'task', subjectId: id, regionPath: task.region_path,
      detail: { from, to: input.to } });
  });
  const [view] = await toViews(db, [(await store.findTask(db, id))!]);
  return view;
}

/**
 * Marks open or in-progress tasks done because the work was done elsewhere (a missed test's result
 * arrived), inside the caller's transaction; each move is recorded with its note.
 */
export async function finishTasks(db: DbOrTx, actor: Actor | null, ids: string[], note: string): Promise<void> {
  for (const id of ids) {
    const task = await store.findTask(db, id);
    if (!task || (task.status !== 'open' && task.status !== 'in_progress')) continue;
    await recordTransition(db, TASK_LADDER, { recordId: id, from: task.status as TaskStatus, to: 'done', actor, reason: note });
    await store.setTaskStatus(db, id, 'done', note, nowIso());
  }
}
