import type { RegionKind, RegionLevel } from '../../../shared/regions.js';

export interface RegionRow {
  code: string;
  parent_code: string | null;
  level: RegionLevel;
  kind: RegionKind;
  name: string;
  /** Materialized path of codes from the district down, e.g. `630106/630106105/630106105201`. */
  path: string;
  depth: number;
  urban: number;
  /** The three 三无 flags of a building/compound. */
  no_property_mgmt: number;
  no_owner_unit: number;
  no_self_gov: number;
  household_count: number;
  resident_count: number;
  created_at: string;
}

export interface RegionsTables {
  regions: RegionRow;
}
