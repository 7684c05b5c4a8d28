import { z } from 'zod';
import { RegionCode } from '../common.js';

/** Screening rounds (排查轮次) and door-to-door visits (走访, 白+黑). */

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

export const VISIT_OUTCOMES = ['normal', 'new_arrival', 'symptoms', 'absent', 'refused'] as const;
export type VisitOutcomeCode = (typeof VISIT_OUTCOMES)[number];
export const VISIT_SHIFTS = ['day', 'night'] as const;
export type VisitShift = (typeof VISIT_SHIFTS)[number];

export const ScreeningRoundView = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(['open', 'closed']),
  startsOn: IsoDate,
  endsOn: IsoDate,
  regions: z.array(z.object({ code: z.string(), name: z.string() })),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
});
export type ScreeningRoundView = z.infer<typeof ScreeningRoundView>;

export const NewScreeningRound = z.object({
  name: z.string().trim().min(2).max(100),
  regionCodes: z.array(RegionCode).min(1).max(500),
  startsOn: IsoDate,
  endsOn: IsoDate,
});
export type NewScreeningRound = z.infer<typeof NewScreeningRound>;

export const OutcomeCounts = z.object(
  Object.fromEntries(VISIT_OUTCOMES.map((o) => [o, z.number().int()])) as Record<VisitOutcomeCode, z.ZodNumber>,
);
export type OutcomeCounts = z.infer<typeof OutcomeCounts>;

/** How far a region's households are: visited (an outcome other than absent) over those in scope. */
export const CompletionFigures = z.object({
  households: z.number().int(),
  visited: z.number().int(),
  /** Households with only "absent" visits: to visit again. */
  outstanding: z.number().int(),
  /** visited ÷ households, 0–1. */
  rate: z.number(),
  /** Households by the outcome of their latest visit. */
  byOutcome: OutcomeCounts,
  /** Visits made by day and by night (白+黑). */
  dayVisits: z.number().int(),
  nightVisits: z.number().int(),
});
export type CompletionFigures = z.infer<typeof CompletionFigures>;

export const CompletionNode = z.object({ code: z.string(), name: z.string(), level: z.string(), figures: CompletionFigures });
export type CompletionNode = z.infer<typeof CompletionNode>;

export const CompletionQuery = z.object({ region: RegionCode.optional() });
export const CompletionReport = z.object({
  round: ScreeningRoundView,
  /** The region asked for (or the user's own), with the regions one level below it (township → community → grid). */
  region: CompletionNode,
  children: z.array(CompletionNode),
});
export type CompletionReport = z.infer<typeof CompletionReport>;

export const NewVisit = z.object({
  /** Made on the phone (ULID), so a retry after a lost answer records the visit once. */
  id: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'ULID'),
  roundId: z.string().min(1).max(40),
  householdId: z.string().min(1).max(40),
  shift: z.enum(VISIT_SHIFTS),
  /** Ids of the household's people who were there. */
  present: z.array(z.string().min(1).max(40)).max(50).default([]),
  outcome: z.enum(VISIT_OUTCOMES),
  note: z.string().trim().max(500).nullable().optional(),
  /** When the visit happened (defaults to now); not in the future. */
  visitedAt: z.iso.datetime().optional(),
});
export type NewVisit = z.infer<typeof NewVisit>;

export const VisitView = z.object({
  id: z.string(),
  roundId: z.string(),
  householdId: z.string(),
  regionCode: z.string(),
  address: z.string(),
  shift: z.enum(VISIT_SHIFTS),
  outcome: z.enum(VISIT_OUTCOMES),
  present: z.array(z.string()),
  note: z.string().nullable(),
  visitedAt: z.string(),
  /** The task the outcome opened (new arrival, symptoms, refusal), if any. */
  taskId: z.string().nullable(),
});
export type VisitView = z.infer<typeof VisitView>;

export const VisitQuery = z.object({ region: RegionCode.optional() });
