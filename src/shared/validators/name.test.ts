import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validatePersonName } from './name.js';

describe('validatePersonName', () => {
  it.each([
    ['张三', '张三'],
    ['  李 四  ', '李 四'],
    ['扎西·次仁', '扎西·次仁'],
    ['扎西 · 次仁', '扎西·次仁'],
    ['扎西•次仁', '扎西·次仁'],
    ['阿依古丽・买买提', '阿依古丽·买买提'],
    ['John  Smith', 'John Smith'],
    ["Mary-Jane O'Neil", "Mary-Jane O'Neil"],
    ['José Núñez', 'José Núñez'],
    ['王\t五', '王 五'],
    ['㐀𠀀', '㐀𠀀'], // CJK extension A and B (a surrogate pair counts as one character)
    ['李', '李'],
  ])('accepts %j as %j', (raw, name) => {
    expect(validatePersonName(raw)).toEqual({ ok: true, value: name });
  });

  it('asks for a value when empty', () => {
    expect(validatePersonName('')).toEqual({ ok: false, code: 'REQUIRED' });
    expect(validatePersonName(' \u3000 ')).toEqual({ ok: false, code: 'REQUIRED' });
  });

  it.each(['张3', '张三1', '１号', '张\u0000三', '张\u0007三', '·扎西', '扎西·', '扎西··次仁', '张三!', '张三（临时）', '@@'])(
    'refuses %j',
    (raw) => expect(validatePersonName(raw)).toEqual({ ok: false, code: 'NAME_FORMAT' }),
  );

  it('limits names to 30 characters', () => {
    expect(validatePersonName('张'.repeat(30)).ok).toBe(true);
    expect(validatePersonName('张'.repeat(31))).toEqual({ ok: false, code: 'NAME_FORMAT' });
    expect(validatePersonName('𠀀'.repeat(30)).ok).toBe(true);
  });

  it('property: Chinese names of 1–30 characters pass unchanged; adding a digit fails', () => {
    const han = fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c));
    fc.assert(
      fc.property(
        fc.array(han, { minLength: 1, maxLength: 30 }),
        fc.nat(),
        fc.integer({ min: 0, max: 9 }),
        (chars, p, d) => {
          const name = chars.join('');
          expect(validatePersonName(name)).toEqual({ ok: true, value: name });
          const pos = p % (name.length + 1);
          expect(validatePersonName(name.slice(0, pos) + d + name.slice(pos)).ok).toBe(false);
        },
      ),
    );
  });
});
