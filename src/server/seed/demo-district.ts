/**
 * Demo district generator: a synthetic but plausible 湟中区 (Huangzhong District, Xining, 630106) as of
 * August 2022 — administrative tree, households and residents — for seeding, demos and load tests.
 *
 * Pure and deterministic: no I/O, no clock, no Math.random. The same `{ size, seed, today }` always gives a
 * deep-equal result (one sfc32 stream, see rng.ts). The township table is huangzhong-townships.ts
 * (mirrors the shared CSV). All names, addresses, ID numbers and phone numbers are generated.
 * This file walks the tree; the parts are model.ts (public types and constants, re-exported here),
 * population.ts (household composition, ethnic mix), plan.ts (communities, grids, buildings, flat
 * addresses), residents.ts (names, ID numbers, phones, tags) and summary.ts.
 *
 * Tree and codes (each child code extends its parent's, see src/shared/regions.ts):
 *   630106 district → 17 township-level units (real NBS codes and kinds)
 *   → communities: township + 001–199 居委会 (residents_committee, urban) / 200–399 村委会 (village, rural)
 *   → grids: community + 001… ("第3网格"); rural micro-grids hold 30–50 households, urban grids 300–500
 *   → buildings: grid + 001…, urban grids only; 20–120 households each: 小区 buildings (幸福小区3号楼),
 *     old work-unit 家属院 (usually all three 三无 flags; every residents' committee has at least one) and
 *     self-built 大杂院 (塔尔寺路17号院); about 8% of buildings carry at least one 三无 flag.
 * Rural households hang on their grid (address 李家村3社12号, 社 = grid number); urban households hang on
 * their building (幸福小区3号楼2单元301室). `urban` is true for residents' committees and everything below
 * them, for the subdistrict and the industrial park; false for the district, towns, townships, villages.
 *
 * Full size: the 17 townships with their CSV counts (18 residents' committees + 380 villages), exactly
 * 395,043 residents (2020 census) of whom exactly 128,290 urban, ~80% of them in 鲁沙尔镇, 多巴镇 and
 * 康川街道; ≈ 129k households (rural ≈ 3.27 persons, urban ≈ 2.72). Small size: every township with one village
 * and/or one urban community (鲁沙尔镇 and 多巴镇 get both), ≈ 5,000 residents, same rules.
 *
 * People: households are composed (elderly living alone, couples, nuclear, three-generation and
 * skipped-generation families) so ages within a household are coherent; the mixture is calibrated to
 * ≈ 13.8% aged 60+ (13.7–14.0% across seeds), ≈ 1.6% aged 80+, ≈ 20% aged 0–14, sex ratio ≈ 1.03. Names follow the household's ethnicity (Han, Hui,
 * Tibetan, Tu; Tibetan-style names have no surname). ID numbers are valid GB 11643-1999 and unique; the
 * address code follows the year the number was issued (at birth): before 1999 632124, 1999–2018 630122,
 * 2019 on 630106; ≈ 3% of in-movers carry another Xining county code. Phones are unique 1[3-9]xxxxxxxxx
 * for 97% of adults under 70 and most teenagers, fewer of the elderly, none under 12. Tags: living_alone (60+ alone),
 * chronic_disease, dialysis, chemo_radiotherapy, pregnant, newborn (born in the 28 days up to and
 * including `today`), disabled. Ages 60+/80+ are not tags: derive them from birthDate.
 *
 * API: `generateDemoDistrict({ size, seed, today? })` returns plain arrays (about 400k resident objects at
 * full size, ~150 MB of heap; generation takes about 1–1.5 s). `summarizeDemoDistrict` computes the
 * headline figures.
 */
import type { RegionKind, RegionLevel } from '../../shared/regions.js';
import { HUANGZHONG_TOWNSHIPS } from './huangzhong-townships.js';
import {
  DEMO_DEFAULT_TODAY,
  DISTRICT_CODE,
  DISTRICT_NAME,
  RURAL_GRID_HOUSEHOLDS,
  URBAN_GRID_HOUSEHOLDS,
  type DemoDistrict,
  type DemoDistrictOptions,
  type DemoHousehold,
  type DemoRegion,
  type DemoResident,
} from './model.js';
import {
  communityName,
  courtyardName,
  estateName,
  familyCompoundName,
  nameStyleFor,
  villageName,
  type NameStyle,
} from './names.js';
import {
  chooseSlots,
  estateFlatAddresses,
  feasibleHouseholds,
  flatAddresses,
  planBuildings,
  planCommunities,
  splitIntoGrids,
} from './plan.js';
import {
  MIX_BY_TOWNSHIP,
  MIX_RURAL_DEFAULT,
  MIX_URBAN,
  RURAL_SIZES,
  URBAN_SIZES,
  composeHousehold,
  householdSizes,
} from './population.js';
import { PeopleFactory, parseDay } from './residents.js';
import { Rng } from './rng.js';

export * from './model.js';
export { summarizeDemoDistrict, type DemoDistrictSummary } from './summary.js';
export { idCheckChar } from '../../shared/validators/index.js';

// ====================================================================== generator

const stemOf = (townshipName: string): string => townshipName.replace(/(藏族乡|回族乡|街道|镇|乡)$/, '');

export function generateDemoDistrict(opts: DemoDistrictOptions): DemoDistrict {
  const { size, seed } = opts;
  if (size !== 'small' && size !== 'full') throw new Error(`unknown demo size ${String(size)}`);
  const todayDay = parseDay(opts.today ?? DEMO_DEFAULT_TODAY);
  const rng = new Rng(seed);
  const people = new PeopleFactory(rng, todayDay);

  const regions: DemoRegion[] = [];
  const households: DemoHousehold[] = [];
  const residents: DemoResident[] = [];
  const region = (
    code: string,
    parentCode: string | null,
    level: RegionLevel,
    kind: RegionKind,
    name: string,
    urban: boolean,
    flags: [boolean, boolean, boolean] = [false, false, false],
  ): void => {
    regions.push({ code, parentCode, level, kind, name, urban, noPropertyMgmt: flags[0], noOwnerUnit: flags[1], noSelfGov: flags[2] });
  };

  const addHousehold = (regionCode: string, address: string, rural: boolean, size: number, style: NameStyle): void => {
    const index = households.length;
    households.push({ regionCode, address });
    people.residents(composeHousehold(rng, size, rural), index, style, residents);
  };

  region(DISTRICT_CODE, null, 'district', 'district', DISTRICT_NAME, false);
  const plans = planCommunities(rng, size);
  const communityNames = new Set<string>();
  for (const t of HUANGZHONG_TOWNSHIPS) {
    const townshipUrban = t.kind === 'subdistrict' || t.kind === 'industrial_park';
    region(t.code, DISTRICT_CODE, 'township', t.kind, t.name, townshipUrban);
    const townshipMix = MIX_BY_TOWNSHIP[t.code] ?? MIX_RURAL_DEFAULT;
    const villageNames = new Set<string>();
    const mine = plans.filter((p) => p.township === t);
    const singleCommittee = mine.filter((p) => p.urban).length === 1 && t.communities === 1;

    for (const plan of mine) {
      const gridRule = plan.urban ? URBAN_GRID_HOUSEHOLDS : RURAL_GRID_HOUSEHOLDS;
      const dist = plan.urban ? URBAN_SIZES : RURAL_SIZES;
      const hhCount = feasibleHouseholds(Math.round(plan.residents / dist.mean()), gridRule.min, gridRule.max);
      const sizes = householdSizes(rng, hhCount, plan.residents, plan.urban);
      const grids = splitIntoGrids(rng, hhCount, gridRule.min, gridRule.max, plan.urban ? 400 : 40);
      let next = 0; // index into sizes

      if (!plan.urban) {
        const dominant = townshipMix.sample(rng);
        const name = villageName(rng, dominant, villageNames);
        region(plan.code, t.code, 'community', 'village', name, false);
        grids.forEach((count, g) => {
          const gridCode = plan.code + String(g + 1).padStart(3, '0');
          region(gridCode, plan.code, 'grid', 'grid', `第${g + 1}网格`, false);
          let houseNo = 0;
          for (let h = 0; h < count; h++) {
            houseNo += rng.chance(0.06) ? rng.intBetween(2, 3) : 1;
            const ethnicity = rng.chance(0.85) ? dominant : townshipMix.sample(rng);
            addHousehold(gridCode, `${name}${g + 1}社${houseNo}号`, true, sizes[next++], nameStyleFor(rng, ethnicity));
          }
        });
        continue;
      }

      const name =
        t.kind === 'industrial_park'
          ? communityName(rng, communityNames, `${t.name}区`)
          : communityName(rng, communityNames, singleCommittee ? stemOf(t.name) : undefined);
      region(plan.code, t.code, 'community', 'residents_committee', name, true);
      const estateNames = new Set<string>();
      grids.forEach((count, g) => {
        const gridCode = plan.code + String(g + 1).padStart(3, '0');
        region(gridCode, plan.code, 'grid', 'grid', `第${g + 1}网格`, true);
        let estate: { name: string; highRise: boolean; left: number; nextNo: number } | null = null;
        planBuildings(rng, count, g === 0).forEach((b, i) => {
          const code = gridCode + String(i + 1).padStart(3, '0');
          let buildingName: string;
          let addresses: string[];
          let flags: [boolean, boolean, boolean] = [false, false, false];
          if (b.type === 'family_compound') {
            buildingName = familyCompoundName(rng, estateNames);
            const floors = rng.intBetween(4, 6);
            addresses = flatAddresses(rng, b.households, floors, 2, 2, Math.ceil(b.households / (floors * 4 * 0.9)));
            flags = rng.chance(0.8) ? [true, true, true] : [true, false, true];
          } else if (b.type === 'courtyard') {
            buildingName = courtyardName(rng, estateNames);
            addresses = chooseSlots(rng, b.households, b.households + rng.int(8)).map((s) => `${s + 1}号`);
            if (rng.chance(0.6)) flags = [true, true, rng.chance(0.5)];
          } else {
            if (!estate || estate.left <= 0) {
              estate = { name: estateName(rng, estateNames), highRise: rng.chance(0.55), left: rng.intBetween(2, 8), nextNo: 1 };
            }
            buildingName = `${estate.name}${estate.nextNo}号楼`;
            addresses = estateFlatAddresses(rng, b.households, estate.highRise && b.households > 24);
            estate.nextNo++;
            estate.left--;
            if (rng.chance(0.01)) flags = [true, false, rng.chance(0.5)];
          }
          region(code, gridCode, 'building', 'building', buildingName, true, flags);
          if (addresses.length !== b.households) throw new Error(`internal: ${buildingName} has ${addresses.length} flats for ${b.households} households`);
          for (const a of addresses) {
            const ethnicity = MIX_URBAN.sample(rng);
            addHousehold(code, buildingName + a, false, sizes[next++], nameStyleFor(rng, ethnicity));
          }
        });
      });
    }
  }
  return { regions, households, residents };
}
