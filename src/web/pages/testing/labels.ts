import type { PoolPolicy, PoolSize } from '../../../shared/testing.js';
import { ZONE_LEVELS, ZONE_LEVEL_LABELS } from '../../../shared/testing.js';
import type { I18n } from '../../i18n/I18nProvider.js';

/** "单采", "10混1". */
export function poolText(size: number, t: I18n['t']): string {
  return size === 1 ? t('testing.pool.single') : t('testing.pool.mixed', { n: size });
}

/** "低风险区 10混1 · 中风险区 5混1 …" for a round's policy. */
export function policyText(policy: PoolPolicy, { t, pick }: Pick<I18n, 't' | 'pick'>): string {
  return ZONE_LEVELS.map((z) => `${pick(ZONE_LEVEL_LABELS[z])} ${poolText(policy.byZone[z], t)}`).join(' · ');
}

export const poolOptions = (sizes: readonly PoolSize[], t: I18n['t']) => sizes.map((s) => ({ value: s, label: poolText(s, t) }));

/** A covered share (0–1) as a percentage with one decimal, rounded down: 99.96 % is not yet everyone. */
export function ratePercent(rate: number): number {
  return Math.max(0, Math.min(100, Math.floor(rate * 1000) / 10));
}

/** Remaining time as "1小时05分" / "1 h 05 min", sign dropped (the caller says late or left). */
export function durationText(ms: number, t: I18n['t']): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h > 0 ? t('testing.duration.hm', { h, m: String(m).padStart(2, '0') }) : t('testing.duration.m', { m });
}
