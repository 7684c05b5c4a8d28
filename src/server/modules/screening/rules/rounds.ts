import { VISIT_OUTCOMES, type CompletionFigures, type OutcomeCounts, type VisitOutcomeCode, type VisitShift } from '../../../../shared/contracts/screening/rounds.js';

/** What completion needs of one visit. */
export interface VisitFact {
  id: string;
  householdId: string;
  regionPath: string;
  outcome: VisitOutcomeCode;
  shift: VisitShift;
  visitedAt: string;
}

/** Where a household stands in a round after its visits. */
export interface HouseholdState {
  householdId: string;
  regionPath: string;
  /** Visited with an outcome other than absent: nothing more to do in this round. */
  done: boolean;
  /** The outcome that counts: the latest one other than absent, else absent. */
  outcome: VisitOutcomeCode;
}

const later = (a: VisitFact, b: VisitFact) => a.visitedAt > b.visitedAt || (a.visitedAt === b.visitedAt && a.id > b.id);

/** Each visited household's state: a household found once (any outcome but absent) stays done; absent only means come back. */
export function householdStates(visits: VisitFact[]): Map<string, HouseholdState> {
  const latestFound = new Map<string, VisitFact>();
  const seen = new Map<string, VisitFact>();
  for (const v of visits) {
    if (!seen.has(v.householdId)) seen.set(v.householdId, v);
    if (v.outcome === 'absent') continue;
    const prev = latestFound.get(v.householdId);
    if (!prev || later(v, prev)) latestFound.set(v.householdId, v);
  }
  const out = new Map<string, HouseholdState>();
  for (const [id, any] of seen) {
    const found = latestFound.get(id);
    out.set(id, { householdId: id, regionPath: any.regionPath, done: !!found, outcome: found?.outcome ?? 'absent' });
  }
  return out;
}

export function emptyCounts(): OutcomeCounts {
  return Object.fromEntries(VISIT_OUTCOMES.map((o) => [o, 0])) as OutcomeCounts;
}

/**
 * Completion of a region in a round: households visited with an outcome other than absent over the
 * households in scope, households by their outcome, visits by shift. A stale household count never
 * gives a rate above 1.
 */
export function completionOf(households: number, states: Iterable<HouseholdState>, visits: Iterable<Pick<VisitFact, 'shift'>>): CompletionFigures {
  const byOutcome = emptyCounts();
  let visited = 0;
  let outstanding = 0;
  for (const s of states) {
    byOutcome[s.outcome]++;
    if (s.done) visited++;
    else outstanding++;
  }
  let dayVisits = 0;
  let nightVisits = 0;
  for (const v of visits) {
    if (v.shift === 'night') nightVisits++;
    else dayVisits++;
  }
  const rate = households > 0 ? Math.min(1, visited / households) : 0;
  return { households, visited, outstanding, rate, byOutcome, dayVisits, nightVisits };
}

const under = (path: string, node: string) => path === node || path.startsWith(`${node}/`);

/** Completion of several regions (a region and its children) from one round's visits under them. */
export function completionByNode(nodes: { path: string; households: number }[], visits: VisitFact[]): Map<string, CompletionFigures> {
  const states = [...householdStates(visits).values()];
  const out = new Map<string, CompletionFigures>();
  for (const n of nodes) {
    out.set(n.path, completionOf(n.households, states.filter((s) => under(s.regionPath, n.path)),
      visits.filter((v) => under(v.regionPath, n.path))));
  }
  return out;
}

/** A round's window is a span of local dates, the last not before the first, at most 60 days. */
export function windowProblem(startsOn: string, endsOn: string): 'ENDS_BEFORE_START' | 'WINDOW_TOO_LONG' | null {
  if (endsOn < startsOn) return 'ENDS_BEFORE_START';
  const days = (Date.parse(`${endsOn}T00:00:00Z`) - Date.parse(`${startsOn}T00:00:00Z`)) / 86_400_000;
  return days > 60 ? 'WINDOW_TOO_LONG' : null;
}

/** Whether visits may be recorded in a round on a local date. */
export function takesVisitsOn(round: { status: 'open' | 'closed'; starts_on: string; ends_on: string }, date: string): boolean {
  return round.status === 'open' && round.starts_on <= date && date <= round.ends_on;
}
