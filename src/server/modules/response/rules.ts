import type { RuleSet } from '../../../shared/rule-sets.js';

/** The plans already in the table whose dates overlap a new one's: two plans are never in force on the same day. */
export function overlappingPlans(table: readonly RuleSet[], plan: Pick<RuleSet, 'from' | 'to'>): RuleSet[] {
  return table.filter((r) => r.from <= plan.to && plan.from <= r.to);
}

