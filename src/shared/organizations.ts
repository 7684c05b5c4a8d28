import { z } from 'zod';
import { Paging, RegionCode, pageOf } from './contracts/common.js';

/** Kinds of unit that act or are acted upon (DESIGN.md: organizations). */
export const ORGANIZATION_KINDS = [
  'headquarters',
  'workstream',
  'department',
  'township_office',
  'community_office',
  'freight_company',
  'vegetable_base',
  'supermarket',
  'farmers_market',
  'lab',
  'hospital',
  'clinic',
  'isolation_operator',
  'property_company',
  'other_firm',
] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

export const ORGANIZATION_KIND_LABELS: Record<OrganizationKind, { 'zh-CN': string; en: string }> = {
  headquarters: { 'zh-CN': '指挥部', en: 'Headquarters' },
  workstream: { 'zh-CN': '专班', en: 'Workstream' },
  department: { 'zh-CN': '部门', en: 'Department' },
  township_office: { 'zh-CN': '乡镇（街道）', en: 'Township office' },
  community_office: { 'zh-CN': '村（社区）委会', en: 'Community office' },
  freight_company: { 'zh-CN': '货运公司', en: 'Freight company' },
  vegetable_base: { 'zh-CN': '蔬菜基地', en: 'Vegetable base' },
  supermarket: { 'zh-CN': '商超', en: 'Supermarket' },
  farmers_market: { 'zh-CN': '农贸市场', en: "Farmers' market" },
  lab: { 'zh-CN': '检测机构', en: 'Lab' },
  hospital: { 'zh-CN': '医院', en: 'Hospital' },
  clinic: { 'zh-CN': '卫生院/诊所', en: 'Clinic' },
  isolation_operator: { 'zh-CN': '隔离点运营方', en: 'Isolation site operator' },
  property_company: { 'zh-CN': '物业公司', en: 'Property company' },
  other_firm: { 'zh-CN': '其他企业', en: 'Other firm' },
};

/** The workstreams of the headquarters, as the article names them. */
export const WORKSTREAMS = ['testing', 'screening', 'tracing', 'isolation', 'supplies', 'market', 'traffic', 'duty', 'medical',
  'command'] as const;
export type Workstream = (typeof WORKSTREAMS)[number];

export const OrganizationView = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(ORGANIZATION_KINDS),
  parentId: z.string().nullable(),
  regionCode: z.string(),
  workstream: z.enum(WORKSTREAMS).nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  address: z.string().nullable(),
  status: z.enum(['active', 'inactive']),
});
export type OrganizationView = z.infer<typeof OrganizationView>;

export const NewOrganization = z.object({
  name: z.string().trim().min(2).max(100),
  kind: z.enum(ORGANIZATION_KINDS),
  parentId: z.string().max(40).nullable().optional(),
  regionCode: RegionCode,
  workstream: z.enum(WORKSTREAMS).nullable().optional(),
  contactName: z.string().trim().max(40).nullable().optional(),
  contactPhone: z.string().max(20).nullable().optional(),
  address: z.string().trim().max(200).nullable().optional(),
});
export type NewOrganization = z.infer<typeof NewOrganization>;

export const OrganizationQuery = Paging.extend({
  kind: z.enum(ORGANIZATION_KINDS).optional(),
  region: RegionCode.optional(),
  name: z.string().trim().max(50).optional(),
});
export const OrganizationPage = pageOf(OrganizationView);
