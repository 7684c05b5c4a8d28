import { fail, pass, type Check } from './result.js';

/**
 * Validates a mainland mobile number and returns its 11 digits. Spaces and dashes are dropped, as is a
 * +86 / 86 / 0086 country prefix. Only the number plan is checked (1, then 3–9, then 9 digits): carriers'
 * prefixes change too often to list.
 */
export function validateMobile(raw: string): Check<string> {
  const compact = raw.normalize('NFKC').replace(/[\s\-]/g, '');
  if (compact === '') return fail('REQUIRED');
  const number = compact.replace(/^(?:\+86|0086|86)(?=\d{11}$)/, '');
  return /^1[3-9]\d{9}$/.test(number) ? pass(number) : fail('PHONE_FORMAT');
}
