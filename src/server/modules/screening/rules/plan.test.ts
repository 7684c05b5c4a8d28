import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MANAGED_CATEGORIES } from '../../../../shared/screening.js';
import { planFor, ruleSetOn } from './plan.js';
import { BUILT_IN_PLANS } from '../../../../../test/support/rule-sets.js';
import { addDays } from '../../../../shared/dates.js';

const TODAY = '2022-12-31';
const plan = (category: (typeof MANAGED_CATEGORIES)[number], anchorDate: string, today = TODAY) => {
  const r = planFor({ category, anchorDate, today }, BUILT_IN_PLANS);
  if (!r.ok) throw new Error(JSON.stringify(r.problem));
  return r.plan;
};
const shape = (p: ReturnType<typeof plan>) => p.phases.map((ph) => [ph.kind, ph.days, ph.startDate, ph.endDate, ph.testDates]);

describe('the 9th-edition plan, row by row (DOMAIN.md §1.1)', () => {
  it('close contact: 7 days central isolation from the day after last exposure, tests D1 2 3 5 7, then 3 days home monitoring with a test on its D3', () => {
    const p = plan('CLOSE_CONTACT', '2022-08-20');
    expect(p.ruleSet).toBe('NINTH_EDITION');
    expect(shape(p)).toEqual([
      ['central_isolation', 7, '2022-08-21', '2022-08-27', ['2022-08-21', '2022-08-22', '2022-08-23', '2022-08-25', '2022-08-27']],
      ['home_health_monitoring', 3, '2022-08-28', '2022-08-30', ['2022-08-30']],
    ]);
    expect(p.releaseDate).toBe('2022-08-31');
  });

  it('secondary contact: 7 days home isolation, tests D1 D4 D7', () => {
    expect(shape(plan('SECONDARY_CONTACT', '2022-08-20'))).toEqual([
      ['home_isolation', 7, '2022-08-21', '2022-08-27', ['2022-08-21', '2022-08-24', '2022-08-27']]]);
  });

  it('inbound: 7+3 from the entry date itself, the close contact tests', () => {
    const p = plan('INBOUND', '2022-09-01');
    expect(p.phases.map((ph) => [ph.kind, ph.startDate, ph.days])).toEqual([
      ['central_isolation', '2022-09-01', 7], ['home_health_monitoring', '2022-09-08', 3]]);
    expect(p.testDates).toEqual(['2022-09-01', '2022-09-02', '2022-09-03', '2022-09-05', '2022-09-07', '2022-09-10']);
  });

  it('high-risk zone: 7 days central isolation from the day after leaving, none when found more than 7 days later', () => {
    expect(shape(plan('HIGH_ZONE_TRAVEL', '2022-09-01', '2022-09-03'))).toEqual([
      ['central_isolation', 7, '2022-09-02', '2022-09-08', ['2022-09-02', '2022-09-03', '2022-09-04', '2022-09-06', '2022-09-08']]]);
    const late = plan('HIGH_ZONE_TRAVEL', '2022-09-01', '2022-09-09');
    expect(late.phases).toEqual([]);
    expect(late.releaseDate).toBeNull();
  });

  it('medium-risk zone: 7 days home isolation, D1 D4 D7; low-risk zone: two tests in three days from arrival', () => {
    expect(shape(plan('MID_ZONE_TRAVEL', '2022-09-01', '2022-09-02'))).toEqual([
      ['home_isolation', 7, '2022-09-02', '2022-09-08', ['2022-09-02', '2022-09-05', '2022-09-08']]]);
    expect(shape(plan('LOW_ZONE_TRAVEL', '2022-09-01'))).toEqual([
      ['self_monitoring', 3, '2022-09-01', '2022-09-03', ['2022-09-01', '2022-09-02']]]);
  });

  it('confirmed and asymptomatic: 7 days home monitoring from the day after discharge, one test on D7', () => {
    for (const c of ['CONFIRMED', 'ASYMPTOMATIC'] as const) {
      expect(shape(plan(c, '2022-09-10'))).toEqual([['home_health_monitoring', 7, '2022-09-11', '2022-09-17', ['2022-09-17']]]);
    }
  });

  it('high-risk post: 7 days, D1 D4 D7; a positive pool member: apart at once until the retest', () => {
    expect(plan('HIGH_RISK_POST', '2022-09-10').testDates).toEqual(['2022-09-11', '2022-09-14', '2022-09-17']);
    expect(shape(plan('POOL_POSITIVE', '2022-09-10'))).toEqual([['temporary_isolation', 1, '2022-09-10', '2022-09-10', ['2022-09-10']]]);
  });
});

describe('the 20 measures (from 11 Nov 2022)', () => {
  it('close contact: 5 days central isolation D1 2 3 5, then 3 days home isolation D1 D3', () => {
    const p = plan('CLOSE_CONTACT', '2022-11-20');
    expect(p.ruleSet).toBe('TWENTY_MEASURES');
    expect(shape(p)).toEqual([
      ['central_isolation', 5, '2022-11-21', '2022-11-25', ['2022-11-21', '2022-11-22', '2022-11-23', '2022-11-25']],
      ['home_isolation', 3, '2022-11-26', '2022-11-28', ['2022-11-26', '2022-11-28']],
    ]);
  });

  it('knows no secondary contacts and no medium-risk zones any more; high-risk zone arrivals isolate at home', () => {
    expect(planFor({ category: 'SECONDARY_CONTACT', anchorDate: '2022-11-20', today: TODAY }, BUILT_IN_PLANS))
      .toEqual({ ok: false, problem: { code: 'CATEGORY_NOT_IN_RULE_SET', category: 'SECONDARY_CONTACT', ruleSet: 'TWENTY_MEASURES',
        ruleSetName: { 'zh-CN': '优化防控二十条', en: 'The 20 measures' } } });
    expect(planFor({ category: 'MID_ZONE_TRAVEL', anchorDate: '2022-11-20', today: TODAY }, BUILT_IN_PLANS).ok).toBe(false);
    expect(shape(plan('HIGH_ZONE_TRAVEL', '2022-11-20', '2022-11-21'))[0].slice(0, 2)).toEqual(['home_isolation', 7]);
    expect(plan('HIGH_RISK_POST', '2022-11-20').phases.map((ph) => [ph.kind, ph.days])).toEqual([['home_health_monitoring', 5]]);
  });

  it('an episode may keep the plan it started under, asked for by name', () => {
    const kept = planFor({ category: 'CLOSE_CONTACT', anchorDate: '2022-11-20', ruleSet: 'NINTH_EDITION', today: TODAY }, BUILT_IN_PLANS);
    expect(kept.ok && kept.plan.phases[0].days).toBe(7);
  });
});

describe('bad input', () => {
  it('refuses an anchor in the future and a date no plan covers', () => {
    expect(planFor({ category: 'CLOSE_CONTACT', anchorDate: '2022-09-02', today: '2022-09-01' }, BUILT_IN_PLANS))
      .toEqual({ ok: false, problem: { code: 'ANCHOR_IN_FUTURE' } });
    expect(planFor({ category: 'CLOSE_CONTACT', anchorDate: '2022-05-01', today: TODAY }, BUILT_IN_PLANS))
      .toEqual({ ok: false, problem: { code: 'NO_RULE_SET_IN_FORCE', date: '2022-05-01' } });
    expect(ruleSetOn('2022-11-10', BUILT_IN_PLANS)?.code).toBe('NINTH_EDITION');
    expect(ruleSetOn('2022-11-11', BUILT_IN_PLANS)?.code).toBe('TWENTY_MEASURES');
  });
});

describe('properties of every plan', () => {
  const dates = fc.integer({ min: 0, max: 160 }).map((n) => addDays('2022-06-28', n));
  it('phases follow each other without overlap, tests lie inside their phase, release follows the last test', () => {
    fc.assert(fc.property(fc.constantFrom(...MANAGED_CATEGORIES), dates, (category, anchorDate) => {
      const r = planFor({ category, anchorDate, today: anchorDate }, BUILT_IN_PLANS);
      if (!r.ok) return;
      const { phases, releaseDate, testDates } = r.plan;
      for (let i = 0; i < phases.length; i++) {
        expect(phases[i].endDate >= phases[i].startDate).toBe(true);
        if (i > 0) expect(phases[i].startDate).toBe(addDays(phases[i - 1].endDate, 1));
        for (const t of phases[i].testDates) expect(t >= phases[i].startDate && t <= phases[i].endDate).toBe(true);
      }
      if (phases.length > 0) {
        expect(releaseDate! > phases[phases.length - 1].endDate).toBe(true);
        for (const t of testDates) expect(t < releaseDate!).toBe(true);
        expect(phases[0].startDate >= anchorDate).toBe(true);
      }
    }));
  });
});
