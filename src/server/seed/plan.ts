import { HUANGZHONG_TOWNSHIPS, type TownshipInfo } from './huangzhong-townships.js';
import { BUILDING_HOUSEHOLDS, HUANGZHONG_CENSUS_2020, type DemoSize } from './model.js';
import type { Rng } from './rng.js';

// ====================================================================== plan of communities

/** Relative village size by township (town seats and the plain are denser than the mountain townships). */
const VILLAGE_SIZE_FACTOR: Record<string, number> = {
  '630106100': 0.95,
  '630106101': 0.9,
  '630106102': 1.3,
  '630106103': 1.1,
  '630106104': 1.05,
  '630106105': 1.3,
  '630106106': 1.0,
  '630106107': 0.9,
  '630106108': 0.95,
  '630106109': 1.15,
  '630106200': 0.6,
  '630106201': 0.8,
  '630106202': 1.1,
  '630106203': 0.9,
  '630106204': 0.8,
};

/** Urban residents per township at full size; the other towns share the rest of the census urban total. */
const URBAN_RESIDENTS_BY_TOWNSHIP: Record<string, number> = {
  '630106102': 47_000, // 鲁沙尔镇, district seat
  '630106105': 26_000, // 多巴镇
  '630106401': 27_500, // 康川街道
  '630106400': 3_300, // 甘河工业园 (one virtual community)
};

interface CommunityPlan {
  township: TownshipInfo;
  code: string;
  kind: 'residents_committee' | 'village';
  urban: boolean;
  residents: number;
}

/** Largest-remainder rounding of non-negative weights to integers summing to total. */
function apportion(weights: number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / sum) * total);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let j = 0; left > 0; j = (j + 1) % order.length, left--) out[order[j][1]]++;
  return out;
}

const communityCode = (township: string, i: number): string => township + String(i).padStart(3, '0');

export function planCommunities(rng: Rng, size: DemoSize): CommunityPlan[] {
  const plans: CommunityPlan[] = [];
  if (size === 'small') {
    for (const t of HUANGZHONG_TOWNSHIPS) {
      const urbanToo = t.villages === 0 || t.code === '630106102' || t.code === '630106105';
      if (t.communities > 0 && urbanToo) {
        plans.push({ township: t, code: communityCode(t.code, 1), kind: 'residents_committee', urban: true, residents: rng.intBetween(810, 850) });
      }
      if (t.villages > 0) {
        plans.push({ township: t, code: communityCode(t.code, 200), kind: 'village', urban: false, residents: rng.intBetween(100, 130) });
      }
    }
    return plans;
  }

  const urban: CommunityPlan[] = [];
  const urbanWeights: number[] = [];
  const fixed = Object.values(URBAN_RESIDENTS_BY_TOWNSHIP).reduce((a, b) => a + b, 0);
  const otherTowns = HUANGZHONG_TOWNSHIPS.filter((t) => t.communities > 0 && !(t.code in URBAN_RESIDENTS_BY_TOWNSHIP));
  const perOtherTown = (HUANGZHONG_CENSUS_2020.urban - fixed) / otherTowns.reduce((a, t) => a + t.communities, 0);
  const rural: CommunityPlan[] = [];
  const ruralWeights: number[] = [];
  for (const t of HUANGZHONG_TOWNSHIPS) {
    const townshipUrban = URBAN_RESIDENTS_BY_TOWNSHIP[t.code] ?? perOtherTown * t.communities;
    const jitter = Array.from({ length: t.communities }, () => rng.range(0.75, 1.25));
    const jitterSum = jitter.reduce((a, b) => a + b, 0);
    for (let i = 0; i < t.communities; i++) {
      const plan: CommunityPlan = { township: t, code: communityCode(t.code, 1 + i), kind: 'residents_committee', urban: true, residents: 0 };
      urban.push(plan);
      urbanWeights.push((townshipUrban * jitter[i]) / jitterSum);
    }
    for (let i = 0; i < t.villages; i++) {
      const plan: CommunityPlan = { township: t, code: communityCode(t.code, 200 + i), kind: 'village', urban: false, residents: 0 };
      rural.push(plan);
      ruralWeights.push((VILLAGE_SIZE_FACTOR[t.code] ?? 1) * Math.max(0.45, Math.exp(0.35 * rng.normal())));
    }
  }
  apportion(urbanWeights, HUANGZHONG_CENSUS_2020.urban).forEach((n, i) => (urban[i].residents = n));
  apportion(ruralWeights, HUANGZHONG_CENSUS_2020.residents - HUANGZHONG_CENSUS_2020.urban).forEach(
    (n, i) => (rural[i].residents = n),
  );
  // keep the township order of the CSV, residents' committees before villages
  for (const t of HUANGZHONG_TOWNSHIPS) {
    for (const p of urban) if (p.township === t) plans.push(p);
    for (const p of rural) if (p.township === t) plans.push(p);
  }
  return plans;
}

// ====================================================================== grids and buildings

/** The nearest household count that can be split into grids of [min, max] households. */
export function feasibleHouseholds(hh: number, min: number, max: number): number {
  if (hh <= min) return min;
  const g = Math.ceil(hh / max);
  if (g * min <= hh) return hh;
  const below = (g - 1) * max;
  const above = g * min;
  return hh - below <= above - hh ? below : above;
}

/** Split `total` into a grid count near total/typical, each part within [min, max]. */
export function splitIntoGrids(rng: Rng, total: number, min: number, max: number, typical: number): number[] {
  const gMin = Math.ceil(total / max);
  const gMax = Math.floor(total / min);
  const g = Math.min(gMax, Math.max(gMin, Math.round(total / typical)));
  const parts = new Array<number>(g).fill(min);
  const weights = parts.map(() => rng.range(0.4, 1.6));
  for (let left = total - g * min; left > 0; left--) {
    let sum = 0;
    for (let i = 0; i < g; i++) if (parts[i] < max) sum += weights[i];
    let r = rng.next() * sum;
    let pick = -1;
    for (let i = 0; i < g; i++) {
      if (parts[i] >= max) continue;
      pick = i;
      r -= weights[i];
      if (r < 0) break;
    }
    parts[pick]++;
  }
  return parts;
}

type BuildingType = 'estate' | 'family_compound' | 'courtyard';

interface BuildingPlan {
  type: BuildingType;
  households: number;
}

/**
 * Split an urban grid's households into buildings of [20, 120] households. `withCompound` makes the first
 * one an old work-unit family compound (every residents' committee has at least one).
 */
export function planBuildings(rng: Rng, total: number, withCompound: boolean): BuildingPlan[] {
  const { min, max } = BUILDING_HOUSEHOLDS;
  const out: BuildingPlan[] = [];
  let left = total;
  while (left > 0) {
    const r = rng.next();
    let type: BuildingType =
      withCompound && out.length === 0 ? 'family_compound' : r < 0.03 ? 'family_compound' : r < 0.06 ? 'courtyard' : 'estate';
    let n: number;
    if (left <= max) {
      n = left;
      if (type === 'courtyard' && n > 45) type = 'estate';
      if (type === 'family_compound' && n > 80) type = 'estate';
    } else {
      n =
        type === 'courtyard'
          ? rng.intBetween(20, 45)
          : type === 'family_compound'
            ? rng.intBetween(20, 80)
            : rng.chance(0.45)
              ? rng.intBetween(24, 72)
              : rng.intBetween(40, 120);
      n = Math.max(min, Math.min(n, left - min));
    }
    out.push({ type, households: n });
    left -= n;
  }
  return out;
}

/** Choose `n` of `total` slots in increasing order (selection sampling). */
export function chooseSlots(rng: Rng, n: number, total: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < total && out.length < n; i++) {
    if (rng.next() * (total - i) < n - out.length) out.push(i);
  }
  return out;
}

/** Flat addresses in a stairwell block: "2单元301室" (or with a building prefix). */
export function flatAddresses(rng: Rng, n: number, floors: number, perFloor: number, units: number, buildings = 1): string[] {
  const perUnit = floors * perFloor;
  const perBuilding = perUnit * units;
  return chooseSlots(rng, n, perBuilding * buildings).map((slot) => {
    const b = Math.floor(slot / perBuilding);
    const inB = slot % perBuilding;
    const unit = Math.floor(inB / perUnit) + 1;
    const inU = inB % perUnit;
    const floor = Math.floor(inU / perFloor) + 1;
    const room = (inU % perFloor) + 1;
    return `${buildings > 1 ? `${b + 1}号楼` : ''}${unit}单元${floor}${String(room).padStart(2, '0')}室`;
  });
}

export function estateFlatAddresses(rng: Rng, n: number, highRise: boolean): string[] {
  let floors = highRise ? rng.pick([11, 18, 18, 26, 33]) : rng.pick([5, 6, 6, 7]);
  const perFloor = highRise ? rng.pick([2, 2, 3, 4]) : 2;
  let units = Math.max(1, Math.ceil(n / (floors * perFloor * 0.92)));
  while (units > 6) {
    floors += 3;
    units = Math.ceil(n / (floors * perFloor * 0.92));
  }
  return flatAddresses(rng, n, floors, perFloor, units);
}
