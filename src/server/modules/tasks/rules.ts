import { defineLadder } from '../../platform/workflow.js';
import type { TaskStatus } from '../../../shared/tasks.js';

export const TASK_LADDER = defineLadder<TaskStatus>({
  recordType: 'task',
  initial: 'open',
  transitions: {
    open: ['in_progress', 'done', 'cancelled'],
    in_progress: ['done', 'open', 'cancelled'],
    done: ['in_progress'],
    cancelled: ['open'],
  },
  reasonRequired: ['open->cancelled', 'in_progress->cancelled', 'done->in_progress'],
});

export function isOverdue(dueAt: string | null, status: TaskStatus, now: Date): boolean {
  return dueAt !== null && (status === 'open' || status === 'in_progress') && new Date(dueAt) < now;
}
