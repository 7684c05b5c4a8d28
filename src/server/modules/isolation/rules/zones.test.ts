import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BUILT_IN_PLANS } from '../../../../../test/support/rule-sets.js';
import { downgradeAdvice, type ZoneState } from './zones.js';

const zone = (over: Partial<ZoneState> = {}): ZoneState => ({
  ruleSet: 'NINTH_EDITION', level: 'high', since: '2022-08-28', lastInfection: null, downgradedFrom: null, rounds: [], ...over,
});

describe('risk-zone downgrades under the 9th edition (DOMAIN.md §1.2)', () => {
  it('high → medium after 7 clean days and an all-negative round on day 7', () => {
    expect(downgradeAdvice(zone(), '2022-09-03', BUILT_IN_PLANS)).toMatchObject({ eligible: false, missing: 'days', cleanDays: 6, needDays: 7 });
    expect(downgradeAdvice(zone(), '2022-09-04', BUILT_IN_PLANS)).toMatchObject({ eligible: false, missing: 'negative_round', cleanDays: 7 });
    expect(downgradeAdvice(zone({ rounds: [{ date: '2022-09-04', allNegative: false }] }), '2022-09-04', BUILT_IN_PLANS))
      .toMatchObject({ eligible: false, missing: 'negative_round' });
    expect(downgradeAdvice(zone({ rounds: [{ date: '2022-09-04', allNegative: true }] }), '2022-09-04', BUILT_IN_PLANS))
      .toEqual({ eligible: true, to: 'medium', cleanDays: 7 });
  });

  it('a new infection restarts the clock; a round before day 7 does not count', () => {
    const infected = zone({ lastInfection: '2022-09-01', rounds: [{ date: '2022-09-04', allNegative: true }] });
    expect(downgradeAdvice(infected, '2022-09-04', BUILT_IN_PLANS)).toMatchObject({ eligible: false, cleanDays: 3, missing: 'days' });
    expect(downgradeAdvice(infected, '2022-09-08', BUILT_IN_PLANS)).toMatchObject({ eligible: false, missing: 'negative_round' });
    expect(downgradeAdvice({ ...infected, rounds: [...infected.rounds, { date: '2022-09-08', allNegative: true }] }, '2022-09-08', BUILT_IN_PLANS))
      .toMatchObject({ eligible: true, to: 'medium' });
  });

  it('medium reached from high → low after 3 more clean days; designated medium → low after 7 and a negative round', () => {
    expect(downgradeAdvice(zone({ level: 'medium', since: '2022-09-04', downgradedFrom: 'high' }), '2022-09-06', BUILT_IN_PLANS))
      .toMatchObject({ eligible: false, needDays: 3 });
    expect(downgradeAdvice(zone({ level: 'medium', since: '2022-09-04', downgradedFrom: 'high' }), '2022-09-07', BUILT_IN_PLANS))
      .toEqual({ eligible: true, to: 'low', cleanDays: 3 });
    expect(downgradeAdvice(zone({ level: 'medium', since: '2022-09-04' }), '2022-09-11', BUILT_IN_PLANS)).toMatchObject({ missing: 'negative_round' });
    expect(downgradeAdvice(zone({ level: 'low' }), '2022-10-01', BUILT_IN_PLANS)).toMatchObject({ eligible: false, missing: 'nothing_lower' });
  });
});

describe('under the 20 measures', () => {
  it('high → low after 5 clean days and a day-5 all-negative round', () => {
    const z = zone({ ruleSet: 'TWENTY_MEASURES', since: '2022-11-20', rounds: [{ date: '2022-11-25', allNegative: true }] });
    expect(downgradeAdvice(z, '2022-11-24', BUILT_IN_PLANS)).toMatchObject({ eligible: false, needDays: 5 });
    expect(downgradeAdvice(z, '2022-11-25', BUILT_IN_PLANS)).toEqual({ eligible: true, to: 'low', cleanDays: 5 });
  });
});

describe('properties', () => {
  it('never proposes a downgrade before the days have passed, and never to the same level', () => {
    fc.assert(fc.property(
      fc.constantFrom('NINTH_EDITION' as const, 'TWENTY_MEASURES' as const), fc.constantFrom('high' as const, 'medium' as const),
      fc.integer({ min: 0, max: 20 }), fc.boolean(),
      (ruleSet, level, days, negative) => {
        const since = '2022-09-01';
        const today = new Date(Date.parse('2022-09-01T00:00:00Z') + days * 86_400_000).toISOString().slice(0, 10);
        const advice = downgradeAdvice(zone({ ruleSet, level, since, rounds: [{ date: today, allNegative: negative }] }), today, BUILT_IN_PLANS);
        if (advice.eligible) {
          expect(advice.to).not.toBe(level);
          expect(days).toBeGreaterThanOrEqual(ruleSet === 'NINTH_EDITION' ? 7 : 5);
          expect(negative).toBe(true);
        }
      }));
  });
});
