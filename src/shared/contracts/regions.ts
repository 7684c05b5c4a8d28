import { z } from 'zod';
import { REGION_KINDS, REGION_LEVELS } from '../regions.js';

export const RegionView = z.object({
  code: z.string(),
  parentCode: z.string().nullable(),
  name: z.string(),
  level: z.enum(REGION_LEVELS),
  kind: z.enum(REGION_KINDS),
  urban: z.boolean(),
  /** 三无楼院 flags, buildings only. */
  threeNo: z.object({ noPropertyMgmt: z.boolean(), noOwnerUnit: z.boolean(), noSelfGov: z.boolean() }).nullable(),
  householdCount: z.number().int(),
  residentCount: z.number().int(),
  hasChildren: z.boolean(),
});
export type RegionView = z.infer<typeof RegionView>;

export const RegionDetail = RegionView.extend({
  /** Ancestors from the district down, for breadcrumbs. */
  trail: z.array(z.object({ code: z.string(), name: z.string() })),
});
export type RegionDetail = z.infer<typeof RegionDetail>;
