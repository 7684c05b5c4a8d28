import { describe, expect, it } from 'vitest';
import { createPii } from './pii.js';
import { Sealer } from './sealer.js';

describe('sealing identifiers on two cores', () => {
  const secret = 'sealer-test-secret-0123456789';
  const pii = createPii(secret);

  it('gives what this thread would, in order, for a load large enough to use the worker', async () => {
    const items: [string, string | null][] = Array.from({ length: 12_000 }, (_, i) =>
      [`63010619800101${String(i).padStart(4, '0')}`, i % 3 === 0 ? null : `139${String(i).padStart(8, '0')}`]);
    const sealer = new Sealer(secret, pii);
    try {
      const sealed = await sealer.sealAll(items);
      expect(sealed).toHaveLength(items.length);
      for (const i of [0, 1, 5_999, 6_000, 11_999]) {
        const [doc, phone] = items[i];
        expect(pii.decrypt(sealed[i][0])).toBe(doc);
        expect(sealed[i][1] === null ? null : pii.decrypt(sealed[i][1]!)).toBe(phone);
        expect(sealed[i][2]).toBe(phone ? pii.blindIndex('phone', phone) : null);
      }
    } finally {
      await sealer.close();
    }
  });
});
