import { describe, expect, it } from 'vitest';
import { translate, type UiKey } from '../../../shared/i18n/index.js';
import { durationText, poolText, ratePercent } from './labels.js';

const zh = (key: UiKey, params?: Record<string, unknown>) => translate('zh-CN', key, params);
const en = (key: UiKey, params?: Record<string, unknown>) => translate('en', key, params);

describe('testing labels', () => {
  it('names pool sizes as the field does', () => {
    expect(poolText(1, zh)).toBe('单采');
    expect(poolText(10, zh)).toBe('10混1');
    expect(poolText(20, en)).toBe('20-in-1');
  });

  it('writes durations in hours and minutes, without the sign', () => {
    expect(durationText(59 * 60_000 + 59_000, zh)).toBe('59分钟');
    expect(durationText(-(65 * 60_000), zh)).toBe('1小时05分');
    expect(durationText(3 * 3_600_000, en)).toBe('3 h 00 min');
  });

  it('rounds the coverage rate down, so 99.96 % is never shown as 100 %', () => {
    expect(ratePercent(0.9996)).toBe(99.9);
    expect(ratePercent(4 / 927)).toBe(0.4);
    expect(ratePercent(1)).toBe(100);
  });
});
