import type { RegionDetail, RegionView } from '../../../shared/contracts/regions.js';
import type { RegionRow } from './tables.js';

export function toRegionView(row: RegionRow): RegionView {
  return {
    code: row.code,
    parentCode: row.parent_code,
    name: row.name,
    level: row.level,
    kind: row.kind,
    urban: row.urban === 1,
    threeNo:
      row.level === 'building'
        ? { noPropertyMgmt: row.no_property_mgmt === 1, noOwnerUnit: row.no_owner_unit === 1, noSelfGov: row.no_self_gov === 1 }
        : null,
    householdCount: row.household_count,
    residentCount: row.resident_count,
    hasChildren: row.level !== 'building',
  };
}

export function toRegionDetail(row: RegionRow, ancestors: RegionRow[]): RegionDetail {
  const byCode = new Map(ancestors.map((a) => [a.code, a]));
  const trail = row.path
    .split('/')
    .map((code) => byCode.get(code) ?? (code === row.code ? row : undefined))
    .filter((r): r is RegionRow => r !== undefined)
    .map((r) => ({ code: r.code, name: r.name }));
  return { ...toRegionView(row), trail };
}

/** The full name of a region as the field writes it: "多巴镇 / 金城社区 / 第3网格". */
export function displayName(trail: { name: string }[], skipDistrict = true): string {
  return (skipDistrict ? trail.slice(1) : trail).map((t) => t.name).join(' / ');
}
