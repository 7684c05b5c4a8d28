import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addLeaf, addSums, childPathOf, counterDrift, emptySums, figuresOf, leafMissing, missingTaskTitle, rollUp,
  type LeafCounters,
} from './coverage.js';

const leaf = (residents: number, exempt: number, tested: number, unregistered = 0): LeafCounters =>
  ({ residents, exempt, tested, unregistered });

describe('coverage arithmetic', () => {
  it('expected is residents minus exempt; missing what is left untested; rate the covered share', () => {
    const f = figuresOf(addLeaf(emptySums(), leaf(100, 4, 90, 3)));
    expect(f).toEqual({ residents: 100, exempt: 4, expected: 96, tested: 90, missing: 6, rate: 90 / 96, unregistered: 3 });
  });

  it('an over-tested grid does not hide the missing of its neighbour', () => {
    const s = emptySums();
    addLeaf(s, leaf(10, 2, 10)); // an exempt person was tested anyway: 8 expected, 10 tested
    addLeaf(s, leaf(10, 0, 5));
    const f = figuresOf(s);
    expect(f.expected).toBe(18);
    expect(f.tested).toBe(15);
    expect(f.missing).toBe(5);
    expect(f.rate).toBeCloseTo(13 / 18);
  });

  it('nothing expected is fully covered', () => {
    expect(figuresOf(emptySums()).rate).toBe(1);
    expect(figuresOf(addLeaf(emptySums(), leaf(3, 3, 0))).rate).toBe(1);
  });

  it('a counter gone negative counts as zero', () => {
    expect(leafMissing(leaf(5, -2, -1))).toBe(5);
    expect(figuresOf(addLeaf(emptySums(), leaf(-1, 0, 0))).expected).toBe(0);
  });

  it('finds the child a leaf lies under', () => {
    expect(childPathOf('630106', '630106/630106105/630106105001/630106105001001')).toBe('630106/630106105');
    expect(childPathOf('630106/630106105', '630106/630106105/630106105001')).toBe('630106/630106105/630106105001');
    expect(childPathOf('630106/630106105', '630106/630106102/630106102001')).toBeUndefined();
    expect(childPathOf('630106/630106105', '630106/630106105')).toBeUndefined();
    // A path that merely begins with the parent's text is not under it.
    expect(childPathOf('630106/630106105', '630106/6301061050/x')).toBeUndefined();
    const grid = '630106/630106105/630106105001/630106105001001';
    expect(childPathOf(grid, `${grid}/630106105001001001`)).toBe(`${grid}/630106105001001001`);
  });

  it('rolls leaves up to the children of a region, ignoring leaves elsewhere', () => {
    const { total, children } = rollUp('630106/630106105', [
      { path: '630106/630106105/630106105001/630106105001001', ...leaf(10, 1, 5) },
      { path: '630106/630106105/630106105001/630106105001002', ...leaf(20, 0, 20) },
      { path: '630106/630106105/630106105201/630106105201001', ...leaf(7, 0, 0, 2) },
      { path: '630106/630106102/630106102001/630106102001001', ...leaf(99, 0, 0) },
    ]);
    expect(children.map((c) => c.path)).toEqual(['630106/630106105/630106105001', '630106/630106105/630106105201']);
    expect(figuresOf(children[0].sums)).toMatchObject({ expected: 29, tested: 25, missing: 4 });
    expect(figuresOf(children[1].sums)).toMatchObject({ expected: 7, tested: 0, missing: 7, unregistered: 2 });
    expect(figuresOf(total)).toMatchObject({ residents: 37, expected: 36, missing: 11 });
  });

  it('reports every counter that differs from the recount', () => {
    const stored = new Map([['a', leaf(10, 1, 5)], ['b', leaf(3, 0, 0)]]);
    const actual = new Map([['a', leaf(10, 2, 5)], ['c', leaf(1, 0, 1)]]);
    expect(counterDrift(stored, actual)).toEqual([
      { regionCode: 'a', field: 'exempt', stored: 1, actual: 2 },
      { regionCode: 'b', field: 'residents', stored: 3, actual: 0 },
      { regionCode: 'c', field: 'residents', stored: 0, actual: 1 },
      { regionCode: 'c', field: 'tested', stored: 0, actual: 1 },
    ]);
    expect(counterDrift(actual, actual)).toEqual([]);
  });

  it('titles the door-knocking task', () => {
    expect(missingTaskTitle(12)).toBe('应检尽检：12人未检');
  });
});

const counters = fc.record({
  residents: fc.integer({ min: -3, max: 2000 }),
  exempt: fc.integer({ min: -3, max: 300 }),
  tested: fc.integer({ min: -3, max: 2500 }),
  unregistered: fc.integer({ min: -3, max: 50 }),
});

// A small tree: district 630106 → townships → communities → grids (→ buildings), leaves anywhere below.
const leafPath = fc.tuple(fc.integer({ min: 100, max: 103 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }),
  fc.option(fc.integer({ min: 1, max: 2 }), { nil: undefined }))
  .map(([t, c, g, b]) => {
    const town = `630106${t}`;
    const community = `${town}${String(c).padStart(3, '0')}`;
    const grid = `${community}${String(g).padStart(3, '0')}`;
    const parts = ['630106', town, community, grid];
    if (b !== undefined) parts.push(`${grid}${String(b).padStart(3, '0')}`);
    return parts.join('/');
  });

describe('coverage properties', () => {
  it('missing is never negative and never above expected; rate stays in [0, 1]', () => {
    fc.assert(fc.property(fc.array(counters, { maxLength: 30 }), (leaves) => {
      const s = emptySums();
      for (const l of leaves) addLeaf(s, l);
      const f = figuresOf(s);
      expect(f.missing).toBeGreaterThanOrEqual(0);
      expect(f.missing).toBeLessThanOrEqual(f.expected);
      expect(f.expected).toBeGreaterThanOrEqual(0);
      expect(f.rate).toBeGreaterThanOrEqual(0);
      expect(f.rate).toBeLessThanOrEqual(1);
      for (const l of leaves) expect(leafMissing(l)).toBeGreaterThanOrEqual(0);
    }));
  });

  it('children sum to their parent at every level', () => {
    fc.assert(fc.property(fc.array(fc.tuple(leafPath, counters), { maxLength: 60 }), (pairs) => {
      const leaves = pairs.map(([path, c]) => ({ path, ...c }));
      for (const parent of ['630106', '630106/630106101', '630106/630106101/630106101001']) {
        const { total, children } = rollUp(parent, leaves);
        const sum = children.reduce((acc, c) => addSums(acc, c.sums), emptySums());
        const leavesAtParent = leaves.filter((l) => l.path === parent);
        for (const l of leavesAtParent) addLeaf(sum, l);
        expect(sum).toEqual(total);
        const f = figuresOf(total);
        const childFigures = children.map((c) => figuresOf(c.sums));
        if (leavesAtParent.length === 0) {
          expect(childFigures.reduce((n, c) => n + c.expected, 0)).toBe(f.expected);
          expect(childFigures.reduce((n, c) => n + c.missing, 0)).toBe(f.missing);
          expect(childFigures.reduce((n, c) => n + c.tested, 0)).toBe(f.tested);
        }
      }
    }));
  });

  it('rate is tested over expected when no leaf is over-tested', () => {
    fc.assert(fc.property(fc.array(fc.record({ residents: fc.integer({ min: 0, max: 500 }), exempt: fc.integer({ min: 0, max: 50 }),
      share: fc.double({ min: 0, max: 1, noNaN: true }) }), { minLength: 1, maxLength: 20 }), (raw) => {
      const s = emptySums();
      for (const r of raw) {
        const exempt = Math.min(r.exempt, r.residents);
        addLeaf(s, leaf(r.residents, exempt, Math.floor((r.residents - exempt) * r.share)));
      }
      const f = figuresOf(s);
      if (f.expected > 0) expect(f.rate).toBeCloseTo(f.tested / f.expected, 12);
      expect(f.missing).toBe(f.expected - f.tested);
    }));
  });

  it('reconciliation drift is empty exactly when the counters agree', () => {
    fc.assert(fc.property(fc.dictionary(fc.stringMatching(/^[0-9]{3}$/), counters), fc.stringMatching(/^[0-9]{3}$/), (dict, key) => {
      const actual = new Map(Object.entries(dict));
      expect(counterDrift(new Map(actual), actual)).toEqual([]);
      const tampered = new Map(actual);
      const base = tampered.get(key) ?? { residents: 0, exempt: 0, tested: 0, unregistered: 0 };
      tampered.set(key, { ...base, tested: base.tested + 1 });
      expect(counterDrift(tampered, actual)).toEqual([{ regionCode: key, field: 'tested', stored: base.tested + 1, actual: base.tested }]);
    }));
  });
});
