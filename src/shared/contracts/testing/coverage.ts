import { z } from 'zod';
import { Paging, RegionCode, pageOf } from '../common.js';
import { EXEMPTION_REASONS, FOLLOWUP_OUTCOMES } from '../../testing.js';

/** 应检尽检 (DOMAIN.md §2.5): exemptions, coverage by region, the missing lists and what door-knocking found. */

export const ExemptionView = z.object({
  id: z.string(),
  roundId: z.string(),
  personId: z.string(),
  /** Masked unless the user may unmask, like the people ledger. */
  name: z.string(),
  docNumber: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  reason: z.enum(EXEMPTION_REASONS),
  note: z.string().nullable(),
  createdAt: z.string(),
});
export type ExemptionView = z.infer<typeof ExemptionView>;

export const NewExemption = z.object({
  personId: z.string().min(1).max(40),
  reason: z.enum(EXEMPTION_REASONS),
  note: z.string().trim().max(200).nullable().optional(),
});
export type NewExemption = z.infer<typeof NewExemption>;

export const RemoveExemption = z.object({ reason: z.string().trim().min(2).max(200) });

export const ExemptionQuery = Paging.extend({
  region: RegionCode.optional(),
  reason: z.enum(EXEMPTION_REASONS).optional(),
});
export const ExemptionPage = pageOf(ExemptionView);

export const ExemptByReason = z.object(
  Object.fromEntries(EXEMPTION_REASONS.map((r) => [r, z.number().int()])) as Record<(typeof EXEMPTION_REASONS)[number], z.ZodNumber>,
);
export type ExemptByReason = z.infer<typeof ExemptByReason>;

export const CoverageFigures = z.object({
  residents: z.number().int(),
  exempt: z.number().int(),
  expected: z.number().int(),
  tested: z.number().int(),
  missing: z.number().int(),
  /** Covered share of the expected, 0–1. */
  rate: z.number(),
  /** People sampled here who are not in the ledger (listed apart, not in the figures above). */
  unregistered: z.number().int(),
  exemptByReason: ExemptByReason,
});
export type CoverageFigures = z.infer<typeof CoverageFigures>;

export const CoverageNode = z.object({
  code: z.string(),
  name: z.string(),
  level: z.string(),
  figures: CoverageFigures,
});
export type CoverageNode = z.infer<typeof CoverageNode>;

export const CoverageQuery = z.object({ region: RegionCode.optional() });
export const CoverageReport = z.object({
  round: z.object({ id: z.string(), name: z.string(), status: z.enum(['planned', 'open', 'closed']), endsAt: z.string() }),
  /** The region asked for (or the user's own when none was), with the regions one level below it. */
  region: CoverageNode,
  children: z.array(CoverageNode),
  /** When the counters last moved. */
  updatedAt: z.string().nullable(),
});
export type CoverageReport = z.infer<typeof CoverageReport>;

export const FollowupView = z.object({
  id: z.string(),
  personId: z.string(),
  outcome: z.enum(FOLLOWUP_OUTCOMES),
  note: z.string().nullable(),
  recordedAt: z.string(),
  /** For `refused`: the task that escalated it to the community's cadres. */
  taskId: z.string().nullable(),
});
export type FollowupView = z.infer<typeof FollowupView>;

export const NewFollowup = z.object({
  personId: z.string().min(1).max(40),
  outcome: z.enum(FOLLOWUP_OUTCOMES),
  note: z.string().trim().max(200).nullable().optional(),
});
export type NewFollowup = z.infer<typeof NewFollowup>;

export const MissingPerson = z.object({
  personId: z.string(),
  name: z.string(),
  docNumber: z.string(),
  phone: z.string().nullable(),
  age: z.number().int().nullable(),
  regionCode: z.string(),
  regionName: z.string(),
  address: z.string().nullable(),
  lastFollowup: z.object({ outcome: z.enum(FOLLOWUP_OUTCOMES), note: z.string().nullable(), recordedAt: z.string() }).nullable(),
});
export type MissingPerson = z.infer<typeof MissingPerson>;

/** A community, grid or building: the missing list is for door-knocking, not for a whole township. */
export const MissingQuery = Paging.extend({ region: RegionCode });
export const MissingPage = pageOf(MissingPerson);
export type MissingPage = z.infer<typeof MissingPage>;

export const MissingExportQuery = z.object({ region: RegionCode });

export const IssueMissingTasks = z.object({
  /** A township, community or grid: one task per grid under it that still has people missing. */
  region: RegionCode,
  note: z.string().trim().max(200).nullable().optional(),
});
export const IssuedMissingTasks = z.object({
  created: z.array(z.object({ taskId: z.string(), regionCode: z.string(), regionName: z.string(), missing: z.number().int() })),
  /** Grids that already had an open list for this round, left as they were. */
  alreadyOpen: z.number().int(),
});
export type IssuedMissingTasks = z.infer<typeof IssuedMissingTasks>;

export const UNREGISTERED_STATUSES = ['open', 'registered', 'dismissed'] as const;
export const UnregisteredView = z.object({
  id: z.string(),
  roundId: z.string(),
  name: z.string(),
  docNumber: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  regionCode: z.string(),
  regionName: z.string(),
  sampledAt: z.string(),
  status: z.enum(UNREGISTERED_STATUSES),
  personId: z.string().nullable(),
});
export type UnregisteredView = z.infer<typeof UnregisteredView>;

export const UnregisteredQuery = Paging.extend({
  region: RegionCode.optional(),
  status: z.enum(UNREGISTERED_STATUSES).default('open'),
});
export const UnregisteredPage = pageOf(UnregisteredView);

export const ResolveUnregistered = z.discriminatedUnion('action', [
  /** The ledger keepers registered this person (or found them already registered): link the record. */
  z.object({ action: z.literal('registered'), personId: z.string().min(1).max(40) }),
  z.object({ action: z.literal('dismissed'), reason: z.string().trim().min(2).max(200) }),
]);
export type ResolveUnregistered = z.infer<typeof ResolveUnregistered>;

export const ReconcileResult = z.object({
  roundId: z.string(),
  leaves: z.number().int(),
  residents: z.number().int(),
  exempt: z.number().int(),
  expected: z.number().int(),
  tested: z.number().int(),
  unregistered: z.number().int(),
  /** Counters that differed from the source rows (all were corrected), the first 200 listed. */
  drifted: z.number().int(),
  drifts: z.array(z.object({ regionCode: z.string(), field: z.string(), stored: z.number().int(), actual: z.number().int() })),
  seconds: z.number(),
});
export type ReconcileResult = z.infer<typeof ReconcileResult>;
