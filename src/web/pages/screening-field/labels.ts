import type { VisitOutcomeCode, VisitShift } from './types.js';

/** Outcomes in the order a grid worker meets them at the door (kept here: the contract's list carries zod). */
export const OUTCOMES: VisitOutcomeCode[] = ['normal', 'new_arrival', 'symptoms', 'absent', 'refused'];
export const SHIFTS: VisitShift[] = ['day', 'night'];

export const OUTCOME_COLORS: Record<VisitOutcomeCode, string> = {
  normal: 'green', new_arrival: 'blue', symptoms: 'red', absent: 'default', refused: 'orange',
};

/** The night shift (白+黑) by the clock in China: 19:00 to 06:00. */
export function defaultShift(now = new Date()): VisitShift {
  const hour = (now.getUTCHours() + 8) % 24;
  return hour >= 19 || hour < 6 ? 'night' : 'day';
}
