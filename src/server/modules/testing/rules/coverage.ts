/**
 * 应检尽检 arithmetic (DOMAIN.md §2.5), pure: figures of a region from the counters of the leaf
 * regions (grids and buildings) under it.
 *
 *   expected = residents − exempt
 *   missing  = Σ over leaves of max(0, expected_leaf − tested_leaf)
 *   rate     = (expected − missing) / expected, 1 when nothing is expected
 *
 * Missing is summed leaf by leaf, so a grid where more people were tested than expected (an exempt
 * person tested anyway, someone who moved in) does not hide the people missing in the next grid, and
 * the children of a region always add up to it. `rate` equals tested / expected whenever no leaf is
 * over-tested, and stays in [0, 1] when one is.
 */

/** The counters kept per leaf region and round (testing_coverage). */
export interface LeafCounters {
  residents: number;
  exempt: number;
  tested: number;
  unregistered: number;
}

/** The additive part of a region's figures: sums over its leaves. */
export interface CoverageSums extends LeafCounters {
  missing: number;
  leaves: number;
}

export interface CoverageFigures {
  residents: number;
  exempt: number;
  expected: number;
  tested: number;
  missing: number;
  /** Covered share of the expected, in [0, 1]. */
  rate: number;
  unregistered: number;
}

const nonNegative = (n: number) => (Number.isFinite(n) && n > 0 ? Math.floor(n) : 0);

/** The people still to test in one leaf; a counter gone negative (never should) counts as zero. */
export function leafMissing(c: LeafCounters): number {
  return Math.max(0, nonNegative(c.residents) - nonNegative(c.exempt) - nonNegative(c.tested));
}

export function emptySums(): CoverageSums {
  return { residents: 0, exempt: 0, tested: 0, unregistered: 0, missing: 0, leaves: 0 };
}

/**
 * Adds one leaf's counters into sums (mutates and returns `into`). A leaf never has more exempt than
 * residents (a counter that says so is drift for reconciliation to fix), so expected stays additive.
 */
export function addLeaf(into: CoverageSums, c: LeafCounters): CoverageSums {
  const residents = nonNegative(c.residents);
  into.residents += residents;
  into.exempt += Math.min(residents, nonNegative(c.exempt));
  into.tested += nonNegative(c.tested);
  into.unregistered += nonNegative(c.unregistered);
  into.missing += leafMissing(c);
  into.leaves += 1;
  return into;
}

export function addSums(into: CoverageSums, s: CoverageSums): CoverageSums {
  into.residents += s.residents;
  into.exempt += s.exempt;
  into.tested += s.tested;
  into.unregistered += s.unregistered;
  into.missing += s.missing;
  into.leaves += s.leaves;
  return into;
}

export function figuresOf(s: CoverageSums): CoverageFigures {
  const expected = Math.max(0, s.residents - s.exempt);
  const missing = Math.min(expected, s.missing);
  const rate = expected === 0 ? 1 : (expected - missing) / expected;
  return { residents: s.residents, exempt: s.exempt, expected, tested: s.tested, missing, rate, unregistered: s.unregistered };
}

/**
 * The path of the child of `parentPath` that a leaf path lies under (region codes grow by 3 digits a
 * level, 6 at the district), or undefined when the leaf is not strictly under the parent.
 */
export function childPathOf(parentPath: string, leafPath: string): string | undefined {
  if (!leafPath.startsWith(`${parentPath}/`)) return undefined;
  const end = leafPath.indexOf('/', parentPath.length + 1);
  return end === -1 ? leafPath : leafPath.slice(0, end);
}

/**
 * Sums leaves per child of `parentPath`; leaves outside the parent are ignored. Returns the parent's
 * own sums and each child's, children in path order.
 */
export function rollUp(
  parentPath: string,
  leaves: (LeafCounters & { path: string })[],
): { total: CoverageSums; children: { path: string; sums: CoverageSums }[] } {
  const total = emptySums();
  const byChild = new Map<string, CoverageSums>();
  for (const leaf of leaves) {
    if (leaf.path === parentPath) {
      addLeaf(total, leaf);
      continue;
    }
    const child = childPathOf(parentPath, leaf.path);
    if (!child) continue;
    addLeaf(total, leaf);
    let sums = byChild.get(child);
    if (!sums) byChild.set(child, (sums = emptySums()));
    addLeaf(sums, leaf);
  }
  const children = [...byChild.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([path, sums]) => ({ path, sums }));
  return { total, children };
}

/** One counter's change, as reconciliation reports it. */
export interface CounterDrift {
  regionCode: string;
  field: 'residents' | 'exempt' | 'tested' | 'unregistered';
  stored: number;
  actual: number;
}

/**
 * Compares the stored counters of every leaf with the recount from source rows. A leaf missing on
 * either side counts as zeros there; the drifts come sorted by region code then field.
 */
export function counterDrift(
  stored: Map<string, LeafCounters>,
  actual: Map<string, LeafCounters>,
): CounterDrift[] {
  const zero: LeafCounters = { residents: 0, exempt: 0, tested: 0, unregistered: 0 };
  const codes = [...new Set([...stored.keys(), ...actual.keys()])].sort();
  const out: CounterDrift[] = [];
  for (const code of codes) {
    const s = stored.get(code) ?? zero;
    const a = actual.get(code) ?? zero;
    for (const field of ['residents', 'exempt', 'tested', 'unregistered'] as const) {
      if (s[field] !== a[field]) out.push({ regionCode: code, field, stored: s[field], actual: a[field] });
    }
  }
  return out;
}

/** The title of the door-knocking task handed to a grid (its region names the grid). */
export function missingTaskTitle(missing: number): string {
  return `应检尽检：${missing}人未检`;
}
