import type { DesignatedLevel } from './zones.js';

const RANK: Record<DesignatedLevel, number> = { low: 1, medium: 2, high: 3 };

export function higherLevel(a: DesignatedLevel | null, b: DesignatedLevel | null): DesignatedLevel | null {
  if (a === null) return b;
  if (b === null) return a;
  return RANK[a] >= RANK[b] ? a : b;
}

/** One recorded change of a zone's level (designation, up- or downgrade, lifting), by local date. */
export interface LevelChange {
  effectiveOn: string;
  effectiveAt: string;
  toLevel: DesignatedLevel | null;
}

/**
 * A zone's level on a local date, from its history: the highest level it had at any moment of that
 * day (the level it entered the day with, and every level set during it). A traveller who was there
 * that day is judged by it, so a zone downgraded at noon still counts as its old level for the day.
 * null: not designated (yet, or any more) that whole day.
 */
export function levelOn(changes: readonly LevelChange[], date: string): DesignatedLevel | null {
  const ordered = [...changes].sort((a, b) => (a.effectiveAt < b.effectiveAt ? -1 : a.effectiveAt > b.effectiveAt ? 1 : 0));
  let atStart: DesignatedLevel | null = null;
  let during: DesignatedLevel | null = null;
  for (const c of ordered) {
    if (c.effectiveOn < date) atStart = c.toLevel;
    else if (c.effectiveOn === date) during = higherLevel(during, c.toLevel);
  }
  return higherLevel(atStart, during);
}
