import { isKnownAddressCode } from './address-codes.js';
import { fail, pass, type Check } from './result.js';
import { chinaDay } from '../dates.js';

export interface IdNumberInfo {
  /** Normalised 18-character number (upper-case X). */
  number: string;
  /** YYYY-MM-DD */
  birthDate: string;
  gender: 'M' | 'F';
  addressCode: string;
  /** Present (true) when the input was a 15-digit first-generation number. */
  convertedFrom15?: boolean;
}

export interface IdNumberOptions {
  /** YYYY-MM-DD; defaults to today's date in China (UTC+8). */
  today?: string;
  /** Accept 15-digit first-generation numbers and convert them (legacy imports only). */
  allowLegacy15?: boolean;
}

// ISO 7064 MOD 11-2 weights (2^(17-i) mod 11) and the check character for each remainder.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** The GB 11643-1999 check character for the first 17 digits of an ID number. */
export function idCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError(`idCheckChar needs 17 digits, got "${first17}"`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/** Today's date in China as YYYY-MM-DD, whatever the time zone of the machine running this. */
export function todayInChina(now: Date = new Date()): string {
  return chinaDay(now.toISOString());
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** YYYYMMDD → YYYY-MM-DD if it is a real calendar date from 1900 on, else undefined. */
function parseBirthDate(yyyymmdd: string): string | undefined {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  if (year < 1900 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
}

/** Validates a resident ID number (GB 11643-1999) and extracts birth date, gender and address code. */
export function validateIdNumber(raw: string, opts: IdNumberOptions = {}): Check<IdNumberInfo> {
  let number = raw.normalize('NFKC').trim().toUpperCase(); // NFKC: full-width digits from Chinese input methods
  if (number === '') return fail('REQUIRED');

  let convertedFrom15 = false;
  if (/^\d{15}$/.test(number)) {
    if (!opts.allowLegacy15) return fail('ID_LEGACY_15');
    // First-generation numbers carry a 2-digit year (all 19xx) and no check character.
    const first17 = number.slice(0, 6) + '19' + number.slice(6);
    number = first17 + idCheckChar(first17);
    convertedFrom15 = true;
  }

  if (!/^\d{17}[\dX]$/.test(number)) return fail('ID_FORMAT');

  const birthDate = parseBirthDate(number.slice(6, 14));
  if (!birthDate) return fail('ID_BIRTH_DATE');
  if (birthDate > (opts.today ?? todayInChina())) return fail('ID_BIRTH_FUTURE');

  const addressCode = number.slice(0, 6);
  if (!isKnownAddressCode(addressCode)) return fail('ID_ADDRESS_CODE', { code: addressCode });

  if (number[17] !== idCheckChar(number.slice(0, 17))) return fail('ID_CHECKSUM');

  const info: IdNumberInfo = {
    number,
    birthDate,
    gender: Number(number[16]) % 2 === 1 ? 'M' : 'F',
    addressCode,
  };
  if (convertedFrom15) info.convertedFrom15 = true;
  return pass(info);
}

/**
 * Builds a valid 18-character ID number (demo data, tests). The sequence's parity gives the gender
 * (odd = male). Does not check that the address code is known.
 */
export function makeIdNumber(addressCode: string, birthDate: string, sequence: number): string {
  if (!/^\d{6}$/.test(addressCode)) throw new RangeError(`address code must be 6 digits: "${addressCode}"`);
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  if (!m || !parseBirthDate(m[1] + m[2] + m[3])) throw new RangeError(`not a date from 1900 on: "${birthDate}"`);
  if (!Number.isInteger(sequence) || sequence < 0 || sequence > 999) {
    throw new RangeError(`sequence must be an integer 0..999: ${sequence}`);
  }
  const first17 = addressCode + m[1] + m[2] + m[3] + String(sequence).padStart(3, '0');
  return first17 + idCheckChar(first17);
}
