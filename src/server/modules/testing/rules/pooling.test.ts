import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { chinaDay } from '../../../../shared/dates.js';
import { decideSwab, defaultPolicy, sealState, tubeCapacity, type SwabAttempt, type TubeState } from './pooling.js';
import { DEFAULT_PARAMETERS } from '../../../../shared/response.js';

const tube = (over: Partial<TubeState> = {}): TubeState =>
  ({ status: 'open', capacity: 10, memberCount: 0, roundId: 'r', siteId: 's', ...over });
const swab = (over: Partial<SwabAttempt> = {}): SwabAttempt =>
  ({ roundId: 'r', siteId: 's', alreadyInTube: false, sampledTodayAt: null, repeatReason: undefined, awaitingRetest: false, ...over });

describe('pool policy', () => {
  it('takes the pool size from the zone, and one swab for a retest', () => {
    const policy = defaultPolicy(DEFAULT_PARAMETERS);
    expect(tubeCapacity(policy, 'low', 'round')).toBe(10);
    expect(tubeCapacity(policy, 'medium', 'round')).toBe(5);
    expect(tubeCapacity(policy, 'high', 'round')).toBe(1);
    expect(tubeCapacity(policy, 'low', 'retest')).toBe(1);
  });
});

describe('a swab into a tube', () => {
  it('is refused for a sealed tube, a tube of another round or site, a full tube, and a person twice', () => {
    expect(decideSwab(tube({ status: 'sealed' }), swab())).toMatchObject({ ok: false, code: 'TUBE_SEALED' });
    expect(decideSwab(tube({ roundId: 'old' }), swab())).toMatchObject({ ok: false, code: 'TUBE_OTHER_ROUND' });
    expect(decideSwab(tube({ siteId: 'x' }), swab())).toMatchObject({ ok: false, code: 'TUBE_OTHER_SITE' });
    expect(decideSwab(tube({ memberCount: 10 }), swab())).toMatchObject({ ok: false, code: 'TUBE_FULL' });
    expect(decideSwab(tube(), swab({ alreadyInTube: true }))).toMatchObject({ ok: false, code: 'PERSON_ALREADY_IN_TUBE' });
  });

  it('asks for a reason to sample a person twice in a day, and a single tube for a retest', () => {
    expect(decideSwab(tube(), swab({ sampledTodayAt: '2022-08-21T01:00:00Z' }))).toMatchObject({ code: 'SAMPLED_TODAY' });
    expect(decideSwab(tube(), swab({ sampledTodayAt: '2022-08-21T01:00:00Z', repeatReason: '首次采样管破损' })))
      .toMatchObject({ ok: true, seq: 1 });
    expect(decideSwab(tube(), swab({ awaitingRetest: true }))).toMatchObject({ code: 'NEEDS_SINGLE_TUBE' });
    expect(decideSwab(tube({ capacity: 1 }), swab({ awaitingRetest: true }))).toMatchObject({ ok: true, seals: true });
    expect(decideSwab(tube({ capacity: 1 }), swab({ awaitingRetest: true, sampledTodayAt: '2022-08-21T01:00:00Z' })))
      .toMatchObject({ ok: true });
  });

  it('fills a tube to exactly its capacity, sealing on the last swab, whatever the order of refusals', () => {
    fc.assert(fc.property(fc.constantFrom(1, 5, 10, 20), fc.array(fc.boolean(), { maxLength: 40 }), (capacity, dupes) => {
      const t = tube({ capacity });
      let seals = 0;
      for (const dupe of dupes) {
        const d = decideSwab(t, swab({ alreadyInTube: dupe }));
        if (!d.ok) continue;
        t.memberCount = d.seq;
        if (d.seals) {
          seals += 1;
          t.status = 'sealed';
        }
      }
      expect(t.memberCount).toBeLessThanOrEqual(capacity);
      expect(seals).toBe(t.memberCount === capacity ? 1 : 0);
      expect(sealState(t).underfilled).toBe(t.memberCount < capacity);
    }));
  });
});

describe('China day', () => {
  it('turns 16:00 UTC into the next local day', () => {
    expect(chinaDay('2022-08-21T15:59:59Z')).toBe('2022-08-21');
    expect(chinaDay('2022-08-21T16:00:00Z')).toBe('2022-08-22');
  });
});
