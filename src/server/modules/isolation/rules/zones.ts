import type { RuleSetCode } from '../../../../shared/response.js';

/** Risk-zone levels that can be designated; "none" is the district back to routine (常态化). */
export type DesignatedLevel = 'high' | 'medium' | 'low';

/**
 * Downgrade rules of each plan as data (DOMAIN.md §1.2): from a level, how many consecutive days
 * without a new infection, whether the last of those days needs an all-negative screening round of
 * the zone, and the level it goes to. The system only proposes; the expert panel approves.
 */
export interface DowngradeRule {
  from: DesignatedLevel;
  to: DesignatedLevel;
  days: number;
  needsNegativeRoundOnLastDay: boolean;
}

export const ZONE_RULES: Record<RuleSetCode, { levels: readonly DesignatedLevel[]; downgrades: readonly DowngradeRule[] }> = {
  // 第九版: high → medium after 7 days and a day-7 all-negative round, medium → low after 3 more days;
  // a zone designated medium goes to low after 7 days and a day-7 all-negative round.
  NINTH_EDITION: {
    levels: ['high', 'medium', 'low'],
    downgrades: [
      { from: 'high', to: 'medium', days: 7, needsNegativeRoundOnLastDay: true },
      { from: 'medium', to: 'low', days: 7, needsNegativeRoundOnLastDay: true },
    ],
  },
  // 二十条: only high and low; 5 days and a day-5 all-negative round.
  TWENTY_MEASURES: {
    levels: ['high', 'low'],
    downgrades: [{ from: 'high', to: 'low', days: 5, needsNegativeRoundOnLastDay: true }],
  },
};

/** After high → medium under the 9th edition, three more days without infection take the zone to low. */
const AFTER_HIGH = { NINTH_EDITION: { days: 3 } } as const;

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

function daysFrom(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * Whether a zone may be proposed for downgrade today: the consecutive days without a new infection
 * (counted from the later of reaching its level and its last infection), and, when the rule asks, an
 * all-negative round of the zone on the last of those days.
 */
export function downgradeAdvice(zone: ZoneState, today: string): DowngradeAdvice {
  const start = zone.lastInfection && zone.lastInfection > zone.since ? zone.lastInfection : zone.since;
  const cleanDays = Math.max(0, daysFrom(start, today));
  const rule = ZONE_RULES[zone.ruleSet].downgrades.find((d) => d.from === zone.level);
  if (!rule) return { eligible: false, to: null, cleanDays, needDays: 0, missing: 'nothing_lower' };
  const afterHigh = zone.ruleSet === 'NINTH_EDITION' && zone.level === 'medium' && zone.downgradedFrom === 'high'
    ? AFTER_HIGH.NINTH_EDITION : undefined;
  if (afterHigh) {
    return cleanDays >= afterHigh.days ? { eligible: true, to: rule.to, cleanDays }
      : { eligible: false, to: rule.to, cleanDays, needDays: afterHigh.days, missing: 'days' };
  }
  if (cleanDays < rule.days) return { eligible: false, to: rule.to, cleanDays, needDays: rule.days, missing: 'days' };
  if (rule.needsNegativeRoundOnLastDay) {
    // The round of day N: on the Nth clean day or later, and all negative.
    const dayN = new Date(Date.parse(`${start}T00:00:00Z`) + rule.days * 86_400_000).toISOString().slice(0, 10);
    const ok = zone.rounds.some((r) => r.date >= dayN && r.date <= today && r.allNegative);
    if (!ok) return { eligible: false, to: rule.to, cleanDays, needDays: rule.days, missing: 'negative_round' };
  }
  return { eligible: true, to: rule.to, cleanDays };
}
