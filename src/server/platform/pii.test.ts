import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createPii, maskDocNumber, maskName, maskPhone } from './pii.js';

describe('personal identifiers at rest', () => {
  const pii = createPii('a-test-secret-of-enough-length');

  it('round-trips any text, with a fresh ciphertext each time', () => {
    fc.assert(fc.property(fc.string({ maxLength: 40 }), (s) => {
      const a = pii.encrypt(s);
      expect(pii.decrypt(a)).toBe(s);
      expect(pii.encrypt(s)).not.toBe(a);
    }));
  });

  it('refuses a tampered ciphertext', () => {
    const c = pii.encrypt('630106198001011234');
    const raw = Buffer.from(c.slice(3), 'base64');
    raw[raw.length - 1] ^= 1;
    expect(() => pii.decrypt(`v1.${raw.toString('base64')}`)).toThrow();
  });

  it('gives a stable blind index that depends on the kind and on the secret', () => {
    expect(pii.blindIndex('doc', 'x')).toBe(pii.blindIndex('doc', 'x'));
    expect(pii.blindIndex('doc', 'x')).not.toBe(pii.blindIndex('phone', 'x'));
    expect(createPii('another-secret-of-enough-length').blindIndex('doc', 'x')).not.toBe(pii.blindIndex('doc', 'x'));
  });

  it('masks as the field writes it', () => {
    expect(maskDocNumber('630121199001011234')).toBe('630121********1234');
    expect(maskPhone('13912345678')).toBe('139****5678');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('张小三')).toBe('张*三');
    expect(maskName('欧阳小锋')).toBe('欧**锋');
  });
});
