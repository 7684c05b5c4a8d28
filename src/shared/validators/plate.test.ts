import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PLATE_PROVINCES, validatePlate, type PlateKind } from './plate.js';

const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '0123456789';
const char = (s: string) => fc.constantFrom(...s);
const str = (s: string, n: number) => fc.array(char(s), { minLength: n, maxLength: n }).map((a) => a.join(''));

const head = fc.tuple(char(PLATE_PROVINCES), char(LETTERS)).map(([p, l]) => p + l);
const plateArb: fc.Arbitrary<{ plate: string; kind: PlateKind }> = fc.oneof(
  fc.tuple(head, str(LETTERS + DIGITS, 5)).map(([h, s]) => ({ plate: h + s, kind: 'normal' as const })),
  fc
    .tuple(head, str(LETTERS + DIGITS, 4), char('挂学警港澳'))
    .map(([h, s, x]) => ({ plate: h + s + x, kind: 'normal' as const })),
  fc
    .tuple(head, char('ABCDEFGHJK'), char(LETTERS + DIGITS), str(DIGITS, 4))
    .map(([h, e, c, d]) => ({ plate: h + e + c + d, kind: 'nev_small' as const })),
  fc
    .tuple(head, str(DIGITS, 5), char('ABCDEFGHJK'))
    .map(([h, d, e]) => ({ plate: h + d + e, kind: 'nev_large' as const })),
);

describe('validatePlate', () => {
  it.each([
    ['青A12345', 'normal'],
    ['青AD12345', 'nev_small'],
    ['青A12345D', 'nev_large'],
    ['青A1234挂', 'normal'],
    ['青AF1234', 'normal'],
    ['粤Z1234港', 'normal'],
    ['粤Z1234澳', 'normal'],
    ['青A1234学', 'normal'],
    ['青A0123警', 'normal'],
    ['藏J12345', 'normal'],
    ['京AA12345', 'nev_small'],
    ['京AK12345', 'nev_small'],
    ['沪A12345F', 'nev_large'],
  ])('accepts %s as %s', (plate, kind) => {
    expect(validatePlate(plate)).toEqual({ ok: true, value: { plate, kind } });
  });

  it('normalises case and separators', () => {
    for (const raw of ['青a·12345', '青A 12345', '青A-12345', ' 青a・1234５ ', '青A•12345']) {
      expect(validatePlate(raw), raw).toEqual({ ok: true, value: { plate: '青A12345', kind: 'normal' } });
    }
  });

  it.each([
    '青I12345', // office letter I
    '青O12345', // office letter O
    '青112345', // office must be a letter
    '甲A12345', // not a province
    '使A12345',
    '青A1234', // too short
    '青A123456', // 8 chars but not a new-energy pattern
    '青AL12345', // L is not an energy letter
    '青A12345L',
    '青AD1234A', // small NEV ends in 4 digits
    '青A12I45', // I not allowed in the serial
    '青A12O45',
    '青A123挂5', // suffix only last
    '青A12345挂',
    'A12345',
  ])('refuses %s', (raw) => {
    expect(validatePlate(raw)).toEqual({ ok: false, code: 'PLATE_FORMAT' });
  });

  it('asks for a value when empty', () => {
    expect(validatePlate(' · ')).toEqual({ ok: false, code: 'REQUIRED' });
  });

  it('property: generated plates pass with their kind', () => {
    fc.assert(
      fc.property(plateArb, ({ plate, kind }) => {
        expect(validatePlate(plate)).toEqual({ ok: true, value: { plate, kind } });
        expect(validatePlate(plate.toLowerCase().slice(0, 2) + ' · ' + plate.slice(2))).toEqual({
          ok: true,
          value: { plate, kind },
        });
      }),
      { numRuns: 2000 },
    );
  });

  it('property: a character that no position allows, anywhere, makes the plate fail', () => {
    fc.assert(
      fc.property(plateArb, fc.nat(), char('IO#*甲使?Ω'), ({ plate }, p, bad) => {
        const pos = p % plate.length;
        expect(validatePlate(plate.slice(0, pos) + bad + plate.slice(pos + 1)).ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('property: position-specific mutations fail', () => {
    fc.assert(
      fc.property(plateArb, char(DIGITS), char(LETTERS), ({ plate, kind }, d, l) => {
        expect(validatePlate(d + plate.slice(1)).ok).toBe(false); // province replaced by a digit
        expect(validatePlate(plate.slice(0, 1) + d + plate.slice(2)).ok).toBe(false); // office letter → digit
        expect(validatePlate(plate.slice(0, 6)).ok).toBe(false); // truncated to 6
        expect(validatePlate(plate + d + d).ok).toBe(false); // 9+ characters
        if (kind === 'nev_small') expect(validatePlate(plate.slice(0, 7) + l).ok).toBe(false);
        if (kind === 'nev_large' && !'ABCDEFGHJK'.includes(l)) {
          expect(validatePlate(plate.slice(0, 7) + l).ok).toBe(false);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
