import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ageOn } from '../../shared/people.js';
import { validateIdNumber } from '../../shared/validators/id-number.js';
import { validatePersonName } from '../../shared/validators/name.js';
import { validateMobile } from '../../shared/validators/phone.js';
import {
  BUILDING_HOUSEHOLDS,
  DEMO_DEFAULT_TODAY,
  HUANGZHONG_CENSUS_2020,
  OTHER_XINING_CODES,
  RURAL_GRID_HOUSEHOLDS,
  URBAN_GRID_HOUSEHOLDS,
  generateDemoDistrict,
  idCheckChar,
  summarizeDemoDistrict,
  type DemoDistrict,
  type DemoResident,
} from './demo-district.js';
import { HUANGZHONG_TOWNSHIPS } from './huangzhong-townships.js';

const TODAY = DEMO_DEFAULT_TODAY;
const LEVEL_LENGTH = { district: 6, township: 9, community: 12, grid: 15, building: 18 } as const;

const digest = (d: DemoDistrict): string => createHash('sha256').update(JSON.stringify(d)).digest('hex');

/** Independent MOD 11-2 check: weights derived as 2^(17-i) mod 11 rather than copied from a table. */
function checkCharIndependent(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  return '10X98765432'[sum % 11];
}

const daysBetween = (from: string, to: string): number => (Date.parse(to) - Date.parse(from)) / 86_400_000;

/** Structural checks shared by both sizes. */
function checkStructure(d: DemoDistrict): void {
  const byCode = new Map(d.regions.map((r) => [r.code, r]));
  expect(byCode.size).toBe(d.regions.length);

  const seen = new Set<string>();
  for (const r of d.regions) {
    expect(r.code).toMatch(/^\d+$/);
    expect(r.code.length).toBe(LEVEL_LENGTH[r.level]);
    if (r.level === 'district') {
      expect(r.code).toBe('630106');
      expect(r.parentCode).toBeNull();
    } else {
      expect(r.parentCode).not.toBeNull();
      const parent = byCode.get(r.parentCode!);
      expect(parent, r.code).toBeDefined();
      expect(seen.has(parent!.code), `${r.code}: parent listed first`).toBe(true);
      expect(r.code.startsWith(parent!.code)).toBe(true);
      expect(r.code.length).toBe(parent!.code.length + 3);
    }
    seen.add(r.code);
    if (r.level === 'community') {
      const n = Number(r.code.slice(9));
      if (r.kind === 'residents_committee') {
        expect(n).toBeGreaterThanOrEqual(1);
        expect(n).toBeLessThanOrEqual(199);
        expect(r.urban).toBe(true);
        expect(r.name.endsWith('社区')).toBe(true);
      } else {
        expect(r.kind).toBe('village');
        expect(n).toBeGreaterThanOrEqual(200);
        expect(n).toBeLessThanOrEqual(399);
        expect(r.urban).toBe(false);
        expect(r.name.endsWith('村')).toBe(true);
      }
    }
    if (r.level === 'grid') {
      expect(r.kind).toBe('grid');
      expect(r.urban).toBe(byCode.get(r.parentCode!)!.urban);
      expect(r.name).toBe(`第${Number(r.code.slice(12))}网格`);
    }
    if (r.level === 'building') {
      expect(r.kind).toBe('building');
      expect(byCode.get(r.parentCode!)!.urban, 'buildings only in urban grids').toBe(true);
    } else {
      expect(r.noPropertyMgmt || r.noOwnerUnit || r.noSelfGov).toBe(false);
    }
  }

  // Townships: exactly the 17 of the CSV, with their real codes, names and kinds.
  const townships = d.regions.filter((r) => r.level === 'township');
  expect(townships.map((t) => [t.code, t.name, t.kind])).toEqual(HUANGZHONG_TOWNSHIPS.map((t) => [t.code, t.name, t.kind]));

  // Village names unique within their township; community names unique in the district.
  const villageNames = new Set<string>();
  const communityNames = new Set<string>();
  for (const r of d.regions) {
    if (r.kind === 'village') {
      const key = `${r.parentCode}/${r.name}`;
      expect(villageNames.has(key), key).toBe(false);
      villageNames.add(key);
    }
    if (r.kind === 'residents_committee') {
      expect(communityNames.has(r.name), r.name).toBe(false);
      communityNames.add(r.name);
    }
  }

  // Households hang on rural grids or on buildings; grid and building sizes within the rules.
  const perRegion = new Map<string, number>();
  for (const h of d.households) {
    const r = byCode.get(h.regionCode);
    expect(r, h.regionCode).toBeDefined();
    if (r!.level === 'grid') expect(r!.urban).toBe(false);
    else expect(r!.level).toBe('building');
    perRegion.set(h.regionCode, (perRegion.get(h.regionCode) ?? 0) + 1);
  }
  const perGrid = new Map<string, number>();
  for (const [code, n] of perRegion) {
    const grid = code.slice(0, 15);
    perGrid.set(grid, (perGrid.get(grid) ?? 0) + n);
    if (code.length === 18) {
      expect(n).toBeGreaterThanOrEqual(BUILDING_HOUSEHOLDS.min);
      expect(n).toBeLessThanOrEqual(BUILDING_HOUSEHOLDS.max);
    }
  }
  for (const r of d.regions) {
    if (r.level === 'building') expect(perRegion.get(r.code), `building ${r.code} is empty`).toBeGreaterThan(0);
    if (r.level !== 'grid') continue;
    const n = perGrid.get(r.code) ?? 0;
    const rule = r.urban ? URBAN_GRID_HOUSEHOLDS : RURAL_GRID_HOUSEHOLDS;
    expect(n, `grid ${r.code}`).toBeGreaterThanOrEqual(rule.min);
    expect(n, `grid ${r.code}`).toBeLessThanOrEqual(rule.max);
  }

  // Addresses: unique within their community (village names repeat across townships, like the real
  // ones), and shaped like 李家村3社12号 / 幸福小区3号楼2单元301室 / 粮食局家属院2号楼1单元302室.
  const addresses = new Set(d.households.map((h) => `${h.regionCode.slice(0, 12)} ${h.address}`));
  expect(addresses.size).toBe(d.households.length);
  const bad: string[] = [];
  for (const h of d.households) {
    const r = byCode.get(h.regionCode)!;
    const ok =
      r.level === 'grid'
        ? h.address.startsWith(`${byCode.get(r.parentCode!)!.name}${Number(r.code.slice(12))}社`) && /社\d+号$/.test(h.address)
        : h.address.startsWith(r.name.replace(/\d+号楼$/, '')) && /(\d+单元\d+室|号院\d+号)$/.test(h.address);
    if (!ok && bad.length < 10) bad.push(`${h.regionCode} ${h.address}`);
  }
  expect(bad).toEqual([]);
}

/**
 * Per-person checks shared by both sizes. Plain comparisons collecting failures (one `expect` per
 * person would take a minute at full size).
 */
function checkPeople(d: DemoDistrict): void {
  const errors: string[] = [];
  const fail = (p: DemoResident, what: string): void => {
    if (errors.length < 20) errors.push(`${p.idNumber} ${p.name} ${p.birthDate}: ${what}`);
  };
  const ids = new Set<string>();
  const phones = new Set<string>();
  const householdSize = new Array<number>(d.households.length).fill(0);
  let lastHousehold = 0;
  for (const p of d.residents) {
    if (p.householdIndex < lastHousehold) fail(p, 'households not contiguous');
    lastHousehold = p.householdIndex;
    householdSize[p.householdIndex]++;
  }
  expect(householdSize.filter((n) => n === 0).length, 'empty households').toBe(0);

  const other: readonly string[] = OTHER_XINING_CODES;
  for (const p of d.residents) {
    const v = validateIdNumber(p.idNumber, { today: TODAY });
    if (!v.ok) {
      fail(p, `invalid ID: ${JSON.stringify(v)}`);
      continue;
    }
    if (v.value.number !== p.idNumber) fail(p, 'ID not normalised');
    if (p.idNumber[17] !== checkCharIndependent(p.idNumber.slice(0, 17))) fail(p, 'check char');
    if (v.value.gender !== p.gender || Number(p.idNumber[16]) % 2 !== (p.gender === 'M' ? 1 : 0)) fail(p, '17th digit vs gender');
    if (v.value.birthDate !== p.birthDate) fail(p, 'birth date vs ID');
    if (ids.has(p.idNumber)) fail(p, 'duplicate ID');
    ids.add(p.idNumber);

    const year = Number(p.birthDate.slice(0, 4));
    const code = p.idNumber.slice(0, 6);
    const home = year < 1999 ? '632124' : year < 2019 ? '630122' : '630106';
    if (code !== home && !other.includes(code)) fail(p, `address code ${code}`);

    const name = validatePersonName(p.name);
    if (!name.ok || name.value !== p.name) fail(p, 'name');
    if (p.gender !== 'M' && p.gender !== 'F') fail(p, 'gender');

    const age = ageOn(p.birthDate, TODAY);
    if (age < 0 || age > 100) fail(p, `age ${age}`);
    if (p.phone !== null) {
      const phone = validateMobile(p.phone);
      if (!/^1[3-9]\d{9}$/.test(p.phone) || !phone.ok || phone.value !== p.phone) fail(p, `phone ${p.phone}`);
      if (phones.has(p.phone)) fail(p, `duplicate phone ${p.phone}`);
      phones.add(p.phone);
      if (age < 12) fail(p, 'phone for a small child');
    }

    const days = daysBetween(p.birthDate, TODAY);
    if (p.tags.includes('newborn') !== (days >= 0 && days < 28)) fail(p, 'newborn tag');
    if (days < 28 && code !== '630106') fail(p, 'newborn address code');
    if (p.tags.includes('living_alone') && (householdSize[p.householdIndex] !== 1 || age < 60)) fail(p, 'living_alone');
    if (p.tags.includes('pregnant') && (p.gender !== 'F' || age < 20 || age > 41)) fail(p, 'pregnant');
    if (p.tags.includes('dialysis') && !p.tags.includes('chronic_disease')) fail(p, 'dialysis without chronic_disease');
    if (new Set(p.tags).size !== p.tags.length) fail(p, 'duplicate tags');
  }
  expect(errors).toEqual([]);
}

describe('idCheckChar', () => {
  it('agrees with an independent MOD 11-2 implementation and the GB 11643 example', () => {
    expect(idCheckChar('11010519491231002')).toBe('X'); // the standard's worked example
    fc.assert(
      fc.property(fc.stringMatching(/^\d{17}$/), (first17) => {
        expect(idCheckChar(first17)).toBe(checkCharIndependent(first17));
      }),
    );
  });
});

describe('generateDemoDistrict — small', () => {
  let small: DemoDistrict;
  beforeAll(() => {
    small = generateDemoDistrict({ size: 'small', seed: 42 });
  });

  it('is deterministic for a given size and seed, and changes with the seed', () => {
    const again = generateDemoDistrict({ size: 'small', seed: 42 });
    expect(again).toEqual(small);
    const hash = digest(small);
    expect(digest(again)).toBe(hash);
    console.log(`small seed 42 sha256 ${hash}`);
    expect(digest(generateDemoDistrict({ size: 'small', seed: 43 }))).not.toBe(hash);
    expect(digest(generateDemoDistrict({ size: 'small', seed: 42, today: '2022-09-01' }))).not.toBe(hash);
  });

  it('has the 17 townships with one or two communities each and ~5,000 residents', () => {
    checkStructure(small);
    const s = summarizeDemoDistrict(small);
    console.log('small', JSON.stringify(s));
    expect(s.residents).toBeGreaterThan(4_500);
    expect(s.residents).toBeLessThan(5_600);
    for (const t of HUANGZHONG_TOWNSHIPS) {
      const communities = small.regions.filter((r) => r.parentCode === t.code);
      expect(communities.length).toBeGreaterThanOrEqual(1);
      expect(communities.length).toBeLessThanOrEqual(2);
    }
    expect(s.threeNoBuildings, 'at least one 三无 compound per residents\' committee').toBeGreaterThanOrEqual(4);
    for (const seat of ['630106102', '630106105']) {
      const urban = small.regions.find((r) => r.parentCode === seat && r.kind === 'residents_committee');
      expect(urban, seat).toBeDefined();
      expect(small.regions.some((r) => r.level === 'building' && r.code.startsWith(urban!.code))).toBe(true);
    }
  });

  it('gives valid, unique people', () => {
    checkPeople(small);
  });

  it('rejects bad options', () => {
    expect(() => generateDemoDistrict({ size: 'small', seed: 1, today: '2022-02-30' })).toThrow();
    expect(() => generateDemoDistrict({ size: 'medium' as 'small', seed: 1 })).toThrow();
  });
});

describe('generateDemoDistrict — full', () => {
  let full: DemoDistrict;
  let ms = 0;
  beforeAll(() => {
    const t0 = performance.now();
    full = generateDemoDistrict({ size: 'full', seed: 1 });
    ms = performance.now() - t0;
    console.log(`full district generated in ${ms.toFixed(0)} ms`);
  }, 60_000);

  it('matches the census figures and the CSV counts', () => {
    const s = summarizeDemoDistrict(full);
    console.log('full', JSON.stringify(s));
    expect(Math.abs(s.residents - HUANGZHONG_CENSUS_2020.residents) / HUANGZHONG_CENSUS_2020.residents).toBeLessThan(0.01);
    expect(Math.abs(s.urbanResidents - HUANGZHONG_CENSUS_2020.urban) / HUANGZHONG_CENSUS_2020.urban).toBeLessThan(0.02);
    expect(s.share60Plus).toBeGreaterThanOrEqual(0.133);
    expect(s.share60Plus).toBeLessThanOrEqual(0.143);
    expect(s.share80Plus).toBeGreaterThan(0.01);
    expect(s.share80Plus).toBeLessThan(0.04);
    expect(s.sexRatio).toBeGreaterThan(1.0);
    expect(s.sexRatio).toBeLessThan(1.07);
    expect(s.households).toBeGreaterThan(120_000);
    expect(s.households).toBeLessThan(140_000);
    expect(s.meanHouseholdSize.rural).toBeGreaterThan(s.meanHouseholdSize.urban);
    expect(s.villages).toBe(HUANGZHONG_TOWNSHIPS.reduce((a, t) => a + t.villages, 0));
    expect(s.residentsCommittees).toBe(HUANGZHONG_TOWNSHIPS.reduce((a, t) => a + t.communities, 0));
    for (const t of HUANGZHONG_TOWNSHIPS) {
      const kids = full.regions.filter((r) => r.parentCode === t.code);
      expect(kids.filter((r) => r.kind === 'residents_committee').length).toBe(t.communities);
      expect(kids.filter((r) => r.kind === 'village').length).toBe(t.villages);
    }
    const threeNoShare = s.threeNoBuildings / s.regions.building;
    expect(threeNoShare).toBeGreaterThan(0.04);
    expect(threeNoShare).toBeLessThan(0.13);
    const n = s.residents;
    expect(s.tags.dialysis / n).toBeGreaterThan(0.0002);
    expect(s.tags.dialysis / n).toBeLessThan(0.001);
    expect(s.tags.chemo_radiotherapy / n).toBeGreaterThan(0.0005);
    expect(s.tags.chemo_radiotherapy / n).toBeLessThan(0.002);
    expect(s.tags.disabled / n).toBeGreaterThan(0.03);
    expect(s.tags.disabled / n).toBeLessThan(0.05);
    expect(s.tags.newborn).toBeGreaterThan(150);
    expect(s.tags.newborn).toBeLessThan(600);
  });

  it('puts most urban residents in 鲁沙尔镇, 多巴镇 and 康川街道', () => {
    const urbanRegions = new Set(full.regions.filter((r) => r.urban && r.level === 'building').map((r) => r.code));
    const hhTownship = full.households.map((h) => (urbanRegions.has(h.regionCode) ? h.regionCode.slice(0, 9) : null));
    let urban = 0;
    let seats = 0;
    for (const p of full.residents) {
      const t = hhTownship[p.householdIndex];
      if (!t) continue;
      urban++;
      if (t === '630106102' || t === '630106105' || t === '630106401') seats++;
    }
    expect(seats / urban).toBeGreaterThan(0.6);
  });

  it('has shares of tags by age in the intended ranges', () => {
    let old = 0;
    let oldChronic = 0;
    let women = 0;
    let pregnant = 0;
    let otherCodes = 0;
    for (const p of full.residents) {
      const age = ageOn(p.birthDate, TODAY);
      if (age >= 60) {
        old++;
        if (p.tags.includes('chronic_disease')) oldChronic++;
      }
      if (p.gender === 'F' && age >= 20 && age <= 40) {
        women++;
        if (p.tags.includes('pregnant')) pregnant++;
      }
      if ((OTHER_XINING_CODES as readonly string[]).includes(p.idNumber.slice(0, 6))) otherCodes++;
    }
    expect(oldChronic / old).toBeGreaterThan(0.2);
    expect(oldChronic / old).toBeLessThan(0.3);
    expect(pregnant / women).toBeGreaterThan(0.005);
    expect(pregnant / women).toBeLessThan(0.02);
    expect(otherCodes / full.residents.length).toBeGreaterThan(0.015);
    expect(otherCodes / full.residents.length).toBeLessThan(0.045);
  });

  it('keeps the code structure and grid sizes', () => {
    checkStructure(full);
  });

  it('gives every resident a valid, unique ID and valid, unique phone', () => {
    checkPeople(full);
  }, 60_000);
});

describe('township data', () => {
  it('mirrors huangzhong-townships.csv', () => {
    const csv = readFileSync(new URL('./huangzhong-townships.csv', import.meta.url), 'utf8').trim().split(/\r?\n/);
    expect(csv[0]).toBe('code,name,kind,communities,villages');
    const rows = csv.slice(1).map((line) => {
      const [code, name, kind, communities, villages] = line.split(',');
      return { code, name, kind, communities: Number(communities), villages: Number(villages) };
    });
    expect(rows).toEqual(HUANGZHONG_TOWNSHIPS);
  });
});
