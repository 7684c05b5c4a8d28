import type { ManagementPlan, PhaseKind } from '../../../../shared/screening.js';
import { addDays } from '../../../../shared/dates.js';

/** Phases spent at home, whose daily health checks are the grid's to make (central isolation is checked by the site's staff). */
export const HOME_PHASES: readonly PhaseKind[] = ['home_isolation', 'home_health_monitoring', 'self_monitoring'];

/** The phase a plan is in on a date, with its day number (D1 = the phase's first day). */
export function phaseOn(plan: Pick<ManagementPlan, 'phases'>, date: string): { kind: PhaseKind; day: number; days: number } | null {
  for (const p of plan.phases) {
    if (p.startDate <= date && date <= p.endDate) {
      const day = Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${p.startDate}T00:00:00Z`)) / 86_400_000) + 1;
      return { kind: p.kind, day, days: p.days };
    }
  }
  return null;
}

/** Whether an episode needs its health check from the grid today: in a home phase and not yet checked today. */
export function healthCheckDue(plan: Pick<ManagementPlan, 'phases'>, today: string, checkedToday: boolean): boolean {
  const phase = phaseOn(plan, today);
  return !!phase && HOME_PHASES.includes(phase.kind) && !checkedToday;
}

/** A scheduled test on the day list: due today, or yesterday's still without a result (missed); else not listed. */
export function testOnList(test: { due_date: string; status: string }, today: string): 'today' | 'missed' | null {
  if (test.due_date === today && test.status === 'due') return 'today';
  if (test.due_date === addDays(today, -1) && (test.status === 'due' || test.status === 'missed')) return 'missed';
  return null;
}

/** A release on the day list: proposed and waiting for a cadre, or due (its plan has ended) and to be proposed. */
export function releaseOnList(episode: { status: string; release_date: string | null }, today: string): 'due' | 'proposed' | null {
  if (episode.status === 'release_proposed') return 'proposed';
  if (episode.status === 'active' && episode.release_date !== null && episode.release_date <= today) return 'due';
  return null;
}
