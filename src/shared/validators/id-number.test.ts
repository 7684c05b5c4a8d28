import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allAddressCodes } from './address-codes.js';
import { idCheckChar, makeIdNumber, todayInChina, validateIdNumber } from './id-number.js';

const TODAY = '2025-06-30';
const opts = { today: TODAY };

const codeArb = fc.constantFrom(...allAddressCodes());
const dateArb = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date(`${TODAY}T00:00:00Z`), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const seqArb = fc.integer({ min: 0, max: 999 });
const validIdArb = fc.tuple(codeArb, dateArb, seqArb).map(([code, date, seq]) => ({
  code,
  date,
  seq,
  id: makeIdNumber(code, date, seq),
}));

describe('idCheckChar', () => {
  it('computes the ISO 7064 MOD 11-2 check character', () => {
    expect(idCheckChar('11010519491231002')).toBe('X'); // the GB 11643 example
    expect(idCheckChar('44052418800101001')).toBe('4');
  });
  it('refuses anything but 17 digits', () => {
    expect(() => idCheckChar('1101051949123100')).toThrow(RangeError);
    expect(() => idCheckChar('1101051949123100X')).toThrow(RangeError);
  });
});

describe('validateIdNumber', () => {
  it('accepts a valid number and extracts its fields', () => {
    expect(validateIdNumber('11010519491231002X', opts)).toEqual({
      ok: true,
      value: { number: '11010519491231002X', birthDate: '1949-12-31', gender: 'F', addressCode: '110105' },
    });
    const male = makeIdNumber('630106', '1985-03-07', 13);
    expect(validateIdNumber(male, opts)).toMatchObject({
      ok: true,
      value: { gender: 'M', birthDate: '1985-03-07' },
    });
  });

  it('accepts lower-case x and surrounding white space, and full-width digits', () => {
    const r = validateIdNumber('  11010519491231002x ', opts);
    expect(r).toMatchObject({ ok: true, value: { number: '11010519491231002X' } });
    expect(validateIdNumber('１１０１０５１９４９１２３１００２Ｘ', opts)).toMatchObject({ ok: true });
  });

  it('accepts all three Huangzhong codes', () => {
    for (const code of ['630106', '630122', '632124']) {
      expect(validateIdNumber(makeIdNumber(code, '1970-01-01', 1), opts).ok, code).toBe(true);
    }
  });

  it('refuses a wrong check digit', () => {
    expect(validateIdNumber('110105194912310021', opts)).toEqual({ ok: false, code: 'ID_CHECKSUM' });
  });

  it('refuses an impossible date', () => {
    const first17 = '630106' + '19990230' + '123';
    expect(validateIdNumber(first17 + idCheckChar(first17), opts)).toEqual({ ok: false, code: 'ID_BIRTH_DATE' });
    for (const date of ['19991301', '19990001', '19990431', '19000229', '18991231', '20230229']) {
      const f = '630106' + date + '123';
      expect(validateIdNumber(f + idCheckChar(f), opts).ok, date).toBe(false);
    }
    const leap = '630106' + '20000229' + '123';
    expect(validateIdNumber(leap + idCheckChar(leap), opts).ok).toBe(true);
  });

  it('refuses birth years before 1900 (the standard’s own 1880 example)', () => {
    expect(validateIdNumber('440524188001010014', opts)).toEqual({ ok: false, code: 'ID_BIRTH_DATE' });
  });

  it('refuses a future birth date but accepts today', () => {
    expect(validateIdNumber(makeIdNumber('630106', '2025-07-01', 1), opts)).toEqual({
      ok: false,
      code: 'ID_BIRTH_FUTURE',
    });
    expect(validateIdNumber(makeIdNumber('630106', TODAY, 1), opts).ok).toBe(true);
  });

  it('uses today in China when no date is given', () => {
    expect(validateIdNumber(makeIdNumber('630106', '2000-01-01', 1)).ok).toBe(true);
    expect(validateIdNumber(makeIdNumber('630106', '2999-01-01', 1)).ok).toBe(false);
    expect(todayInChina(new Date('2025-06-30T16:30:00Z'))).toBe('2025-07-01');
  });

  it('refuses an unknown address code, naming it', () => {
    expect(validateIdNumber(makeIdNumber('999999', '1980-01-01', 1), opts)).toEqual({
      ok: false,
      code: 'ID_ADDRESS_CODE',
      params: { code: '999999' },
    });
  });

  it('refuses malformed input', () => {
    const malformed = [
      '1101051949123100', // 16 characters
      '11010519491231002XX',
      '1101051949123100X2', // X not last
      'A1010519491231002X',
      '11010519491231002Y',
    ];
    for (const raw of malformed) {
      expect(validateIdNumber(raw, opts), raw).toEqual({ ok: false, code: 'ID_FORMAT' });
    }
    expect(validateIdNumber('   ', opts)).toEqual({ ok: false, code: 'REQUIRED' });
  });

  it('converts 15-digit legacy numbers only when allowed', () => {
    expect(validateIdNumber('630122850307013', opts)).toEqual({ ok: false, code: 'ID_LEGACY_15' });
    expect(validateIdNumber('630122850307013', { ...opts, allowLegacy15: true })).toEqual({
      ok: true,
      value: {
        number: makeIdNumber('630122', '1985-03-07', 13),
        birthDate: '1985-03-07',
        gender: 'M',
        addressCode: '630122',
        convertedFrom15: true,
      },
    });
    // A converted number is still checked: 1985-02-30 does not exist.
    expect(validateIdNumber('630122850230013', { ...opts, allowLegacy15: true })).toEqual({
      ok: false,
      code: 'ID_BIRTH_DATE',
    });
  });

  it('property: every generated number passes with the fields it was built from', () => {
    fc.assert(
      fc.property(validIdArb, ({ code, date, seq, id }) => {
        const r = validateIdNumber(id, opts);
        expect(r).toEqual({
          ok: true,
          value: { number: id, birthDate: date, gender: seq % 2 === 1 ? 'M' : 'F', addressCode: code },
        });
      }),
      { numRuns: 2000 },
    );
  });

  it('property: every single-character change of a valid number fails', () => {
    const mutation = fc.tuple(validIdArb, fc.integer({ min: 0, max: 17 }), fc.constantFrom(...'0123456789X'));
    fc.assert(
      fc.property(mutation, ([{ id }, pos, ch]) => {
        fc.pre(id[pos] !== ch);
        const mutated = id.slice(0, pos) + ch + id.slice(pos + 1);
        expect(validateIdNumber(mutated, opts).ok).toBe(false);
      }),
      { numRuns: 5000 },
    );
  });

  it('every single-character change of one number fails (exhaustive)', () => {
    const id = makeIdNumber('630106', '1990-06-15', 123);
    for (let pos = 0; pos < 18; pos++) {
      for (const ch of '0123456789X') {
        if (ch === id[pos]) continue;
        const mutated = id.slice(0, pos) + ch + id.slice(pos + 1);
        expect(validateIdNumber(mutated, opts).ok, mutated).toBe(false);
      }
    }
  });

  it('property: 15-digit conversion gives back the 18-digit number', () => {
    const legacy = fc.tuple(codeArb, dateArb.filter((d) => d < '2000'), seqArb);
    fc.assert(
      fc.property(legacy, ([code, date, seq]) => {
        const id = makeIdNumber(code, date, seq);
        const old = id.slice(0, 6) + id.slice(8, 17);
        expect(validateIdNumber(old, { ...opts, allowLegacy15: true })).toMatchObject({
          ok: true,
          value: { number: id, convertedFrom15: true },
        });
      }),
    );
  });
});

describe('makeIdNumber', () => {
  it('refuses bad input', () => {
    expect(() => makeIdNumber('63010', '1990-01-01', 1)).toThrow(RangeError);
    expect(() => makeIdNumber('630106', '1990-02-30', 1)).toThrow(RangeError);
    expect(() => makeIdNumber('630106', '19900101', 1)).toThrow(RangeError);
    expect(() => makeIdNumber('630106', '1990-01-01', 1000)).toThrow(RangeError);
    expect(() => makeIdNumber('630106', '1990-01-01', 1.5)).toThrow(RangeError);
  });
});
