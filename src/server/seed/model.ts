/** Public types and constants of the demo district; demo-district.ts re-exports them. */
import type { RecordedTag } from '../../shared/people.js';
import type { RegionKind, RegionLevel } from '../../shared/regions.js';

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
