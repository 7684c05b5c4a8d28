import { z } from 'zod';
import { RegionCode } from '../common.js';
import { RuleSetCode } from '../../response.js';

export const ZONE_LEVEL_CODES = ['high', 'medium', 'low'] as const;
export const ZONE_ACTIONS = ['designate', 'upgrade', 'downgrade', 'lift', 'restore'] as const;
export const PROPOSAL_STATUSES = ['proposed', 'approved', 'rejected', 'withdrawn'] as const;

const DecisionNo = z.string().trim().min(2).max(60);

export const ZoneHistoryView = z.object({
  id: z.string(),
  action: z.enum(ZONE_ACTIONS),
  fromLevel: z.enum(ZONE_LEVEL_CODES).nullable(),
  toLevel: z.enum(ZONE_LEVEL_CODES).nullable(),
  effectiveAt: z.string(),
  decisionNo: z.string().nullable(),
  reason: z.string().nullable(),
  recordedAt: z.string(),
  recordedBy: z.string().nullable(),
});

export const DowngradeAdviceView = z.object({
  eligible: z.boolean(),
  to: z.enum(ZONE_LEVEL_CODES).nullable(),
  cleanDays: z.number().int(),
  needDays: z.number().int(),
  missing: z.enum(['days', 'negative_round', 'nothing_lower']).nullable(),
});

export const ZoneView = z.object({
  id: z.string(),
  name: z.string(),
  level: z.enum(ZONE_LEVEL_CODES).nullable(),
  status: z.enum(['active', 'lifted']),
  ruleSet: RuleSetCode,
  scopeKind: z.enum(['region', 'buildings']),
  regionCode: z.string(),
  regionName: z.string(),
  regions: z.array(z.object({ code: z.string(), name: z.string() })),
  decisionNo: z.string(),
  designatedAt: z.string(),
  since: z.string(),
  lastInfectionOn: z.string().nullable(),
  advice: DowngradeAdviceView.nullable(),
  history: z.array(ZoneHistoryView),
});
export type ZoneView = z.infer<typeof ZoneView>;

/** A zone as announced to the public (社会面公告): what a cadre needs to know where a traveller came from. */
export const PublishedZone = ZoneView.pick({ id: true, name: true, level: true, status: true, regions: true, decisionNo: true,
  designatedAt: true });
export type PublishedZone = z.infer<typeof PublishedZone>;

export const ZoneQuery = z.object({
  status: z.enum(['active', 'lifted', 'all']).default('active'),
  region: RegionCode.optional(),
});

export const DesignateZone = z.object({
  name: z.string().trim().min(2).max(100),
  level: z.enum(ZONE_LEVEL_CODES),
  /** A community, village or grid; or, with buildingCodes, leave empty. */
  regionCode: RegionCode.optional(),
  buildingCodes: z.array(RegionCode).max(500).optional(),
  decisionNo: DecisionNo,
  /** When the decision took effect; now when absent. */
  decidedAt: z.iso.datetime().optional(),
  reason: z.string().trim().max(200).nullish(),
});
export type DesignateZone = z.infer<typeof DesignateZone>;

export const ChangeZoneLevel = z.object({
  action: z.enum(['upgrade', 'lift']),
  level: z.enum(ZONE_LEVEL_CODES).optional(),
  decisionNo: DecisionNo,
  decidedAt: z.iso.datetime().optional(),
  reason: z.string().trim().min(2).max(200),
});

export const ProposalView = z.object({
  id: z.string(),
  zoneId: z.string(),
  zoneName: z.string(),
  fromLevel: z.enum(ZONE_LEVEL_CODES),
  toLevel: z.enum(ZONE_LEVEL_CODES),
  status: z.enum(PROPOSAL_STATUSES),
  cleanDays: z.number().int(),
  proposedOn: z.string(),
  proposedAt: z.string(),
  proposedBy: z.string().nullable(),
  note: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNo: z.string().nullable(),
  decisionReason: z.string().nullable(),
  /** Eligibility as of today, recomputed. */
  advice: DowngradeAdviceView.nullable(),
});
export type ProposalView = z.infer<typeof ProposalView>;

export const NewProposal = z.object({ note: z.string().trim().max(200).nullish() });
export const DecideProposal = z.object({
  decisionNo: DecisionNo.optional(),
  reason: z.string().trim().max(200).nullish(),
});
export const RestoreRoutine = z.object({ decisionNo: DecisionNo, reason: z.string().trim().max(200).nullish() });
export const RestoreRoutineResult = z.object({ lifted: z.number().int(), responseMode: z.enum(['emergency', 'routine']).nullable() });

export const ZoneLevelQuery = z.object({ region: RegionCode, date: z.iso.date() });
export const ZoneLevelAnswer = z.object({ region: z.string(), date: z.string(), level: z.enum(ZONE_LEVEL_CODES).nullable() });

export const DailyRunResult = z.object({ today: z.string(), zones: z.number().int(), proposed: z.number().int() });
