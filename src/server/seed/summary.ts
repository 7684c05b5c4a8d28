import { ageOn } from '../../shared/people.js';
import type { RegionLevel } from '../../shared/regions.js';
import { DEMO_DEFAULT_TODAY, type DemoDistrict, type PersonTag } from './model.js';

// ====================================================================== summary

export interface DemoDistrictSummary {
  regions: Record<RegionLevel, number>;
  villages: number;
  residentsCommittees: number;
  households: number;
  residents: number;
  urbanResidents: number;
  aged60Plus: number;
  aged80Plus: number;
  aged0To14: number;
  share60Plus: number;
  share80Plus: number;
  sexRatio: number;
  meanHouseholdSize: { rural: number; urban: number };
  threeNoBuildings: number;
  tags: Record<PersonTag, number>;
  withPhone: number;
}

export function summarizeDemoDistrict(d: DemoDistrict, today = DEMO_DEFAULT_TODAY): DemoDistrictSummary {
  const levels: Record<RegionLevel, number> = { district: 0, township: 0, community: 0, grid: 0, building: 0 };
  const urbanRegion = new Set<string>();
  let villages = 0;
  let committees = 0;
  let threeNo = 0;
  for (const r of d.regions) {
    levels[r.level]++;
    if (r.kind === 'village') villages++;
    if (r.kind === 'residents_committee') committees++;
    if (r.level === 'building' && (r.noPropertyMgmt || r.noOwnerUnit || r.noSelfGov)) threeNo++;
    if (r.urban && (r.level === 'grid' || r.level === 'building')) urbanRegion.add(r.code);
  }
  const urbanHousehold = d.households.map((h) => urbanRegion.has(h.regionCode));
  const tags: Record<PersonTag, number> = {
    living_alone: 0,
    chronic_disease: 0,
    dialysis: 0,
    chemo_radiotherapy: 0,
    pregnant: 0,
    newborn: 0,
    disabled: 0,
  };
  let urbanResidents = 0;
  let a60 = 0;
  let a80 = 0;
  let a014 = 0;
  let males = 0;
  let phones = 0;
  for (const p of d.residents) {
    if (urbanHousehold[p.householdIndex]) urbanResidents++;
    const age = ageOn(p.birthDate, today);
    if (age >= 60) a60++;
    if (age >= 80) a80++;
    if (age <= 14) a014++;
    if (p.gender === 'M') males++;
    if (p.phone) phones++;
    for (const t of p.tags) tags[t]++;
  }
  const urbanHouseholds = urbanHousehold.filter(Boolean).length;
  const n = d.residents.length;
  return {
    regions: levels,
    villages,
    residentsCommittees: committees,
    households: d.households.length,
    residents: n,
    urbanResidents,
    aged60Plus: a60,
    aged80Plus: a80,
    aged0To14: a014,
    share60Plus: a60 / n,
    share80Plus: a80 / n,
    sexRatio: males / (n - males),
    meanHouseholdSize: {
      rural: (n - urbanResidents) / (d.households.length - urbanHouseholds),
      urban: urbanResidents / urbanHouseholds,
    },
    threeNoBuildings: threeNo,
    tags,
    withPhone: phones,
  };
}
