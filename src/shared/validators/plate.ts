import { fail, pass, type Check } from './result.js';

export type PlateKind = 'normal' | 'nev_small' | 'nev_large';

/** Abbreviations of the 31 mainland provinces, regions and municipalities (a plate's first character). */
export const PLATE_PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';

const P = `[${PLATE_PROVINCES}]`;
const OFFICE = '[A-HJ-NP-Z]'; // A–Z without I and O
const SERIAL = '[A-HJ-NP-Z0-9]';
const ENERGY = '[A-HJK]'; // D/A/B/C/E pure electric, F/G/H/J/K other new energy

const PATTERNS: ReadonlyArray<[PlateKind, RegExp]> = [
  ['normal', new RegExp(`^${P}${OFFICE}(?:${SERIAL}{5}|${SERIAL}{4}[挂学警港澳])$`)],
  ['nev_small', new RegExp(`^${P}${OFFICE}${ENERGY}${SERIAL}\\d{4}$`)],
  ['nev_large', new RegExp(`^${P}${OFFICE}\\d{5}${ENERGY}$`)],
];

/** Normalised form of a plate as stored: upper case, without separators (· • ・ - . spaces). */
export function normalisePlate(raw: string): string {
  return raw
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s·•・‧∙⋅\-.]/g, '');
}

/** Validates a GA 36-2018 motor-vehicle plate (ordinary or new-energy) and returns it normalised. */
export function validatePlate(raw: string): Check<{ plate: string; kind: PlateKind }> {
  const plate = normalisePlate(raw);
  if (plate === '') return fail('REQUIRED');
  for (const [kind, re] of PATTERNS) if (re.test(plate)) return pass({ plate, kind });
  return fail('PLATE_FORMAT');
}
