import type { RuleSetCode } from '../../../../shared/response.js';
import type { ManagedCategory, PhaseKind } from '../../../../shared/screening.js';

/**
 * The prevention plans as data (DOMAIN.md §1.1): per category, the measure's phases in order, each
 * with its length and the days of its nucleic-acid tests (counted D1, D2 … within the phase). A new
 * plan is a new table here, not new code. An episode keeps the plan it started under.
 */
export interface PhaseRule {
  kind: PhaseKind;
  days: number;
  testDays: number[];
}

export interface CategoryRule {
  /** D1 is the anchor date itself (0) or the day after it (1): "from the day after discharge", "from the entry date". */
  firstDayOffset: 0 | 1;
  phases: PhaseRule[];
  /** Found more than this many days after the anchor, the measure has run out: nothing to do. */
  lapsesAfterDays?: number;
  /** What the anchor date is, for the form that asks for it. */
  anchor: 'discharge' | 'last_exposure' | 'entry' | 'left_zone' | 'arrival' | 'end_of_work' | 'notified';
}

export interface RuleSet {
  code: RuleSetCode;
  /** Local dates, inclusive. */
  from: string;
  to: string;
  categories: Partial<Record<ManagedCategory, CategoryRule>>;
}

const phase = (kind: PhaseKind, days: number, testDays: number[]): PhaseRule => ({ kind, days, testDays });

// Discharged cases: 7 days of home health monitoring from the day after discharge, one test on D7.
const DISCHARGED: CategoryRule = { anchor: 'discharge', firstDayOffset: 1, phases: [phase('home_health_monitoring', 7, [7])] };
// 三天两检: two tests, 24 h apart, staying home until both are back.
const LOW_ZONE: CategoryRule = { anchor: 'arrival', firstDayOffset: 0, phases: [phase('self_monitoring', 3, [1, 2])] };
// A positive pool's member: apart at once until the single-tube retest is back.
const POOL_POSITIVE: CategoryRule = { anchor: 'notified', firstDayOffset: 0, phases: [phase('temporary_isolation', 1, [1])] };

/** 防控方案（第九版）, 28 Jun – 10 Nov 2022: "7+3". */
const NINTH_EDITION: RuleSet = {
  code: 'NINTH_EDITION',
  from: '2022-06-28',
  to: '2022-11-10',
  categories: {
    CONFIRMED: DISCHARGED,
    ASYMPTOMATIC: DISCHARGED,
    CLOSE_CONTACT: { anchor: 'last_exposure', firstDayOffset: 1,
      phases: [phase('central_isolation', 7, [1, 2, 3, 5, 7]), phase('home_health_monitoring', 3, [3])] },
    SECONDARY_CONTACT: { anchor: 'last_exposure', firstDayOffset: 1, phases: [phase('home_isolation', 7, [1, 4, 7])] },
    INBOUND: { anchor: 'entry', firstDayOffset: 0,
      phases: [phase('central_isolation', 7, [1, 2, 3, 5, 7]), phase('home_health_monitoring', 3, [3])] },
    HIGH_ZONE_TRAVEL: { anchor: 'left_zone', firstDayOffset: 1, lapsesAfterDays: 7,
      phases: [phase('central_isolation', 7, [1, 2, 3, 5, 7])] },
    MID_ZONE_TRAVEL: { anchor: 'left_zone', firstDayOffset: 1, lapsesAfterDays: 7, phases: [phase('home_isolation', 7, [1, 4, 7])] },
    LOW_ZONE_TRAVEL: LOW_ZONE,
    HIGH_RISK_POST: { anchor: 'end_of_work', firstDayOffset: 1, phases: [phase('home_isolation', 7, [1, 4, 7])] },
    POOL_POSITIVE,
  },
};

/** 优化防控二十条, 11 Nov – 6 Dec 2022: "5+3", no secondary contacts, no medium-risk zones. */
const TWENTY_MEASURES: RuleSet = {
  code: 'TWENTY_MEASURES',
  from: '2022-11-11',
  to: '2022-12-06',
  categories: {
    CONFIRMED: DISCHARGED,
    ASYMPTOMATIC: DISCHARGED,
    CLOSE_CONTACT: { anchor: 'last_exposure', firstDayOffset: 1,
      phases: [phase('central_isolation', 5, [1, 2, 3, 5]), phase('home_isolation', 3, [1, 3])] },
    INBOUND: { anchor: 'entry', firstDayOffset: 0,
      phases: [phase('central_isolation', 5, [1, 2, 3, 5]), phase('home_isolation', 3, [1, 3])] },
    HIGH_ZONE_TRAVEL: { anchor: 'left_zone', firstDayOffset: 1, lapsesAfterDays: 7, phases: [phase('home_isolation', 7, [1, 3, 5, 7])] },
    LOW_ZONE_TRAVEL: LOW_ZONE,
    HIGH_RISK_POST: { anchor: 'end_of_work', firstDayOffset: 1, phases: [phase('home_health_monitoring', 5, [1, 3, 5])] },
    POOL_POSITIVE,
  },
};

export const RULE_SET_TABLE: readonly RuleSet[] = [NINTH_EDITION, TWENTY_MEASURES];
