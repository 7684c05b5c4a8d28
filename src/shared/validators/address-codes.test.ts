import { describe, expect, it } from 'vitest';
import { allAddressCodes, isKnownAddressCode } from './address-codes.js';

describe('address codes', () => {
  it('knows the current and former Huangzhong codes and the Xining districts', () => {
    const codes = ['630106', '630122', '632124', '630102', '630103', '630104', '630105', '630121', '630123'];
    for (const code of codes) {
      expect(isKnownAddressCode(code), code).toBe(true);
    }
  });

  it('knows the residence-permit codes of HK, Macao and Taiwan residents', () => {
    for (const code of ['810000', '820000', '830000']) expect(isKnownAddressCode(code)).toBe(true);
  });

  it('knows current codes of every province and some long-abolished ones', () => {
    // 110119 延庆区 (2015), 440311 光明区 (2018), 654203 沙湾市 (2021); 110103 崇文区, 110104 宣武区 (gone 2010)
    for (const code of ['110119', '440311', '654203', '110103', '110104', '441900', '460400']) {
      expect(isKnownAddressCode(code), code).toBe(true);
    }
    const provinces = new Set(allAddressCodes().map((c) => c.slice(0, 2)));
    expect(provinces.size).toBe(35); // 31 mainland + 71, 81, 82, 83
  });

  it('refuses unknown or malformed codes', () => {
    for (const code of ['999999', '000000', '630199', '63010', '6301066', '', 'abcdef']) {
      expect(isKnownAddressCode(code), code).toBe(false);
    }
  });

  it('decodes to sorted, unique 6-digit codes', () => {
    const codes = allAddressCodes();
    expect(codes.length).toBeGreaterThan(6000);
    for (let i = 0; i < codes.length; i++) {
      expect(codes[i]).toMatch(/^\d{6}$/);
      if (i > 0) expect(codes[i] > codes[i - 1]).toBe(true);
    }
  });
});
