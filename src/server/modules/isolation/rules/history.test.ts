import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { levelOn, type LevelChange } from './history.js';
import type { DesignatedLevel } from './zones.js';
import { chinaDay } from '../../../../shared/dates.js';

const change = (effectiveAt: string, toLevel: DesignatedLevel | null): LevelChange => ({ effectiveAt, effectiveOn: chinaDay(effectiveAt), toLevel });

describe('a zone\'s level on a date, from its history', () => {
  // Designated high on 28 Aug (10:00 China time), medium on 4 Sep at noon, low on 7 Sep, lifted on 10 Sep.
  const history = [
    change('2022-08-28T02:00:00.000Z', 'high'),
    change('2022-09-04T04:00:00.000Z', 'medium'),
    change('2022-09-07T04:00:00.000Z', 'low'),
    change('2022-09-10T04:00:00.000Z', null),
  ];

  it('answers each day with the highest level the zone had that day', () => {
    expect(levelOn(history, '2022-08-27')).toBeNull();
    expect(levelOn(history, '2022-08-28')).toBe('high');
    expect(levelOn(history, '2022-09-03')).toBe('high');
    expect(levelOn(history, '2022-09-04')).toBe('high'); // high until noon
    expect(levelOn(history, '2022-09-05')).toBe('medium');
    expect(levelOn(history, '2022-09-08')).toBe('low');
    expect(levelOn(history, '2022-09-10')).toBe('low'); // lifted at noon
    expect(levelOn(history, '2022-09-11')).toBeNull();
  });

  it('uses the local (China) date of a decision', () => {
    // 23:30 UTC on 1 Sep is 07:30 on 2 Sep in Xining.
    expect(levelOn([change('2022-09-01T23:30:00.000Z', 'medium')], '2022-09-01')).toBeNull();
    expect(levelOn([change('2022-09-01T23:30:00.000Z', 'medium')], '2022-09-02')).toBe('medium');
  });

  it('does not depend on the order rows are given in (distinct decision times), and a day after the last change keeps its level', () => {
    const levels = fc.constantFrom<DesignatedLevel | null>('high', 'medium', 'low', null);
    fc.assert(fc.property(fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: 40 * 24 }), levels), { minLength: 1, maxLength: 12, selector: ([h]) => h }), (raw) => {
      const rows = raw.map(([h, l]) => change(new Date(Date.parse('2022-08-20T00:00:00Z') + h * 3_600_000).toISOString(), l));
      const date = '2022-09-05';
      expect(levelOn([...rows].reverse(), date)).toBe(levelOn(rows, date));
      const last = [...rows].sort((a, b) => (a.effectiveAt < b.effectiveAt ? -1 : 1)).at(-1)!;
      expect(levelOn(rows, '2022-12-31')).toBe(last.toLevel);
    }));
  });
});
