import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MANAGED_CATEGORIES } from '../../../../shared/screening.js';
import {
  EPISODE_LADDER, checkDraft, defaultPlace, mergedAnchor, planOfDraft, releaseProblem, replanTests, ruleSetFor, statusAfterResults,
  testForSample, testsOfPlan, healthCheckAlarming, missedBy,
} from './episodes.js';
import { canMove } from '../../../platform/workflow.js';
import { BUILT_IN_PLANS } from '../../../../../test/support/rule-sets.js';
import { addDays } from '../../../../shared/dates.js';

const RESPONSE = { table: BUILT_IN_PLANS, response: { ruleSet: 'NINTH_EDITION', startedOn: '2022-08-20' } };
const planOf = (category: (typeof MANAGED_CATEGORIES)[number], anchorDate: string, today = '2022-12-31') => {
  const r = planOfDraft({ category, anchorDate }, today, RESPONSE);
  if (!r.ok) throw new Error(JSON.stringify(r.problem));
  return r.plan;
};

describe('the plan an episode runs under', () => {
  it('is the one named, else the one in force on the anchor date, else the response\'s from the day it was declared', () => {
    expect(ruleSetFor('2022-08-25', RESPONSE, 'TWENTY_MEASURES')).toBe('TWENTY_MEASURES');
    expect(ruleSetFor('2022-11-20', RESPONSE)).toBe('TWENTY_MEASURES');
    expect(ruleSetFor('2026-03-01', RESPONSE)).toBe('NINTH_EDITION');
    expect(ruleSetFor('2022-05-01', RESPONSE)).toBeUndefined();
    expect(ruleSetFor('2026-03-01', { table: BUILT_IN_PLANS, response: null })).toBeUndefined();
  });

  it('checkDraft names the problem: a future anchor, no plan, a category the plan lacks, a measure run out', () => {
    const d = { personId: 'p', source: 'manual' as const };
    expect(checkDraft({ ...d, category: 'CLOSE_CONTACT', anchorDate: '2022-08-26' }, '2022-08-25', RESPONSE)).toEqual({ code: 'ANCHOR_IN_FUTURE' });
    expect(checkDraft({ ...d, category: 'CLOSE_CONTACT', anchorDate: '2022-05-01' }, '2022-08-25', RESPONSE))
      .toEqual({ code: 'NO_RULE_SET_IN_FORCE', date: '2022-05-01' });
    expect(checkDraft({ ...d, category: 'SECONDARY_CONTACT', anchorDate: '2022-11-20' }, '2022-11-25', RESPONSE))
      .toMatchObject({ code: 'CATEGORY_NOT_IN_RULE_SET', ruleSet: 'TWENTY_MEASURES' });
    expect(checkDraft({ ...d, category: 'HIGH_ZONE_TRAVEL', anchorDate: '2022-08-01' }, '2022-08-25', RESPONSE))
      .toEqual({ code: 'NO_MEASURE_NEEDED', category: 'HIGH_ZONE_TRAVEL' });
    expect(checkDraft({ ...d, category: 'CLOSE_CONTACT', anchorDate: '2022-08-20' }, '2022-08-25', RESPONSE)).toBeNull();
  });

  it('schedules one test per test date with its phase, and places central phases at a site', () => {
    const p = planOf('CLOSE_CONTACT', '2022-08-20');
    expect(testsOfPlan(p)).toEqual([
      ...['2022-08-21', '2022-08-22', '2022-08-23', '2022-08-25', '2022-08-27'].map((d) => ({ dueDate: d, phaseKind: 'central_isolation' })),
      { dueDate: '2022-08-30', phaseKind: 'home_health_monitoring' }]);
    expect(defaultPlace(p)).toBe('central');
    expect(defaultPlace(planOf('SECONDARY_CONTACT', '2022-08-20'))).toBe('home');
    expect(defaultPlace(planOf('POOL_POSITIVE', '2022-08-20'))).toBe('home');
  });
});

describe('tests, results and the ladder', () => {
  const t = (dueDate: string, status: 'due' | 'negative' | 'positive' | 'invalid' | 'missed', id = dueDate) => ({ id, dueDate, status });

  it('a sample counts for the test of its day, else the nearest earlier one still waiting; never a later one', () => {
    const tests = [t('2022-08-21', 'negative'), t('2022-08-22', 'missed'), t('2022-08-23', 'due'), t('2022-08-25', 'due')];
    expect(testForSample(tests, '2022-08-23')?.dueDate).toBe('2022-08-23');
    expect(testForSample(tests, '2022-08-24')?.dueDate).toBe('2022-08-23');
    expect(testForSample([t('2022-08-21', 'negative'), t('2022-08-22', 'missed')], '2022-08-24')?.dueDate).toBe('2022-08-22');
    expect(testForSample(tests, '2022-08-20')).toBeUndefined();
    expect(testForSample([t('2022-08-21', 'invalid')], '2022-08-22')?.dueDate).toBe('2022-08-21');
  });

  it('missed tests are the due ones whose day has passed', () => {
    expect(missedBy([t('2022-08-21', 'due'), t('2022-08-22', 'due'), t('2022-08-20', 'negative')], '2022-08-22').map((x) => x.dueDate))
      .toEqual(['2022-08-21']);
  });

  it('release: refused with the dates of a positive or missing test, or before the last day; allowed on it', () => {
    expect(releaseProblem([t('2022-08-21', 'negative'), t('2022-08-22', 'positive')], '2022-08-24', '2022-08-30'))
      .toEqual({ code: 'RELEASE_TEST_POSITIVE', dates: ['2022-08-22'] });
    expect(releaseProblem([t('2022-08-21', 'missed'), t('2022-08-22', 'invalid')], '2022-08-24', '2022-08-30'))
      .toEqual({ code: 'RELEASE_TEST_MISSING', dates: ['2022-08-21', '2022-08-22'] });
    expect(releaseProblem([t('2022-08-21', 'negative')], '2022-08-24', '2022-08-22')).toEqual({ code: 'RELEASE_TOO_EARLY', lastDay: '2022-08-23' });
    expect(releaseProblem([t('2022-08-21', 'negative')], '2022-08-24', '2022-08-23')).toBeNull();
  });

  it('the ladder: all negative proposes, a positive escalates, closed and released are final', () => {
    expect(statusAfterResults('active', [t('a', 'negative'), t('b', 'negative')])).toBe('release_proposed');
    expect(statusAfterResults('active', [t('a', 'negative'), t('b', 'due')])).toBe('active');
    expect(statusAfterResults('release_proposed', [t('a', 'positive')])).toBe('escalated');
    expect(statusAfterResults('released', [t('a', 'positive')])).toBe('released');
    expect(canMove(EPISODE_LADDER, 'active', 'released')).toBe(false);
    expect(canMove(EPISODE_LADDER, 'release_proposed', 'released')).toBe(true);
    expect(canMove(EPISODE_LADDER, 'closed', 'active')).toBe(false);
  });

  it('a health check alarms at 37.3 °C or with any symptom', () => {
    expect(healthCheckAlarming({ temperature: 37.2, symptoms: [] })).toBe(false);
    expect(healthCheckAlarming({ temperature: 37.3, symptoms: [] })).toBe(true);
    expect(healthCheckAlarming({ temperature: null, symptoms: ['cough'] })).toBe(true);
  });
});

const dateArb = fc.integer({ min: 0, max: 120 }).map((n) => addDays('2022-07-01', n));
const categoryArb = fc.constantFrom(...MANAGED_CATEGORIES.filter((c) => c !== 'HIGH_ZONE_TRAVEL' && c !== 'MID_ZONE_TRAVEL'));
const statusArb = fc.constantFrom('due', 'negative', 'positive', 'invalid', 'missed') as fc.Arbitrary<'due' | 'negative' | 'positive' | 'invalid' | 'missed'>;

describe('properties', () => {
  it('a release is never allowed before the last test day, nor with a test not negative', () => {
    fc.assert(fc.property(categoryArb, dateArb, fc.integer({ min: 0, max: 30 }), fc.array(statusArb, { maxLength: 8 }), (category, anchor, after, statuses) => {
      const p = planOf(category, anchor, '2022-12-31');
      const tests = testsOfPlan(p).map((x, i) => ({ dueDate: x.dueDate, status: statuses[i] ?? 'negative' }));
      const today = addDays(anchor, after);
      if (releaseProblem(tests, p.releaseDate, today) === null) {
        expect(tests.every((x) => x.status === 'negative')).toBe(true);
        for (const x of tests) expect(today >= x.dueDate).toBe(true);
      }
    }));
  });

  it('merging keeps the latest anchor; a re-plan keeps every filled result and leaves one test per date of the new plan', () => {
    fc.assert(fc.property(categoryArb, dateArb, fc.integer({ min: 0, max: 10 }), fc.array(statusArb, { maxLength: 8 }), (category, a1, shift, statuses) => {
      const a2 = addDays(a1, shift);
      const anchor = mergedAnchor(a1, a2);
      expect(anchor).toBe(shift > 0 ? a2 : null);
      const first = testsOfPlan(planOf(category, a1)).map((x, i) => ({ id: `t${i}`, dueDate: x.dueDate, phaseKind: x.phaseKind,
        status: statuses[i] ?? 'due' }));
      const next = planOf(category, anchor ?? a1);
      const { keep, drop, add } = replanTests(first, next);
      const filled = first.filter((x) => ['negative', 'positive', 'invalid'].includes(x.status));
      for (const f of filled) expect(keep.map((k) => k.id)).toContain(f.id);
      expect(keep.length + drop.length).toBe(first.length);
      const waitingKept = first.filter((x) => keep.some((k) => k.id === x.id) && !filled.includes(x)).map((x) => x.dueDate);
      const covered = new Set([...waitingKept, ...filled.map((x) => x.dueDate).filter((d) => next.testDates.includes(d)), ...add.map((x) => x.dueDate)]);
      expect([...covered].sort()).toEqual([...new Set(next.testDates)].sort());
      expect(add.length + waitingKept.length + filled.filter((x) => next.testDates.includes(x.dueDate)).length).toBe(covered.size);
    }));
  });
});
