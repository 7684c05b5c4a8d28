import { z } from 'zod';
import { RuleSetCode } from './response.js';

/** Person categories of the prevention plans (DOMAIN.md §1.1), the codes the rules engine and the API use. */
export const MANAGED_CATEGORIES = [
  'CONFIRMED', 'ASYMPTOMATIC', 'CLOSE_CONTACT', 'SECONDARY_CONTACT', 'INBOUND', 'HIGH_ZONE_TRAVEL', 'MID_ZONE_TRAVEL',
  'LOW_ZONE_TRAVEL', 'HIGH_RISK_POST', 'POOL_POSITIVE',
] as const;
export type ManagedCategory = (typeof MANAGED_CATEGORIES)[number];

export const MANAGED_CATEGORY_LABELS: Record<ManagedCategory, { 'zh-CN': string; en: string }> = {
  CONFIRMED: { 'zh-CN': '确诊病例', en: 'Confirmed case' },
  ASYMPTOMATIC: { 'zh-CN': '无症状感染者', en: 'Asymptomatic infection' },
  CLOSE_CONTACT: { 'zh-CN': '密切接触者', en: 'Close contact' },
  SECONDARY_CONTACT: { 'zh-CN': '密接的密接', en: 'Secondary contact' },
  INBOUND: { 'zh-CN': '入境人员', en: 'Inbound traveller' },
  HIGH_ZONE_TRAVEL: { 'zh-CN': '高风险区旅居史', en: 'Arrival from a high-risk zone' },
  MID_ZONE_TRAVEL: { 'zh-CN': '中风险区旅居史', en: 'Arrival from a medium-risk zone' },
  LOW_ZONE_TRAVEL: { 'zh-CN': '低风险区旅居史', en: 'Arrival from a low-risk zone' },
  HIGH_RISK_POST: { 'zh-CN': '高风险岗位人员', en: 'High-risk post (closed loop)' },
  POOL_POSITIVE: { 'zh-CN': '混管阳性人员', en: 'Member of a positive pool' },
};

/** Arrival from a risk zone: the category follows the level the place had when the person left it (DOMAIN.md §1.1). */
export const ZONE_TRAVEL_CATEGORY = { high: 'HIGH_ZONE_TRAVEL', medium: 'MID_ZONE_TRAVEL', low: 'LOW_ZONE_TRAVEL' } as const satisfies
  Record<'high' | 'medium' | 'low', ManagedCategory>;

/** The kinds of measure a phase can be (集中隔离 / 居家隔离 / 居家健康监测 …). */
export const PHASE_KINDS = ['central_isolation', 'home_isolation', 'home_health_monitoring', 'self_monitoring',
  'temporary_isolation'] as const;
export type PhaseKind = (typeof PHASE_KINDS)[number];
export const PHASE_KIND_LABELS: Record<PhaseKind, { 'zh-CN': string; en: string }> = {
  central_isolation: { 'zh-CN': '集中隔离医学观察', en: 'Central isolation' },
  home_isolation: { 'zh-CN': '居家隔离医学观察', en: 'Home isolation' },
  home_health_monitoring: { 'zh-CN': '居家健康监测', en: 'Home health monitoring' },
  self_monitoring: { 'zh-CN': '自我健康监测（三天两检）', en: 'Self health monitoring (two tests in three days)' },
  temporary_isolation: { 'zh-CN': '临时单独隔离（待单管复核）', en: 'Temporary isolation (awaiting single-tube retest)' },
};

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

export const PlanPreviewRequest = z.object({
  category: z.enum(MANAGED_CATEGORIES),
  /** The anchor of the category (last exposure, discharge, leaving the zone, arrival …), a local date. */
  anchorDate: IsoDate,
  /** Defaults to the plan in force on the anchor date. */
  ruleSet: RuleSetCode.optional(),
});
export type PlanPreviewRequest = z.infer<typeof PlanPreviewRequest>;

export const PlannedPhase = z.object({
  kind: z.enum(PHASE_KINDS),
  days: z.number().int(),
  startDate: IsoDate,
  endDate: IsoDate,
  testDates: z.array(IsoDate),
});
export const ManagementPlan = z.object({
  ruleSet: RuleSetCode,
  category: z.enum(MANAGED_CATEGORIES),
  anchorDate: IsoDate,
  /** Empty when the category needs no measure any more (e.g. left a high-risk zone more than 7 days ago). */
  phases: z.array(PlannedPhase),
  testDates: z.array(IsoDate),
  /** The day after the last phase ends; null when there is no measure. */
  releaseDate: IsoDate.nullable(),
});
export type ManagementPlan = z.infer<typeof ManagementPlan>;
