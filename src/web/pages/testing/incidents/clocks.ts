/** An SLA clock as the incidents API gives it. */
export interface ClockLike {
  dueAt: string;
  doneAt: string | null;
}

/** Remaining time of a clock at `now`: frozen once the step is done, running (and going negative) while it is not. */
export function remainingAt(clock: ClockLike, now: number): number {
  const end = clock.doneAt ? Date.parse(clock.doneAt) : now;
  return Date.parse(clock.dueAt) - end;
}

/** Whether any clock is past due at `now` (a step done late, or still to do and late). */
export function breachedAt(clocks: ClockLike[], now: number): boolean {
  return clocks.some((c) => remainingAt(c, now) < 0);
}
