import type { Ethnicity } from './names.js';
import { Rng, Weighted } from './rng.js';

// ====================================================================== population model

type Ethnic = Ethnicity;
const mix = (han: number, hui: number, tibetan: number, tu: number): Weighted<Ethnic> =>
  new Weighted<Ethnic>([
    ['han', han],
    ['hui', hui],
    ['tibetan', tibetan],
    ['tu', tu],
  ]);

export const MIX_RURAL_DEFAULT = mix(0.7, 0.11, 0.08, 0.11);
export const MIX_URBAN = mix(0.8, 0.1, 0.05, 0.05);
/** Township-specific ethnic mixes (ethnic townships, the 塔尔寺 area, the Tibetan/Hui west). */
export const MIX_BY_TOWNSHIP: Record<string, Weighted<Ethnic>> = {
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

/** Household-size distributions. */
export const RURAL_SIZES = new Weighted<number>([
  [1, 0.14],
  [2, 0.24],
  [3, 0.21],
  [4, 0.19],
  [5, 0.11],
  [6, 0.07],
  [7, 0.03],
  [8, 0.01],
]);
export const URBAN_SIZES = new Weighted<number>([
  [1, 0.18],
  [2, 0.29],
  [3, 0.29],
  [4, 0.14],
  [5, 0.07],
  [6, 0.03],
]);
const MAX_HOUSEHOLD_SIZE = 9;

export interface Member {
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
export function composeHousehold(rng: Rng, n: number, rural: boolean): Member[] {
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

/** Draw household sizes for `count` households summing exactly to `residents`. */
export function householdSizes(rng: Rng, count: number, residents: number, urban: boolean): number[] {
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
