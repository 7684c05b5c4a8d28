import { z } from 'zod';
import { RuleSetCode } from './response.js';
import { MANAGED_CATEGORIES, PHASE_KINDS } from './screening.js';

/**
 * A prevention plan as data (DOMAIN.md §0, §1): per person category, the measure's phases in order
 * (each with its length and the days of its tests, counted D1, D2 … within the phase), and the zone
 * levels it knows with their downgrade clocks. A new plan is a new row (POST /api/v1/response/rule-sets),
 * not new code; an episode keeps the plan it started under.
 */
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

export const PhaseRule = z.object({
  kind: z.enum(PHASE_KINDS),
  days: z.number().int().min(1).max(60),
  testDays: z.array(z.number().int().min(1).max(60)).max(60),
}).refine((p) => p.testDays.every((d) => d <= p.days), { message: 'a test day lies beyond its phase', path: ['testDays'] });
export type PhaseRule = z.infer<typeof PhaseRule>;

export const ANCHOR_KINDS = ['discharge', 'last_exposure', 'entry', 'left_zone', 'arrival', 'end_of_work', 'notified'] as const;

export const CategoryRule = z.object({
  /** What the anchor date is, for the form that asks for it. */
  anchor: z.enum(ANCHOR_KINDS),
  /** D1 is the anchor date itself (0) or the day after it (1): "from the day after discharge", "from the entry date". */
  firstDayOffset: z.union([z.literal(0), z.literal(1)]),
  phases: z.array(PhaseRule).min(1).max(6),
  /** Found more than this many days after the anchor, the measure has run out: nothing to do. */
  lapsesAfterDays: z.number().int().min(1).max(60).optional(),
});
export type CategoryRule = z.infer<typeof CategoryRule>;

/** Zone levels a plan can designate; the district with none is back to routine (常态化). */
export const DESIGNATED_LEVELS = ['high', 'medium', 'low'] as const;
export type DesignatedLevel = (typeof DESIGNATED_LEVELS)[number];

/**
 * From a level, after how many consecutive days without a new infection a zone may go lower, whether
 * the last of those days needs an all-negative round of the zone, and — for a rule that applies only
 * to a zone that reached its level by downgrade — the level it came down from.
 */
export const DowngradeRule = z.object({
  from: z.enum(DESIGNATED_LEVELS),
  to: z.enum(DESIGNATED_LEVELS),
  days: z.number().int().min(1).max(60),
  needsNegativeRoundOnLastDay: z.boolean(),
  afterDowngradeFrom: z.enum(DESIGNATED_LEVELS).optional(),
});
export type DowngradeRule = z.infer<typeof DowngradeRule>;

export const ZoneRules = z.object({
  levels: z.array(z.enum(DESIGNATED_LEVELS)).min(1),
  downgrades: z.array(DowngradeRule),
}).refine((z) => z.downgrades.every((d) => z.levels.includes(d.from) && z.levels.includes(d.to)),
  { message: 'a downgrade names a level the plan does not have', path: ['downgrades'] });
export type ZoneRules = z.infer<typeof ZoneRules>;

export const RuleSet = z.object({
  code: RuleSetCode,
  name: z.object({ 'zh-CN': z.string().trim().min(2).max(60), en: z.string().trim().min(2).max(80) }),
  /** Local dates, inclusive: when the plan was in force. */
  from: IsoDate,
  to: IsoDate,
  categories: z.partialRecord(z.enum(MANAGED_CATEGORIES), CategoryRule),
  zones: ZoneRules,
}).refine((r) => r.from <= r.to, { message: 'the plan ends before it starts', path: ['to'] });
export type RuleSet = z.infer<typeof RuleSet>;
