import { z } from 'zod';

/** Names and enums of mass nucleic-acid testing (DOMAIN.md §2), shared by server and web. */

export const ZONE_LEVELS = ['high', 'medium', 'low', 'none'] as const;
export type ZoneLevel = (typeof ZONE_LEVELS)[number];
export const ZONE_LEVEL_LABELS: Record<ZoneLevel, { 'zh-CN': string; en: string }> = {
  high: { 'zh-CN': '高风险区', en: 'High-risk zone' },
  medium: { 'zh-CN': '中风险区', en: 'Medium-risk zone' },
  low: { 'zh-CN': '低风险区', en: 'Low-risk zone' },
  none: { 'zh-CN': '常态化', en: 'No risk zone' },
};

/** 单采, 5混1, 10混1, 20混1: the only validated pool sizes (DOMAIN.md §2.1). */
export const POOL_SIZES = [1, 5, 10, 20] as const;
export type PoolSize = (typeof POOL_SIZES)[number];
export const PoolSizeSchema = z.union([z.literal(1), z.literal(5), z.literal(10), z.literal(20)]);

/** Person categories that override the zone's pool size. */
export const POOL_CATEGORIES = ['incident_member'] as const;
export type PoolCategory = (typeof POOL_CATEGORIES)[number];
export const POOL_CATEGORY_LABELS: Record<PoolCategory, { 'zh-CN': string; en: string }> = {
  incident_member: { 'zh-CN': '混管阳性待复核人员', en: 'Member of a positive pool awaiting retest' },
};

export const PoolPolicy = z.object({
  byZone: z.object({ high: PoolSizeSchema, medium: PoolSizeSchema, low: PoolSizeSchema, none: PoolSizeSchema }),
  byCategory: z.object({ incident_member: PoolSizeSchema }),
});
export type PoolPolicy = z.infer<typeof PoolPolicy>;

/** Reasons a resident is left out of a round's expected count (DOMAIN.md §2.5). */
export const EXEMPTION_REASONS = ['isolated', 'hospitalised', 'away', 'vaccinated_48h', 'recovered', 'deceased', 'duplicate'] as const;
export type ExemptionReason = (typeof EXEMPTION_REASONS)[number];
export const EXEMPTION_REASON_LABELS: Record<ExemptionReason, { 'zh-CN': string; en: string }> = {
  isolated: { 'zh-CN': '隔离中', en: 'In isolation' },
  hospitalised: { 'zh-CN': '住院', en: 'In hospital' },
  away: { 'zh-CN': '外出（已核实）', en: 'Away (confirmed)' },
  vaccinated_48h: { 'zh-CN': '48小时内接种疫苗', en: 'Vaccinated within 48 h' },
  recovered: { 'zh-CN': '阳性康复', en: 'Recovered' },
  deceased: { 'zh-CN': '死亡', en: 'Deceased' },
  duplicate: { 'zh-CN': '重复登记', en: 'Duplicate record' },
};

/** What door-knocking found for a resident missing from a round (敲门行动). */
export const FOLLOWUP_OUTCOMES = ['sampled_later', 'home_sample', 'confirmed_away', 'refused'] as const;
export type FollowupOutcome = (typeof FOLLOWUP_OUTCOMES)[number];
export const FOLLOWUP_OUTCOME_LABELS: Record<FollowupOutcome, { 'zh-CN': string; en: string }> = {
  sampled_later: { 'zh-CN': '已补采', en: 'Sampled later' },
  home_sample: { 'zh-CN': '上门采样', en: 'Sampled at home' },
  confirmed_away: { 'zh-CN': '外出核实', en: 'Confirmed away' },
  refused: { 'zh-CN': '拒检（上报）', en: 'Refused (escalated)' },
};

export const TUBE_STATUSES = ['open', 'sealed', 'bagged', 'in_transit', 'received', 'resulted'] as const;
export type TubeStatus = (typeof TUBE_STATUSES)[number];
export const TUBE_STATUS_LABELS: Record<TubeStatus, { 'zh-CN': string; en: string }> = {
  open: { 'zh-CN': '采集中', en: 'Filling' },
  sealed: { 'zh-CN': '已封管', en: 'Sealed' },
  bagged: { 'zh-CN': '已装袋', en: 'Bagged' },
  in_transit: { 'zh-CN': '转运中', en: 'In transit' },
  received: { 'zh-CN': '已签收', en: 'Received' },
  resulted: { 'zh-CN': '已出结果', en: 'Resulted' },
};

export const TEST_RESULTS = ['negative', 'positive', 'invalid'] as const;
export type TestResult = (typeof TEST_RESULTS)[number];
export const TEST_RESULT_LABELS: Record<TestResult, { 'zh-CN': string; en: string }> = {
  negative: { 'zh-CN': '阴性', en: 'Negative' },
  positive: { 'zh-CN': '阳性', en: 'Positive' },
  invalid: { 'zh-CN': '无效（需重采）', en: 'Invalid (resample)' },
};

export const INCIDENT_STATUSES = ['open', 'notified', 'resampled', 'resulted', 'closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];
export const INCIDENT_STATUS_LABELS: Record<IncidentStatus, { 'zh-CN': string; en: string }> = {
  open: { 'zh-CN': '待通知', en: 'To notify' },
  notified: { 'zh-CN': '已通知，待单采', en: 'Notified, to resample' },
  resampled: { 'zh-CN': '已单采，待结果', en: 'Resampled, awaiting results' },
  resulted: { 'zh-CN': '复核结果已出', en: 'Retest results in' },
  closed: { 'zh-CN': '已结案', en: 'Closed' },
};

/**
 * A tube barcode is opaque (no national format, DOMAIN.md §2.4): any printable text of 4–64
 * characters without spaces or control characters, as a scanner or a person types it.
 */
export const BARCODE_PATTERN = /^[\x21-\x7E]{4,64}$/;
export const Barcode = z.string().trim().regex(BARCODE_PATTERN, 'barcode: 4–64 printable characters, no spaces');

/** The 采集码's text as the resident's QR code carries it: a prefix and a random code. */
export const COLLECTION_CODE_PREFIX = 'ANC1-';
export const COLLECTION_CODE_PATTERN = /^ANC1-[0-9A-Z]{16}$/;
