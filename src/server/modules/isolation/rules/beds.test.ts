import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { forecastFreeBeds, placementRefusal, roomLabels, sumForecasts } from './beds.js';
import { addDays } from '../../../../shared/dates.js';

describe('14-day forecast of free beds', () => {
  it('frees a bed on the expected release day; today counts everyone still there', () => {
    const stays = [{ expectedReleaseOn: '2022-09-03' }, { expectedReleaseOn: '2022-09-01' }, { expectedReleaseOn: null }];
    const f = forecastFreeBeds(5, stays, '2022-09-02', 4);
    expect(f).toEqual([
      { date: '2022-09-02', occupied: 3, free: 2 }, // the overdue release (09-01) is still in the room today
      { date: '2022-09-03', occupied: 1, free: 4 },
      { date: '2022-09-04', occupied: 1, free: 4 },
      { date: '2022-09-05', occupied: 1, free: 4 },
    ]);
    expect(forecastFreeBeds(5, stays, '2022-09-02')).toHaveLength(14);
  });

  it('sums sites day by day', () => {
    const a = forecastFreeBeds(2, [{ expectedReleaseOn: '2022-09-02' }], '2022-09-01', 3);
    const b = forecastFreeBeds(3, [], '2022-09-01', 3);
    expect(sumForecasts([a, b], '2022-09-01', 3).map((d) => d.free)).toEqual([4, 5, 5]);
  });

  it('never negative, never above capacity, never fewer free beds later (nobody new assumed)', () => {
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 60 }),
      fc.array(fc.option(fc.integer({ min: -5, max: 20 }), { nil: null }), { maxLength: 80 }),
      (capacity, offsets) => {
        const today = '2022-09-01';
        const stays = offsets.map((o) => ({ expectedReleaseOn: o === null ? null : addDays(today, o) }));
        const f = forecastFreeBeds(capacity, stays, today);
        expect(f).toHaveLength(14);
        for (let i = 0; i < f.length; i++) {
          expect(f[i].free).toBeGreaterThanOrEqual(0);
          expect(f[i].free).toBeLessThanOrEqual(capacity);
          if (i > 0) expect(f[i].free).toBeGreaterThanOrEqual(f[i - 1].free);
        }
        expect(f[0].occupied).toBe(stays.length);
      }));
  });
});

describe('rooms and refusals', () => {
  it('labels a run of rooms, keeping the width asked for', () => {
    expect(roomLabels({ from: 301, to: 305 })).toEqual(['301', '302', '303', '304', '305']);
    expect(roomLabels({ prefix: 'A', from: 8, to: 10, width: 3 })).toEqual(['A008', 'A009', 'A010']);
    expect(() => roomLabels({ from: 10, to: 9 })).toThrow(RangeError);
    expect(() => roomLabels({ from: 1, to: 501 })).toThrow(RangeError);
  });

  it('refuses the room before the site, and only when full', () => {
    expect(placementRefusal({ capacity: 2, occupied: 1 })).toBeNull();
    expect(placementRefusal({ capacity: 2, occupied: 2 })).toBe('SITE_FULL');
    expect(placementRefusal({ capacity: 0, occupied: 0 })).toBe('SITE_FULL');
    expect(placementRefusal({ capacity: 9, occupied: 2 }, { beds: 1, occupied: 1 })).toBe('ROOM_FULL');
    expect(placementRefusal({ capacity: 9, occupied: 2 }, { beds: 2, occupied: 1 })).toBeNull();
  });
});
