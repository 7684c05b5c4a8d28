/**
 * Demo district generator: a synthetic but plausible 湟中区 (Huangzhong District, Xining, 630106) as of
 * August 2022 — administrative tree, households and residents — for seeding, demos and load tests.
 *
 * Pure and deterministic: no I/O, no clock, no Math.random. The same `{ size, seed, today }` always gives a
 * deep-equal result (one sfc32 stream, see rng.ts). The township table is huangzhong-townships.ts
 * (mirrors the shared CSV). All names, addresses, ID numbers and phone numbers are generated.
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
import { ageOn, type RecordedTag } from '../../shared/people.js';
import type { RegionKind, RegionLevel } from '../../shared/regions.js';
import { HUANGZHONG_TOWNSHIPS, type TownshipInfo } from './huangzhong-townships.js';
import {
  communityName,
  courtyardName,
  estateName,
  familyCompoundName,
  nameStyleFor,
  personName,
  surnameFor,
  villageName,
  type Ethnicity,
  type NameStyle,
} from './names.js';
import { Rng, Weighted } from './rng.js';

export type DemoSize = 'small' | 'full';

export interface DemoRegion {
  code: string;
  parentCode: string | null;
  level: RegionLevel;
  kind: RegionKind;
  name: string;
  urban: boolean;
  noPropertyMgmt: boolean;
  noOwnerUnit: boolean;
  noSelfGov: boolean;
}

export interface DemoHousehold {
  /** Building code (urban) or grid code (rural). */
  regionCode: string;
  address: string;
}

/** The recorded special-group tags ('living_alone' | 'chronic_disease' | 'dialysis' | 'chemo_radiotherapy' | 'pregnant' | 'newborn' | 'disabled'). */
export type PersonTag = RecordedTag;

export interface DemoResident {
  /** Index into `households`; residents of one household are contiguous, the head first. */
  householdIndex: number;
  name: string;
  idNumber: string;
  /** YYYY-MM-DD */
  birthDate: string;
  gender: 'M' | 'F';
  phone: string | null;
  tags: PersonTag[];
}

export interface DemoDistrict {
  /** Parents before children (depth-first pre-order). */
  regions: DemoRegion[];
  households: DemoHousehold[];
  residents: DemoResident[];
}

export interface DemoDistrictOptions {
  size: DemoSize;
  seed: number;
  /** Reference date, YYYY-MM-DD; default '2022-08-20'. Birth dates and the newborn tag are relative to it. */
  today?: string;
}

export const DEMO_DEFAULT_TODAY = '2022-08-20';
export const DISTRICT_CODE = '630106';
export const DISTRICT_NAME = '湟中区';
/** 2020 census (七普) figures for 湟中区. */
export const HUANGZHONG_CENSUS_2020 = { residents: 395_043, urban: 128_290, aged60PlusShare: 0.1382 } as const;

/** Grid size rules (households per grid). */
export const RURAL_GRID_HOUSEHOLDS = { min: 30, max: 50 } as const;
export const URBAN_GRID_HOUSEHOLDS = { min: 300, max: 500 } as const;
export const BUILDING_HOUSEHOLDS = { min: 20, max: 120 } as const;

/** Address codes in ID numbers: by the year the number was issued, and other Xining counties for in-movers. */
export const ID_ADDRESS_CODES = { before1999: '632124', from1999: '630122', from2019: '630106' } as const;
export const OTHER_XINING_CODES = ['630102', '630103', '630104', '630105', '630121', '630123'] as const;

// ====================================================================== ID numbers and dates

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** GB 11643-1999 check character (ISO 7064 MOD 11-2) for the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11];
}

const DAY_MS = 86_400_000;

function parseDay(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`today must be YYYY-MM-DD, got ${JSON.stringify(iso)}`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(ms).toISOString().slice(0, 10) !== iso) throw new Error(`today is not a real date: ${iso}`);
  return ms / DAY_MS;
}

// ====================================================================== population model

type Ethnic = Ethnicity;
const mix = (han: number, hui: number, tibetan: number, tu: number): Weighted<Ethnic> =>
  new Weighted<Ethnic>([
    ['han', han],
    ['hui', hui],
    ['tibetan', tibetan],
    ['tu', tu],
  ]);

const MIX_RURAL_DEFAULT = mix(0.7, 0.11, 0.08, 0.11);
const MIX_URBAN = mix(0.8, 0.1, 0.05, 0.05);
/** Township-specific ethnic mixes (ethnic townships, the 塔尔寺 area, the Tibetan/Hui west). */
const MIX_BY_TOWNSHIP: Record<string, Weighted<Ethnic>> = {
  '630106102': mix(0.64, 0.1, 0.15, 0.11), // 鲁沙尔镇
  '630106105': mix(0.7, 0.16, 0.07, 0.07), // 多巴镇
  '630106106': mix(0.58, 0.12, 0.14, 0.16), // 拦隆口镇
  '630106107': mix(0.45, 0.28, 0.22, 0.05), // 上五庄镇
  '630106200': mix(0.14, 0.04, 0.72, 0.1), // 群加藏族乡
  '630106201': mix(0.52, 0.08, 0.2, 0.2), // 土门关乡
  '630106202': mix(0.2, 0.75, 0.03, 0.02), // 汉东回族乡
  '630106203': mix(0.3, 0.62, 0.04, 0.04), // 大才回族乡
  '630106204': mix(0.8, 0.08, 0.04, 0.08), // 海子沟乡
};

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

/** Household-size distributions. */
const RURAL_SIZES = new Weighted<number>([
  [1, 0.14],
  [2, 0.24],
  [3, 0.21],
  [4, 0.19],
  [5, 0.11],
  [6, 0.07],
  [7, 0.03],
  [8, 0.01],
]);
const URBAN_SIZES = new Weighted<number>([
  [1, 0.18],
  [2, 0.29],
  [3, 0.29],
  [4, 0.14],
  [5, 0.07],
  [6, 0.03],
]);
const MAX_HOUSEHOLD_SIZE = 9;

interface Member {
  /** Age in years (fractional). */
  age: number;
  male: boolean;
  /** Carries a surname of their own (married-in spouse, or a parent of another line); else the family's. */
  own: boolean;
  /** Married woman/man living with the spouse (used for the pregnancy tag). */
  married: boolean;
}

/** Calibration knobs (share of 1- and 2-person households that are elderly); tuned to ≈ 13.8% aged 60+. */
const ELDER_ALONE = { rural: 0.36, urban: 0.31 };
const ELDER_COUPLE = { rural: 0.232, urban: 0.195 };

/**
 * Ages 60–99 of older people: Gompertz survival from 60 (hazard 0.8% at 60, ×e^0.09 a year) times
 * shrinking older cohorts. Couples need both alive (survival^1.5); people living alone skew older
 * (widowhood rises with age).
 */
function elderTable(weight: (age: number, survival: number) => number): Weighted<number> {
  const entries: [number, number][] = [];
  for (let a = 60; a < 100; a++) {
    const survival = Math.exp(-(0.008 / 0.09) * (Math.exp(0.09 * (a - 60)) - 1));
    entries.push([a, weight(a, survival) * Math.exp(-0.015 * (a - 60))]);
  }
  return new Weighted(entries);
}
const ELDER_AGES = {
  any: elderTable((_a, s) => s),
  couple: elderTable((_a, s) => Math.pow(s, 1.5)),
  alone: elderTable((a, s) => s * (0.3 + (a - 60) / 12)),
};

function elderAge(rng: Rng, table: keyof typeof ELDER_AGES, min = 60): number {
  for (;;) {
    const a = ELDER_AGES[table].sample(rng) + rng.next();
    if (a >= min) return a;
  }
}

function husbandAgeFor(rng: Rng, wifeAge: number): number {
  const a = wifeAge + 2 + rng.normal() * 2.2;
  return Math.max(Math.max(wifeAge - 3, 21), Math.min(a, wifeAge + 12));
}

/** Mother's age and children's ages for a family with k co-resident children (the oldest ≤ maxChildAge). */
function familyCore(rng: Rng, k: number, rural: boolean, maxChildAge = 30): { mother: number; kids: number[] } {
  if (k === 0) return { mother: rng.range(21, 46), kids: [] };
  const firstBirth = Math.min(rural ? 19.5 + rng.exponential(2.8) : 22 + rng.exponential(3.5), 36);
  const gaps: number[] = [];
  let span = 0;
  for (let i = 1; i < k; i++) {
    const g = Math.min(1.1 + rng.exponential(2.3), 8);
    gaps.push(g);
    span += g;
  }
  const room = Math.max(0, maxChildAge - span);
  const youngest = room * rng.next();
  const mother = firstBirth + span + youngest;
  const kids: number[] = [];
  let age = mother - firstBirth;
  kids.push(age);
  for (const g of gaps) {
    age -= g;
    kids.push(age);
  }
  return { mother, kids };
}

/** A co-resident child: sex ratio at birth ≈ 1.09; grown daughters mostly have married out, grown sons stay. */
const kid = (rng: Rng, age: number): Member => ({
  age: Math.max(0, age),
  male: rng.chance(age < 20 ? 0.522 : 0.6),
  own: false,
  married: false,
});

function couple(rng: Rng, wifeAge: number): Member[] {
  return [
    { age: husbandAgeFor(rng, wifeAge), male: true, own: false, married: true },
    { age: wifeAge, male: false, own: true, married: true },
  ];
}

/** The members of one household of size n, head first. */
function composeHousehold(rng: Rng, n: number, rural: boolean): Member[] {
  if (n === 1) {
    if (rng.chance(rural ? ELDER_ALONE.rural : ELDER_ALONE.urban)) {
      const male = rng.chance(0.42);
      return [{ age: elderAge(rng, 'alone'), male, own: !male, married: false }];
    }
    const male = rng.chance(0.66);
    const age = rng.chance(0.5) ? rng.range(19, 36) : rng.range(36, 60);
    return [{ age, male, own: false, married: false }];
  }
  if (n === 2) {
    const r = rng.next();
    const pElder = rural ? ELDER_COUPLE.rural : ELDER_COUPLE.urban;
    if (r < pElder) {
      const husband = elderAge(rng, 'couple');
      const wife = Math.max(55, husband - 2 + rng.normal() * 2.5);
      return [
        { age: husband, male: true, own: false, married: true },
        { age: wife, male: false, own: true, married: true },
      ];
    }
    let q = r - pElder;
    const pYoung = rural ? 0.12 : 0.16;
    if (q < pYoung) return couple(rng, rng.range(21, 33)); // young couple, no child yet
    q -= pYoung;
    if (q < 0.12) {
      const { mother, kids } = familyCore(rng, 1, rural);
      const female = rng.chance(0.7);
      const parent: Member = {
        age: female ? mother : husbandAgeFor(rng, mother),
        male: !female,
        own: female && rng.chance(0.75),
        married: false,
      };
      return [parent, kid(rng, kids[0])];
    }
    q -= 0.12;
    if (q < 0.1) {
      // an older parent with an unmarried adult child, or with a left-behind grandchild
      const elder: Member = { age: elderAge(rng, 'any', 62), male: rng.chance(0.45), own: false, married: false };
      elder.own = !elder.male;
      const other = rng.chance(0.5) ? kid(rng, Math.max(18, elder.age - rng.range(24, 36))) : kid(rng, rng.range(2, 16));
      return [elder, other];
    }
    return couple(rng, rng.range(43, 59)); // empty nest
  }
  // n >= 3
  const r = rng.next();
  const pSkip = rural ? 0.07 : 0.03;
  if (r < pSkip) {
    // grandparents raising grandchildren while the parents work elsewhere
    const grandfather = rng.range(52, 76);
    const members: Member[] = [
      { age: grandfather, male: true, own: false, married: true },
      { age: Math.max(48, grandfather - rng.range(0, 5)), male: false, own: true, married: true },
    ];
    for (let i = 2; i < n; i++) members.push(kid(rng, rng.range(0.3, 16)));
    return members;
  }
  const pThree = (n === 3 ? 0.12 : n === 4 ? 0.28 : n === 5 ? 0.55 : 0.8) * (rural ? 1 : 0.8);
  if (r < pSkip + pThree) {
    const elders = n === 3 ? 1 : n === 4 ? (rng.chance(0.5) ? 2 : 1) : rng.chance(0.75) ? 2 : 1;
    // stem family: the parents live with a younger married child and the grandchildren
    const { mother, kids } = familyCore(rng, n - 2 - elders, rural, 18);
    const [husband, wife] = couple(rng, mother);
    const members: Member[] = [husband, wife];
    const father = husband.age + rng.range(23, 33);
    if (elders === 2) {
      members.unshift(
        { age: father, male: true, own: false, married: true },
        { age: father - rng.range(0.5, 5), male: false, own: true, married: true },
      );
    } else if (rng.chance(0.7)) {
      members.unshift({ age: father + rng.range(-4, 8), male: false, own: true, married: false }); // widowed mother
    } else {
      members.unshift({ age: father, male: true, own: false, married: false });
    }
    for (const a of kids) members.push(kid(rng, a));
    return members;
  }
  if (r < pSkip + pThree + (n === 3 ? 0.07 : 0.03)) {
    const { mother, kids } = familyCore(rng, n - 1, rural);
    const female = rng.chance(0.7);
    const members: Member[] = [
      { age: female ? mother : husbandAgeFor(rng, mother), male: !female, own: female && rng.chance(0.75), married: false },
    ];
    for (const a of kids) members.push(kid(rng, a));
    return members;
  }
  const { mother, kids } = familyCore(rng, n - 2, rural);
  const members = couple(rng, mother);
  for (const a of kids) members.push(kid(rng, a));
  return members;
}

// ====================================================================== people

const PHONE_PREFIXES = [
  '130', '131', '132', '133', '134', '135', '136', '137', '138', '139', '147', '150', '151', '152', '153',
  '155', '156', '157', '158', '159', '166', '173', '175', '176', '177', '178', '180', '181', '182', '183',
  '184', '185', '186', '187', '188', '189', '191', '198', '199',
];

interface DateInfo {
  iso: string;
  compact: string;
  year: number;
}

class PeopleFactory {
  private readonly usedIds = new Set<string>();
  private readonly usedPhones = new Set<string>();
  private readonly dates: DateInfo[] = [];

  constructor(
    private readonly rng: Rng,
    private readonly todayDay: number,
  ) {}

  private dateForAgeDays(ageDays: number): DateInfo {
    let d = this.dates[ageDays];
    if (!d) {
      const iso = new Date((this.todayDay - ageDays) * DAY_MS).toISOString().slice(0, 10);
      d = { iso, compact: iso.replace(/-/g, ''), year: Number(iso.slice(0, 4)) };
      this.dates[ageDays] = d;
    }
    return d;
  }

  private idNumber(addressCode: string, compactDate: string, male: boolean): string {
    for (;;) {
      const seq = this.rng.int(500) * 2 + (male ? 1 : 0);
      const first17 = addressCode + compactDate + String(seq).padStart(3, '0');
      if (this.usedIds.has(first17)) continue;
      this.usedIds.add(first17);
      return first17 + idCheckChar(first17);
    }
  }

  private phone(): string {
    for (;;) {
      const p = this.rng.pick(PHONE_PREFIXES) + String(this.rng.int(100_000_000)).padStart(8, '0');
      if (this.usedPhones.has(p)) continue;
      this.usedPhones.add(p);
      return p;
    }
  }

  residents(members: Member[], householdIndex: number, style: NameStyle, out: DemoResident[]): void {
    const rng = this.rng;
    const familySurname = surnameFor(rng, style);
    const living_alone = members.length === 1;
    for (const m of members) {
      const ageDays = Math.min(Math.floor(m.age * 365.2425), 36_500);
      const age = ageDays / 365.2425;
      const date = this.dateForAgeDays(ageDays);
      const gender = m.male ? 'M' : 'F';
      const surname = m.own ? surnameFor(rng, style) : familySurname;
      const name = personName(rng, style, surname, gender, date.year);

      let addressCode: string;
      if (ageDays >= 365 && rng.chance(age >= 18 ? 0.034 : 0.015)) addressCode = rng.pick(OTHER_XINING_CODES);
      else if (date.year < 1999) addressCode = ID_ADDRESS_CODES.before1999;
      else if (date.year < 2019) addressCode = ID_ADDRESS_CODES.from1999;
      else addressCode = ID_ADDRESS_CODES.from2019;
      const idNumber = this.idNumber(addressCode, date.compact, m.male);

      const pPhone = age < 12 ? 0 : age < 14 ? 0.25 : age < 18 ? 0.8 : age < 70 ? 0.97 : age < 80 ? 0.72 : 0.38;
      const phone = pPhone > 0 && rng.chance(pPhone) ? this.phone() : null;

      const tags: PersonTag[] = [];
      if (living_alone && age >= 60) tags.push('living_alone');
      const pChronic = age < 18 ? 0.004 : age < 40 ? 0.02 : age < 60 ? 0.07 : age < 70 ? 0.21 : age < 80 ? 0.29 : 0.34;
      const dialysis = age >= 18 && rng.chance(age < 60 ? 0.0005 : 0.0013);
      if (dialysis || rng.chance(pChronic)) tags.push('chronic_disease');
      if (dialysis) tags.push('dialysis');
      if (rng.chance(age < 18 ? 0.0001 : age < 40 ? 0.0004 : age < 60 ? 0.0012 : 0.0034)) tags.push('chemo_radiotherapy');
      if (!m.male && age >= 20 && age < 41 && rng.chance(m.married ? 0.013 : 0.003)) tags.push('pregnant');
      if (ageDays < 28) tags.push('newborn');
      if (rng.chance(age < 18 ? 0.01 : age < 60 ? 0.034 : age < 80 ? 0.1 : 0.17)) tags.push('disabled');

      out.push({ householdIndex, name, idNumber, birthDate: date.iso, gender, phone, tags });
    }
  }
}

// ====================================================================== plan of communities

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

function planCommunities(rng: Rng, size: DemoSize): CommunityPlan[] {
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
function feasibleHouseholds(hh: number, min: number, max: number): number {
  if (hh <= min) return min;
  const g = Math.ceil(hh / max);
  if (g * min <= hh) return hh;
  const below = (g - 1) * max;
  const above = g * min;
  return hh - below <= above - hh ? below : above;
}

/** Split `total` into a grid count near total/typical, each part within [min, max]. */
function splitIntoGrids(rng: Rng, total: number, min: number, max: number, typical: number): number[] {
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

/** Draw household sizes for `count` households summing exactly to `residents`. */
function householdSizes(rng: Rng, count: number, residents: number, urban: boolean): number[] {
  if (residents < count || residents > count * MAX_HOUSEHOLD_SIZE) {
    throw new Error(`cannot seat ${residents} residents in ${count} households`);
  }
  const dist = urban ? URBAN_SIZES : RURAL_SIZES;
  const sizes = Array.from({ length: count }, () => dist.sample(rng));
  let diff = residents - sizes.reduce((a, b) => a + b, 0);
  while (diff !== 0) {
    const i = rng.int(count);
    if (diff > 0 && sizes[i] < MAX_HOUSEHOLD_SIZE) {
      sizes[i]++;
      diff--;
    } else if (diff < 0 && sizes[i] > 1) {
      sizes[i]--;
      diff++;
    }
  }
  return sizes;
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
function planBuildings(rng: Rng, total: number, withCompound: boolean): BuildingPlan[] {
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
function chooseSlots(rng: Rng, n: number, total: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < total && out.length < n; i++) {
    if (rng.next() * (total - i) < n - out.length) out.push(i);
  }
  return out;
}

/** Flat addresses in a stairwell block: "2单元301室" (or with a building prefix). */
function flatAddresses(rng: Rng, n: number, floors: number, perFloor: number, units: number, buildings = 1): string[] {
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

function estateFlatAddresses(rng: Rng, n: number, highRise: boolean): string[] {
  let floors = highRise ? rng.pick([11, 18, 18, 26, 33]) : rng.pick([5, 6, 6, 7]);
  const perFloor = highRise ? rng.pick([2, 2, 3, 4]) : 2;
  let units = Math.max(1, Math.ceil(n / (floors * perFloor * 0.92)));
  while (units > 6) {
    floors += 3;
    units = Math.ceil(n / (floors * perFloor * 0.92));
  }
  return flatAddresses(rng, n, floors, perFloor, units);
}

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
