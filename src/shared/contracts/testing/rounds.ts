import { z } from 'zod';
import { RegionCode } from '../common.js';
import { PoolPolicy, ZONE_LEVELS } from '../../testing.js';

/** A mass testing round (全员核酸): its scope, window and pool policy. */
export const RoundView = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(['planned', 'open', 'closed']),
  startsAt: z.string(),
  endsAt: z.string(),
  poolPolicy: PoolPolicy,
  regions: z.array(z.object({ code: z.string(), name: z.string() })),
  createdAt: z.string(),
});
export type RoundView = z.infer<typeof RoundView>;

export const NewRound = z.object({
  name: z.string().trim().min(2).max(100),
  regionCodes: z.array(RegionCode).min(1).max(500),
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  /** Defaults to the response in force: pool size by zone level, single tubes for retests. */
  poolPolicy: PoolPolicy.optional(),
});
export type NewRound = z.infer<typeof NewRound>;

export const RoundStatusChange = z.object({ to: z.enum(['open', 'closed']) });

/** How many sites and samplers a scope needs (区域核酸检测组织实施指南 第三版, DOMAIN.md §2.3). */
export const PlanQuery = z.object({
  regions: z.string().trim().min(6).max(4000).describe('comma-separated region codes'),
  hours: z.coerce.number().int().min(6).max(72).default(24),
});
export const RoundPlan = z.object({
  population: z.number().int(),
  hours: z.number().int(),
  sites: z.object({ min: z.number().int(), max: z.number().int() }),
  samplers: z.number().int(),
  byRegion: z.array(z.object({
    code: z.string(), name: z.string(), population: z.number().int(),
    sites: z.object({ min: z.number().int(), max: z.number().int() }), samplers: z.number().int(),
  })),
});
export type RoundPlan = z.infer<typeof RoundPlan>;

export const SiteView = z.object({
  id: z.string(),
  name: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  address: z.string().nullable(),
  zoneLevel: z.enum(ZONE_LEVELS),
  opensAt: z.string(),
  closesAt: z.string(),
  tableCount: z.number().int(),
  status: z.enum(['active', 'closed']),
  samplers: z.array(z.object({ userId: z.string(), name: z.string() })),
});
export type SiteView = z.infer<typeof SiteView>;

const Clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');
export const NewSite = z.object({
  name: z.string().trim().min(2).max(100),
  regionCode: RegionCode,
  address: z.string().trim().max(200).nullable().optional(),
  zoneLevel: z.enum(ZONE_LEVELS).default('low'),
  opensAt: Clock.default('07:00'),
  closesAt: Clock.default('22:00'),
  tableCount: z.number().int().min(1).max(100).default(2),
});
export type NewSite = z.infer<typeof NewSite>;
export const SitePatch = NewSite.partial().extend({ status: z.enum(['active', 'closed']).optional() });
export type SitePatch = z.infer<typeof SitePatch>;

export const SiteQuery = z.object({ region: RegionCode.optional() });
export const AssignSampler = z.object({ userId: z.string().min(1).max(40) });

/** A sampler account that may be put on a site in a region (its scope covers the region). */
export const SamplerCandidate = z.object({ userId: z.string(), name: z.string(), username: z.string() });
export const SamplerQuery = z.object({ region: RegionCode });
