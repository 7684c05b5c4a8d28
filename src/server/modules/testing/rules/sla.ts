import type { IncidentRow } from '../tables.js';

/** The three clocks a positive pool starts (DOMAIN.md §2.3: configurable, e.g. 1 h / 4 h / 6 h). */
export const SLA_CLOCKS = ['notify', 'resample', 'result'] as const;
export type SlaClock = (typeof SLA_CLOCKS)[number];

export interface SlaMinutes {
  notifyMinutes: number;
  resampleMinutes: number;
  resultMinutes: number;
}

export interface SlaDue {
  notify: string;
  resample: string;
  result: string;
}

/** Every clock runs from the moment the positive result was recorded. */
export function dueTimes(detectedAt: string, sla: SlaMinutes): SlaDue {
  const t0 = Date.parse(detectedAt);
  const at = (minutes: number) => new Date(t0 + Math.max(0, minutes) * 60_000).toISOString();
  return { notify: at(sla.notifyMinutes), resample: at(sla.resampleMinutes), result: at(sla.resultMinutes) };
}

export interface ClockState {
  clock: SlaClock;
  dueAt: string;
  /** When the step was done; null while it is still to do. */
  doneAt: string | null;
  /** Milliseconds left until due (negative once past it); frozen at the moment the step was done. */
  remainingMs: number;
  breached: boolean;
}

/**
 * The state of one clock at `now`. A step done late stays breached; one done in time never breaches,
 * whatever the time now. A clock that is still running breaches the instant `now` passes its due time.
 */
export function clockState(clock: SlaClock, dueAt: string, doneAt: string | null, now: Date): ClockState {
  const due = Date.parse(dueAt);
  const end = doneAt ? Date.parse(doneAt) : now.getTime();
  const remainingMs = due - end;
  return { clock, dueAt, doneAt, remainingMs, breached: remainingMs < 0 };
}

export type IncidentTimes = Pick<IncidentRow, 'status' | 'notify_due_at' | 'resample_due_at' | 'result_due_at' | 'notified_at'
  | 'resampled_at' | 'resulted_at' | 'closed_at'>;

/**
 * The incident's three clocks. Closing an incident stops every clock still running at the closing
 * instant (closed early, nothing more is owed).
 */
export function incidentClocks(i: IncidentTimes, now: Date): ClockState[] {
  const stop = (doneAt: string | null) => doneAt ?? i.closed_at;
  return [
    clockState('notify', i.notify_due_at, stop(i.notified_at), now),
    clockState('resample', i.resample_due_at, stop(i.resampled_at), now),
    clockState('result', i.result_due_at, stop(i.resulted_at), now),
  ];
}

/** Whether any clock of the incident is breached at `now`. */
export function isBreached(i: IncidentTimes, now: Date): boolean {
  return incidentClocks(i, now).some((c) => c.breached);
}
