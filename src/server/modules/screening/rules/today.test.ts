import { describe, expect, it } from 'vitest';
import { planFor } from './plan.js';
import { healthCheckDue, phaseOn, releaseOnList, testOnList } from './today.js';
import { BUILT_IN_PLANS } from '../../../../../test/support/rule-sets.js';

// A close contact of 2022-08-20 under the 9th edition: central 08-21..08-27, home health monitoring 08-28..08-30.
const plan = (() => {
  const r = planFor({ category: 'CLOSE_CONTACT', anchorDate: '2022-08-20', ruleSet: 'NINTH_EDITION', today: '2022-08-20' }, BUILT_IN_PLANS);
  if (!r.ok) throw new Error('no plan');
  return r.plan;
})();

describe("the grid worker's day", () => {
  it('knows the phase and its day on a date', () => {
    expect(phaseOn(plan, '2022-08-21')).toEqual({ kind: 'central_isolation', day: 1, days: 7 });
    expect(phaseOn(plan, '2022-08-29')).toEqual({ kind: 'home_health_monitoring', day: 2, days: 3 });
    expect(phaseOn(plan, '2022-08-31')).toBeNull();
  });

  it('lists a health check only in a home phase and until it is made (central isolation is the site staff\'s)', () => {
    expect(healthCheckDue(plan, '2022-08-23', false)).toBe(false);
    expect(healthCheckDue(plan, '2022-08-28', false)).toBe(true);
    expect(healthCheckDue(plan, '2022-08-28', true)).toBe(false);
    expect(healthCheckDue(plan, '2022-09-05', false)).toBe(false);
  });

  it("lists today's tests and yesterday's without a result as missed", () => {
    expect(testOnList({ due_date: '2022-08-25', status: 'due' }, '2022-08-25')).toBe('today');
    expect(testOnList({ due_date: '2022-08-24', status: 'due' }, '2022-08-25')).toBe('missed');
    expect(testOnList({ due_date: '2022-08-24', status: 'missed' }, '2022-08-25')).toBe('missed');
    expect(testOnList({ due_date: '2022-08-24', status: 'negative' }, '2022-08-25')).toBeNull();
    expect(testOnList({ due_date: '2022-08-23', status: 'due' }, '2022-08-25')).toBeNull();
    expect(testOnList({ due_date: '2022-08-26', status: 'due' }, '2022-08-25')).toBeNull();
  });

  it('lists releases due (plan ended) and proposed', () => {
    expect(releaseOnList({ status: 'active', release_date: '2022-08-31' }, '2022-08-31')).toBe('due');
    expect(releaseOnList({ status: 'active', release_date: '2022-08-31' }, '2022-08-30')).toBeNull();
    expect(releaseOnList({ status: 'release_proposed', release_date: '2022-08-31' }, '2022-08-30')).toBe('proposed');
    expect(releaseOnList({ status: 'released', release_date: '2022-08-31' }, '2022-09-01')).toBeNull();
  });
});
