import { z } from 'zod';
import { Paging, RegionCode, pageOf } from './contracts/common.js';

/** The inbox's status ladder: open → in progress → done, or cancelled; done work can be reopened. */
export const TASK_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const TASK_STATUS_LABELS: Record<TaskStatus, { 'zh-CN': string; en: string }> = {
  open: { 'zh-CN': '待办', en: 'Open' },
  in_progress: { 'zh-CN': '办理中', en: 'In progress' },
  done: { 'zh-CN': '已办结', en: 'Done' },
  cancelled: { 'zh-CN': '已撤销', en: 'Cancelled' },
};

export const TaskView = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.string(),
  sourceModule: z.string(),
  sourceId: z.string().nullable(),
  targetType: z.enum(['organization', 'region', 'person']),
  targetId: z.string(),
  regionCode: z.string(),
  /** "多巴镇 / 金城社区 / 第1网格" */
  regionName: z.string(),
  workstream: z.string().nullable(),
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
  status: z.enum(TASK_STATUSES),
  note: z.string().nullable(),
  createdAt: z.string(),
});
export type TaskView = z.infer<typeof TaskView>;

export const TaskQuery = Paging.extend({
  status: z.enum(['active', ...TASK_STATUSES]).default('active'),
});
export const TaskPage = pageOf(TaskView);

export const NewTask = z.object({
  title: z.string().trim().min(2).max(200),
  regionCode: RegionCode,
  dueAt: z.iso.datetime().nullable().optional(),
  note: z.string().trim().max(1000).nullable().optional(),
});

export const MoveTask = z.object({
  to: z.enum(TASK_STATUSES),
  note: z.string().trim().max(1000).optional(),
});
