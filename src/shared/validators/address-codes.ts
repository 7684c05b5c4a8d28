import { ADDRESS_CODE_DATA } from './address-codes.data.js';

let codes: readonly string[] | undefined;
let codeSet: ReadonlySet<string> | undefined;

function decode(): readonly string[] {
  if (!codes) {
    const out: string[] = [];
    for (const line of ADDRESS_CODE_DATA) {
      const prefix = line.slice(0, 2);
      for (let i = 2; i < line.length; i += 4) out.push(prefix + line.slice(i, i + 4));
    }
    codes = out;
  }
  return codes;
}

/**
 * Whether a 6-digit code is (or was) a GB/T 2260 division code: any revision since 1980, so that ID numbers
 * issued under a former code (e.g. 632124 or 630122 for Huangzhong, now 630106) stay valid.
 */
export function isKnownAddressCode(code: string): boolean {
  codeSet ??= new Set(decode());
  return codeSet.has(code);
}

/** Every known code, sorted ascending (for generators and tests). */
export function allAddressCodes(): readonly string[] {
  return decode();
}
