import type { RuleSetCode } from '../../../../shared/response.js';
import type { DesignatedLevel, DowngradeRule, RuleSet, ZoneRules } from '../../../../shared/rule-sets.js';
import { addDays, daysBetween } from '../../../../shared/dates.js';

export type { DesignatedLevel };

/**
 * A plan's zone rules (DOMAIN.md §1.2), from its row in the rule_sets table: the levels it designates
 * and its downgrade clocks. A plan the table lacks designates nothing.
 */
export function zoneRulesOf(table: readonly RuleSet[], code: RuleSetCode): ZoneRules {
  return table.find((r) => r.code === code)?.zones ?? { levels: [], downgrades: [] };
}

/**
 * The downgrade that applies to a zone at a level: a rule for zones that came down from a given level
 * (9th edition: medium reached from high goes to low after 3 more clean days) before the general one.
 */
export function downgradeRuleFor(rules: ZoneRules, level: DesignatedLevel, downgradedFrom: DesignatedLevel | null): DowngradeRule | undefined {
  const from = rules.downgrades.filter((d) => d.from === level);
  return from.find((d) => d.afterDowngradeFrom !== undefined && d.afterDowngradeFrom === downgradedFrom)
    ?? from.find((d) => d.afterDowngradeFrom === undefined);
}

export interface ZoneState {
  ruleSet: RuleSetCode;
  level: DesignatedLevel;
  /** The local date the zone reached its level (designated, or downgraded). */
  since: string;
  /** The local date of the last new infection in the zone, if any since it reached its level. */
  lastInfection: string | null;
  /** The level the zone came from by downgrade, if it did. */
  downgradedFrom: DesignatedLevel | null;
  /** Screening rounds of the zone: their day and whether every result came back negative. */
  rounds: { date: string; allNegative: boolean }[];
}

export type DowngradeAdvice =
  | { eligible: true; to: DesignatedLevel; cleanDays: number }
  | { eligible: false; to: DesignatedLevel | null; cleanDays: number; needDays: number; missing: 'days' | 'negative_round' | 'nothing_lower' };

/**
 * Whether a zone may be proposed for downgrade today: the consecutive days without a new infection
 * (counted from the later of reaching its level and its last infection), and, when the rule asks, an
 * all-negative round of the zone on the last of those days.
 */
export function downgradeAdvice(zone: ZoneState, today: string, table: readonly RuleSet[]): DowngradeAdvice {
  const start = zone.lastInfection && zone.lastInfection > zone.since ? zone.lastInfection : zone.since;
  const cleanDays = Math.max(0, daysBetween(start, today));
  const rule = downgradeRuleFor(zoneRulesOf(table, zone.ruleSet), zone.level, zone.downgradedFrom);
  if (!rule) return { eligible: false, to: null, cleanDays, needDays: 0, missing: 'nothing_lower' };
  if (cleanDays < rule.days) return { eligible: false, to: rule.to, cleanDays, needDays: rule.days, missing: 'days' };
  if (rule.needsNegativeRoundOnLastDay) {
    // The round of day N: on the Nth clean day or later, and all negative.
    const dayN = addDays(start, rule.days);
    const ok = zone.rounds.some((r) => r.date >= dayN && r.date <= today && r.allNegative);
    if (!ok) return { eligible: false, to: rule.to, cleanDays, needDays: rule.days, missing: 'negative_round' };
  }
  return { eligible: true, to: rule.to, cleanDays };
}
