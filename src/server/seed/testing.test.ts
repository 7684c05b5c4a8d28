import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allocateSites } from './testing.js';

describe('demo sampling sites', () => {
  it('splits a township\'s sites over its communities by residents, ties to the lower code', () => {
    const alloc = allocateSites(3, [{ code: '001', residents: 5000 }, { code: '201', residents: 800 }, { code: '202', residents: 700 }]);
    expect(Object.fromEntries(alloc)).toEqual({ '001': 2, '201': 1 });
    expect(Object.fromEntries(allocateSites(1, [{ code: '201', residents: 10 }, { code: '202', residents: 10 }]))).toEqual({ '201': 1 });
    expect(allocateSites(0, [{ code: '201', residents: 10 }]).size).toBe(0);
    expect(allocateSites(2, [{ code: '201', residents: 0 }]).size).toBe(0);
  });

  it('hands out exactly the sites asked for, never to an empty community', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 40 }),
      fc.array(fc.integer({ min: 0, max: 20_000 }), { minLength: 1, maxLength: 30 }), (sites, pops) => {
        const communities = pops.map((residents, i) => ({ code: String(i).padStart(3, '0'), residents }));
        const alloc = allocateSites(sites, communities);
        const total = communities.reduce((n, c) => n + c.residents, 0);
        const given = [...alloc.values()].reduce((n, v) => n + v, 0);
        expect(given).toBe(total > 0 ? sites : 0);
        for (const [code] of alloc) expect(communities.find((c) => c.code === code)!.residents).toBeGreaterThan(0);
      }));
  });
});
