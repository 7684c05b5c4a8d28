import type { UiKey } from '../../../shared/i18n/index.js';
import type { TaskStatus } from '../../../shared/tasks.js';

export interface TaskAction {
  to: TaskStatus;
  label: UiKey;
  primary?: boolean;
  danger?: boolean;
  /** Only for those who assign work (cancelling is theirs to decide). */
  assignOnly?: boolean;
}

/** The buttons each status offers, following the server's task ladder. */
export const TASK_ACTIONS: Record<TaskStatus, TaskAction[]> = {
  open: [
    { to: 'in_progress', label: 'tasks.start', primary: true },
    { to: 'done', label: 'tasks.finish' },
    { to: 'cancelled', label: 'tasks.cancel', danger: true, assignOnly: true },
  ],
  in_progress: [
    { to: 'done', label: 'tasks.finish', primary: true },
    { to: 'open', label: 'tasks.putBack' },
    { to: 'cancelled', label: 'tasks.cancel', danger: true, assignOnly: true },
  ],
  done: [{ to: 'in_progress', label: 'tasks.reopen' }],
  cancelled: [{ to: 'open', label: 'tasks.restore', assignOnly: true }],
};

const REASON_REQUIRED = new Set(['open->cancelled', 'in_progress->cancelled', 'done->in_progress']);

export const needsReason = (from: TaskStatus, to: TaskStatus) => REASON_REQUIRED.has(`${from}->${to}`);

/** Finishing asks for an optional note on what was done; moves that need a reason ask for it; others go at once. */
export const asksForNote = (from: TaskStatus, to: TaskStatus) => to === 'done' || needsReason(from, to);
