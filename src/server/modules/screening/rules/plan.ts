import type { RuleSetCode } from '../../../../shared/response.js';
import type { ManagedCategory, ManagementPlan } from '../../../../shared/screening.js';
import type { RuleSet } from '../../../../shared/rule-sets.js';
import { addDays, daysBetween } from '../../../../shared/dates.js';

export type PlanProblem =
  | { code: 'ANCHOR_IN_FUTURE' }
  | { code: 'NO_RULE_SET_IN_FORCE'; date: string }
  | { code: 'RULE_SET_UNKNOWN'; ruleSet: RuleSetCode }
  | { code: 'CATEGORY_NOT_IN_RULE_SET'; category: ManagedCategory; ruleSet: RuleSetCode; ruleSetName: RuleSet['name'] };

/** The plan in force on a local date, if any. */
export function ruleSetOn(date: string, table: readonly RuleSet[]): RuleSet | undefined {
  return table.find((r) => r.from <= date && date <= r.to);
}

/**
 * A person's management plan: the phases of their category under a plan, with their dates and test
 * dates, from the anchor date. The ledger and the plan preview both call this one function.
 */
export function planFor(input: { category: ManagedCategory; anchorDate: string; ruleSet?: RuleSetCode; today: string },
  table: readonly RuleSet[]): { ok: true; plan: ManagementPlan } | { ok: false; problem: PlanProblem } {
  const { category, anchorDate, today } = input;
  if (anchorDate > today) return { ok: false, problem: { code: 'ANCHOR_IN_FUTURE' } };
  const ruleSet = input.ruleSet ? table.find((r) => r.code === input.ruleSet) : ruleSetOn(anchorDate, table);
  if (!ruleSet && input.ruleSet) return { ok: false, problem: { code: 'RULE_SET_UNKNOWN', ruleSet: input.ruleSet } };
  if (!ruleSet) return { ok: false, problem: { code: 'NO_RULE_SET_IN_FORCE', date: anchorDate } };
  const rule = ruleSet.categories[category];
  if (!rule) return { ok: false, problem: { code: 'CATEGORY_NOT_IN_RULE_SET', category, ruleSet: ruleSet.code, ruleSetName: ruleSet.name } };
  const empty: ManagementPlan = { ruleSet: ruleSet.code, category, anchorDate, phases: [], testDates: [], releaseDate: null };
  if (rule.lapsesAfterDays !== undefined && daysBetween(anchorDate, today) > rule.lapsesAfterDays) return { ok: true, plan: empty };
  let start = addDays(anchorDate, rule.firstDayOffset);
  const phases = rule.phases.map((p) => {
    const planned = {
      kind: p.kind, days: p.days, startDate: start, endDate: addDays(start, p.days - 1),
      testDates: p.testDays.map((d) => addDays(start, d - 1)),
    };
    start = addDays(start, p.days);
    return planned;
  });
  return { ok: true, plan: { ...empty, phases, testDates: phases.flatMap((p) => p.testDates), releaseDate: start } };
}
