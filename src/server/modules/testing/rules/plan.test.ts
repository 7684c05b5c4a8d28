import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { planFor } from './plan.js';

describe('round plan', () => {
  it('gives Huangzhong about 1,100 samplers and 130–200 sites for a 24-hour round (DOMAIN.md §2.3)', () => {
    const plan = planFor(395_043);
    expect(plan.samplers).toBe(1098);
    expect(plan.sites).toEqual({ min: 132, max: 198 });
  });

  it('needs half the samplers for a 48-hour window, and nothing for nobody', () => {
    expect(planFor(36_000, 48).samplers).toBe(50);
    expect(planFor(0)).toMatchObject({ samplers: 0, sites: { min: 0, max: 0 } });
  });

  it('always has enough sites for 3,000 people each and samplers for 360 swabs a day each', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 5_000_000 }), fc.integer({ min: 6, max: 72 }), (n, hours) => {
      const p = planFor(n, hours);
      expect(p.sites.min * 3000).toBeGreaterThanOrEqual(n);
      expect(p.sites.max).toBeGreaterThanOrEqual(p.sites.min);
      expect(p.samplers * 360 * (hours / 24)).toBeGreaterThanOrEqual(n - 1e-6);
    }));
  });
});
