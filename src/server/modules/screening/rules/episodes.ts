import type { RuleSetCode } from '../../../../shared/response.js';
import type { ManagedCategory, ManagementPlan, PhaseKind } from '../../../../shared/screening.js';
import { defineLadder } from '../../../platform/workflow.js';
import type { EpisodeSource, EpisodeStatus, PlaceKind, ScheduledTestStatus } from '../tables.js';
import type { RuleSet } from '../../../../shared/rule-sets.js';
import { planFor, ruleSetOn, type PlanProblem } from './plan.js';
import { addDays } from '../../../../shared/dates.js';

/**
 * Managed people (管控人员): an episode's status ladder, the plan it runs under, its scheduled tests,
 * merging a new report into an open episode, filling tests with results and the release check. Pure.
 */

/**
 * active → release_proposed (every scheduled test negative) → released (confirmed by a person);
 * active/release_proposed → escalated (a positive test); → closed with a reason (opened in error,
 * moved away, died). active → active records a re-plan (a later exposure merged in, a plan move);
 * release_proposed → active when a re-plan adds tests.
 */
export const EPISODE_LADDER = defineLadder<EpisodeStatus>({
  recordType: 'screening_episode',
  initial: 'active',
  transitions: {
    active: ['active', 'release_proposed', 'escalated', 'closed'],
    release_proposed: ['release_proposed', 'active', 'released', 'escalated', 'closed'],
    released: [],
    escalated: ['closed'],
    closed: [],
  },
  reasonRequired: ['active->closed', 'release_proposed->closed', 'escalated->closed'],
});

export const OPEN_STATUSES: readonly EpisodeStatus[] = ['active', 'release_proposed'];

/** What a caller asks to open (a cadre's form, a 协查 row, a positive pool's member). */
export interface EpisodeDraft {
  personId: string;
  category: ManagedCategory;
  anchorDate: string;
  /** A plan named by hand; otherwise the one in force (see ruleSetFor). */
  ruleSet?: RuleSetCode;
  placeKind?: PlaceKind;
  source: EpisodeSource;
  sourceRef?: string | null;
  note?: string | null;
}

/**
 * What planning needs to know beyond the draft: the prevention plans (the rule_sets table), and the
 * response in force — its plan and the local date it was declared — if there is one.
 */
export interface PlanningContext {
  table: readonly RuleSet[];
  response: { ruleSet: RuleSetCode; startedOn: string } | null;
}

/**
 * The plan an episode anchored on a date runs under: the one named, else the one in force on the
 * anchor date (DOMAIN.md §0), else — for an anchor on or after the day the response in force was
 * declared and outside every dated plan — the plan that response names. The last case is how a
 * response kept after a plan's end date (a drill, the demo district today) still gets plans; an
 * anchor before the response began has none and is refused.
 */
export function ruleSetFor(anchorDate: string, context: PlanningContext, named?: RuleSetCode): RuleSetCode | undefined {
  if (named) return named;
  const dated = ruleSetOn(anchorDate, context.table);
  if (dated) return dated.code;
  if (context.response && anchorDate >= context.response.startedOn) return context.response.ruleSet;
  return undefined;
}

export type DraftProblem = PlanProblem | { code: 'NO_MEASURE_NEEDED'; category: ManagedCategory };

/** A draft's plan, or why it has none (a future anchor, no plan, a category the plan lacks, a measure run out). */
export function planOfDraft(
  draft: { category: ManagedCategory; anchorDate: string; ruleSet?: RuleSetCode },
  today: string,
  context: PlanningContext,
): { ok: true; plan: ManagementPlan } | { ok: false; problem: DraftProblem } {
  if (draft.anchorDate > today) return { ok: false, problem: { code: 'ANCHOR_IN_FUTURE' } };
  const ruleSet = ruleSetFor(draft.anchorDate, context, draft.ruleSet);
  if (!ruleSet) return { ok: false, problem: { code: 'NO_RULE_SET_IN_FORCE', date: draft.anchorDate } };
  const result = planFor({ category: draft.category, anchorDate: draft.anchorDate, ruleSet, today }, context.table);
  if (result.ok && result.plan.phases.length === 0) return { ok: false, problem: { code: 'NO_MEASURE_NEEDED', category: draft.category } };
  return result;
}

/**
 * An episode's plan: its category under its plan from its anchor. Plans are never edited and their
 * codes never reused, so this is the plan it was opened (or last moved) under; computed as of the anchor,
 * so it neither lapses nor counts as in the future.
 */
export function planOfEpisode(e: { category: ManagedCategory; anchor_date: string; rule_set: RuleSetCode }, table: readonly RuleSet[]): ManagementPlan {
  let plans = plansOfTable.get(table);
  if (!plans) plansOfTable.set(table, (plans = new Map()));
  const key = `${e.rule_set}|${e.category}|${e.anchor_date}`;
  let plan = plans.get(key);
  if (!plan) {
    const r = planFor({ category: e.category, anchorDate: e.anchor_date, ruleSet: e.rule_set, today: e.anchor_date }, table);
    if (!r.ok) throw new Error(`episode plan ${e.rule_set}/${e.category} cannot be computed: ${r.problem.code}`);
    plan = frozen(r.plan);
    plans.set(key, plan);
  }
  return plan;
}

/**
 * Episode plans already computed, per read of the plans table: a grid's day list or a ledger page
 * asks for a few dozen distinct plans hundreds of times over. Shared, so frozen.
 */
const plansOfTable = new WeakMap<readonly RuleSet[], Map<string, ManagementPlan>>();

function frozen(plan: ManagementPlan): ManagementPlan {
  for (const p of plan.phases) Object.freeze(Object.freeze(p).testDates);
  Object.freeze(plan.phases);
  Object.freeze(plan.testDates);
  return Object.freeze(plan);
}

/** Null when `openEpisodes` can take the draft; otherwise the problem the caller reports for its row. */
export function checkDraft(draft: EpisodeDraft, today: string, context: PlanningContext): DraftProblem | null {
  const r = planOfDraft(draft, today, context);
  return r.ok ? null : r.problem;
}

/** Where a person is managed when nobody says: a central phase first means a site, anything else home. */
export function defaultPlace(plan: ManagementPlan): PlaceKind {
  return plan.phases[0]?.kind === 'central_isolation' ? 'central' : 'home';
}

/** One scheduled test per test date, with the kind of phase it falls in. */
export function testsOfPlan(plan: ManagementPlan): { dueDate: string; phaseKind: PhaseKind }[] {
  const seen = new Set<string>();
  const out: { dueDate: string; phaseKind: PhaseKind }[] = [];
  for (const p of plan.phases) {
    for (const d of p.testDates) {
      if (seen.has(d)) continue;
      seen.add(d);
      out.push({ dueDate: d, phaseKind: p.kind });
    }
  }
  return out;
}

/** A test is filled when a result stands on it; due and missed ones still wait. */
export const isFilled = (status: ScheduledTestStatus) => status === 'negative' || status === 'positive' || status === 'invalid';

export interface TestSlot {
  id: string;
  dueDate: string;
  status: ScheduledTestStatus;
  phaseKind: PhaseKind;
}

/**
 * A new plan over an episode's existing tests (a later exposure merged in, a headquarters plan
 * move): filled tests stay as they are (results are history); waiting tests on dates the new plan
 * keeps stay (their phase kind follows the new plan); waiting tests on dates it drops go; dates it
 * adds become new due tests.
 */
export function replanTests(existing: TestSlot[], plan: ManagementPlan): {
  keep: { id: string; phaseKind: PhaseKind }[];
  drop: string[];
  add: { dueDate: string; phaseKind: PhaseKind }[];
} {
  const wanted = new Map(testsOfPlan(plan).map((t) => [t.dueDate, t.phaseKind]));
  const keep: { id: string; phaseKind: PhaseKind }[] = [];
  const drop: string[] = [];
  const covered = new Set<string>();
  for (const t of existing) {
    const kind = wanted.get(t.dueDate);
    if (isFilled(t.status)) {
      keep.push({ id: t.id, phaseKind: kind ?? t.phaseKind });
      if (kind) covered.add(t.dueDate);
    } else if (kind && !covered.has(t.dueDate)) {
      keep.push({ id: t.id, phaseKind: kind });
      covered.add(t.dueDate);
    } else {
      drop.push(t.id);
    }
  }
  const add = [...wanted].filter(([d]) => !covered.has(d)).map(([dueDate, phaseKind]) => ({ dueDate, phaseKind }));
  return { keep, drop, add };
}

/**
 * A new report for a person already managed in the same category (协查 lists repeat people; a
 * second exposure): an anchor no later than the episode's changes nothing; a later one restarts the
 * plan from it under the episode's own rule set.
 */
export function mergedAnchor(episodeAnchor: string, draftAnchor: string): string | null {
  return draftAnchor > episodeAnchor ? draftAnchor : null;
}

export type ReleaseProblem =
  | { code: 'RELEASE_TEST_POSITIVE'; dates: string[] }
  | { code: 'RELEASE_TEST_MISSING'; dates: string[] }
  | { code: 'RELEASE_TOO_EARLY'; lastDay: string };

/**
 * Whether an episode may be released today: every scheduled test negative (a positive one or one
 * without a usable result refuses, naming the dates), and the plan's last day reached (the day
 * before its release date: a release is confirmed once the last day's test is back negative).
 */
export function releaseProblem(tests: { dueDate: string; status: ScheduledTestStatus }[], releaseDate: string | null,
  today: string): ReleaseProblem | null {
  const positive = tests.filter((t) => t.status === 'positive').map((t) => t.dueDate).sort();
  if (positive.length > 0) return { code: 'RELEASE_TEST_POSITIVE', dates: positive };
  const missing = tests.filter((t) => t.status !== 'negative').map((t) => t.dueDate).sort();
  if (missing.length > 0) return { code: 'RELEASE_TEST_MISSING', dates: missing };
  const lastDay = releaseDate ? addDays(releaseDate, -1) : null;
  if (lastDay && today < lastDay) return { code: 'RELEASE_TOO_EARLY', lastDay };
  return null;
}

/** Every scheduled test has come back negative: the ledger proposes the release by itself. */
export function allNegative(tests: { status: ScheduledTestStatus }[]): boolean {
  return tests.length > 0 && tests.every((t) => t.status === 'negative');
}

/**
 * The scheduled test a sample counts for: the one due on the sample's local date if it still waits
 * for a result, else the nearest earlier one still waiting (a missed or late test made up). A
 * sample taken before every waiting test counts for none.
 */
export function testForSample<T extends { dueDate: string; status: ScheduledTestStatus }>(tests: T[], sampledOn: string): T | undefined {
  let best: T | undefined;
  for (const t of tests) {
    if (isFilled(t.status) && t.status !== 'invalid') continue;
    if (t.dueDate > sampledOn) continue;
    if (t.dueDate === sampledOn) return t;
    if (!best || t.dueDate > best.dueDate) best = t;
  }
  return best;
}

/** Due tests whose day has passed without a result: they become missed (and a task), never an extension. */
export function missedBy<T extends { dueDate: string; status: ScheduledTestStatus }>(tests: T[], today: string): T[] {
  return tests.filter((t) => t.status === 'due' && t.dueDate < today);
}

/** A health check that needs the community: any symptom or a temperature of 37.3 °C or more. */
export function healthCheckAlarming(check: { temperature: number | null; symptoms: string[] }): boolean {
  return check.symptoms.length > 0 || (check.temperature !== null && check.temperature >= 37.3);
}

/** The ladder move a set of test results implies for an open episode, if any. */
export function statusAfterResults(status: EpisodeStatus, tests: { status: ScheduledTestStatus }[]): EpisodeStatus {
  if (!OPEN_STATUSES.includes(status)) return status;
  if (tests.some((t) => t.status === 'positive')) return 'escalated';
  if (allNegative(tests)) return 'release_proposed';
  return 'active';
}
