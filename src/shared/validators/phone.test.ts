import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateMobile } from './phone.js';

const digit = fc.integer({ min: 0, max: 9 }).map(String);
const mobileArb = fc
  .tuple(fc.integer({ min: 3, max: 9 }), fc.array(digit, { minLength: 9, maxLength: 9 }))
  .map(([second, rest]) => `1${second}${rest.join('')}`);

describe('validateMobile', () => {
  it('accepts an 11-digit mobile number', () => {
    expect(validateMobile('13812345678')).toEqual({ ok: true, value: '13812345678' });
    expect(validateMobile('19912345678')).toEqual({ ok: true, value: '19912345678' });
  });

  it('drops spaces, dashes and the +86 / 86 / 0086 prefix', () => {
    const inputs = ['+86 138 1234 5678', '+8613812345678', '8613812345678', '0086-138-1234-5678', ' 138-1234-5678 '];
    for (const raw of inputs) {
      expect(validateMobile(raw), raw).toEqual({ ok: true, value: '13812345678' });
    }
    expect(validateMobile('１３８１２３４５６７８')).toEqual({ ok: true, value: '13812345678' });
  });

  it('refuses wrong lengths, prefixes and characters', () => {
    const inputs = [
      '1381234567', // 10 digits
      '138123456789',
      '12812345678',
      '10812345678',
      '23812345678',
      '0971-8123456', // a landline
      '1381234567a',
      '+85213812345678',
      '+86 1381234567',
    ];
    for (const raw of inputs) {
      expect(validateMobile(raw), raw).toEqual({ ok: false, code: 'PHONE_FORMAT' });
    }
    expect(validateMobile('  ')).toEqual({ ok: false, code: 'REQUIRED' });
  });

  it('property: generated numbers pass, with or without prefix and separators', () => {
    fc.assert(
      fc.property(mobileArb, fc.constantFrom('', '+86', '86', '+86 ', '0086'), (n, prefix) => {
        expect(validateMobile(n)).toEqual({ ok: true, value: n });
        const spaced = `${n.slice(0, 3)} ${n.slice(3, 7)}-${n.slice(7)}`;
        expect(validateMobile(prefix + spaced)).toEqual({ ok: true, value: n });
      }),
    );
  });

  it('property: mutations fail (a digit dropped or added, the first two digits broken, a letter)', () => {
    fc.assert(
      fc.property(mobileArb, fc.integer({ min: 0, max: 10 }), digit, (n, pos, d) => {
        expect(validateMobile(n.slice(0, pos) + n.slice(pos + 1)).ok).toBe(false);
        expect(validateMobile(n.slice(0, pos) + d + n.slice(pos)).ok).toBe(false);
        expect(validateMobile(n.slice(0, pos) + 'a' + n.slice(pos + 1)).ok).toBe(false);
        if (d !== '1') expect(validateMobile(d + n.slice(1)).ok).toBe(false);
        if (d === '0' || d === '1' || d === '2') expect(validateMobile('1' + d + n.slice(2)).ok).toBe(false);
      }),
    );
  });
});
