/** The administrative tree: district → township → community (村/社区) → grid → building. */
export const REGION_LEVELS = ['district', 'township', 'community', 'grid', 'building'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

export const REGION_KINDS = [
  'district',
  'town',
  'township',
  'ethnic_township',
  'subdistrict',
  'industrial_park',
  'residents_committee',
  'village',
  'grid',
  'building',
] as const;
export type RegionKind = (typeof REGION_KINDS)[number];

/** Code length per level: each child code extends its parent's (统计用区划代码 + 3 digits for grids and buildings). */
export const REGION_CODE_LENGTH: Record<RegionLevel, number> = {
  district: 6,
  township: 9,
  community: 12,
  grid: 15,
  building: 18,
};

/** The materialized path of a code: its ancestors' codes joined by '/'. */
export function pathOfCode(code: string): string {
  const parts: string[] = [];
  for (const level of REGION_LEVELS) {
    const len = REGION_CODE_LENGTH[level];
    if (code.length < len) break;
    parts.push(code.slice(0, len));
  }
  return parts.join('/');
}

export const REGION_CODE_PATTERN = /^\d{6}(\d{3}){0,4}$/;
