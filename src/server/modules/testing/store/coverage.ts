import { sql } from 'kysely';
import type { DbOrTx } from '../../../platform/db/index.js';
import { nowIso } from '../../../platform/ids.js';

export interface CoverageSeed {
  regionCode: string;
  regionPath: string;
  residents: number;
}

/** One counter row per leaf region of a round's scope, written when the round is created. */
export async function initCoverage(db: DbOrTx, roundId: string, leaves: CoverageSeed[]): Promise<void> {
  const at = nowIso();
  for (let i = 0; i < leaves.length; i += 1000) {
    await db.insertInto('testing_coverage').values(leaves.slice(i, i + 1000).map((l) => ({
      round_id: roundId, region_code: l.regionCode, region_path: l.regionPath, residents: l.residents, exempt: 0,
      tested: 0, unregistered: 0, updated_at: at,
    }))).execute();
  }
}

export interface CoverageDelta {
  regionCode: string;
  /** Needed when the region has no counter row yet (an unregistered person sampled at a site's region). */
  regionPath: string;
  residents?: number;
  exempt?: number;
  tested?: number;
  unregistered?: number;
}

/**
 * Adds to a round's counters as scans, exemptions and registrations arrive, so that coverage is read
 * from a few hundred rows instead of grouping the samples on every request.
 */
export async function bumpCoverage(db: DbOrTx, roundId: string, deltas: CoverageDelta[]): Promise<void> {
  const at = nowIso();
  const merged = new Map<string, Required<CoverageDelta>>();
  for (const d of deltas) {
    const m = merged.get(d.regionCode) ?? { regionCode: d.regionCode, regionPath: d.regionPath, residents: 0, exempt: 0,
      tested: 0, unregistered: 0 };
    m.residents += d.residents ?? 0;
    m.exempt += d.exempt ?? 0;
    m.tested += d.tested ?? 0;
    m.unregistered += d.unregistered ?? 0;
    merged.set(d.regionCode, m);
  }
  // One statement for the group: the counters add what this group brings (excluded.*).
  // In region order, so that groups written side by side lock the counters in one order.
  const rows = [...merged.values()].sort((a, b) => (a.regionCode < b.regionCode ? -1 : 1)).map((d) => ({ round_id: roundId, region_code: d.regionCode, region_path: d.regionPath,
    residents: d.residents, exempt: d.exempt, tested: d.tested, unregistered: d.unregistered, updated_at: at }));
  for (let i = 0; i < rows.length; i += 500) {
    await db.insertInto('testing_coverage').values(rows.slice(i, i + 500))
      .onConflict((oc) => oc.columns(['round_id', 'region_code']).doUpdateSet({
        residents: sql`testing_coverage.residents + excluded.residents`,
        exempt: sql`testing_coverage.exempt + excluded.exempt`,
        tested: sql`testing_coverage.tested + excluded.tested`,
        unregistered: sql`testing_coverage.unregistered + excluded.unregistered`,
        updated_at: at,
      }))
      .execute();
  }
}
