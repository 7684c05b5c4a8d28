import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canMove } from '../../../platform/workflow.js';
import {
  INCIDENT_LADDER, decideResult, gridPathOf, incidentKind, incidentOutcome, parseCt, parseReportedTime, parseResult, type TubeState,
} from './results.js';
import { INCIDENT_STATUSES, TEST_RESULTS, TUBE_STATUSES } from '../../../../shared/testing.js';

const now = new Date('2022-08-21T08:00:00.000Z');

describe('reading a results row', () => {
  it('reads result words in Chinese and English', () => {
    expect(parseResult('阴性')).toBe('negative');
    expect(parseResult(' 阳性 ')).toBe('positive');
    expect(parseResult('无效')).toBe('invalid');
    expect(parseResult('Negative')).toBe('negative');
    expect(parseResult('ＰＯＳＩＴＩＶＥ')).toBe('positive');
    expect(parseResult('弱阳性')).toBeNull();
    expect(parseResult('')).toBeNull();
  });

  it('reads Ct values: empty is none, out of (0, 50] or not a number is refused', () => {
    expect(parseCt('')).toEqual({ ok: true, value: null });
    expect(parseCt('32.5')).toEqual({ ok: true, value: 32.5 });
    expect(parseCt('0').ok).toBe(false);
    expect(parseCt('55').ok).toBe(false);
    expect(parseCt('abc').ok).toBe(false);
  });

  it('reads local Beijing times and ISO times; refuses the future and nonsense', () => {
    expect(parseReportedTime('2022-08-21 14:05', now)).toEqual({ ok: true, value: '2022-08-21T06:05:00.000Z' });
    expect(parseReportedTime('2022/8/21 9:05:30', now)).toEqual({ ok: true, value: '2022-08-21T01:05:30.000Z' });
    expect(parseReportedTime('2022-08-21', now)).toEqual({ ok: true, value: '2022-08-20T16:00:00.000Z' });
    expect(parseReportedTime('2022-08-21T07:00:00Z', now)).toEqual({ ok: true, value: '2022-08-21T07:00:00.000Z' });
    expect(parseReportedTime('', now)).toEqual({ ok: true, value: now.toISOString() });
    expect(parseReportedTime('2022-08-21 18:00', now)).toEqual({ ok: false, code: 'TIME_FUTURE' });
    expect(parseReportedTime('2022-02-30 10:00', now)).toEqual({ ok: false, code: 'TIME_FORMAT' });
    expect(parseReportedTime('yesterday', now)).toEqual({ ok: false, code: 'TIME_FORMAT' });
  });

  it('property: a local time written out reads back as the same instant', () => {
    fc.assert(fc.property(fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2022-08-21T07:59:00Z'), noInvalidDate: true }), (d) => {
      const local = new Date(d.getTime() + 8 * 3_600_000);
      const p = (n: number) => String(n).padStart(2, '0');
      const text = `${local.getUTCFullYear()}-${p(local.getUTCMonth() + 1)}-${p(local.getUTCDate())} ${p(local.getUTCHours())}:${p(local.getUTCMinutes())}:${p(local.getUTCSeconds())}`;
      const r = parseReportedTime(text, now);
      expect(r).toEqual({ ok: true, value: new Date(Math.floor(d.getTime() / 1000) * 1000).toISOString() });
    }));
  });
});

describe('deciding a result for a tube', () => {
  const lab = 'LAB1';
  it('records a result for a sealed tube without one', () => {
    expect(decideResult({ status: 'sealed', labId: null, result: null }, lab, 'negative')).toEqual({ kind: 'record' });
    expect(decideResult({ status: 'received', labId: lab, result: null }, lab, 'positive')).toEqual({ kind: 'record' });
  });

  it('refuses an unknown tube, a tube never sealed, another lab\'s tube, a different second result', () => {
    expect(decideResult(undefined, lab, 'negative')).toEqual({ kind: 'refuse', code: 'TUBE_UNKNOWN' });
    expect(decideResult({ status: 'open', labId: null, result: null }, lab, 'positive')).toEqual({ kind: 'refuse', code: 'TUBE_NOT_SEALED' });
    expect(decideResult({ status: 'received', labId: 'LAB2', result: null }, lab, 'negative')).toEqual({ kind: 'refuse', code: 'TUBE_OTHER_LAB' });
    expect(decideResult({ status: 'resulted', labId: lab, result: 'negative' }, lab, 'positive')).toEqual({ kind: 'refuse', code: 'RESULT_CONFLICT' });
  });

  it('property: sending the same result again is always "unchanged" (idempotent), never a write', () => {
    fc.assert(fc.property(fc.constantFrom(...TEST_RESULTS), fc.constantFrom(...TUBE_STATUSES), (result, status) => {
      if (status === 'open') return;
      const tube: TubeState = { status: 'resulted', labId: lab, result };
      expect(decideResult(tube, lab, result)).toEqual({ kind: 'unchanged' });
    }));
  });

  it('property: a tube of another lab is refused whatever the result', () => {
    fc.assert(fc.property(fc.constantFrom(...TEST_RESULTS), fc.constantFrom(...TUBE_STATUSES.filter((s) => s !== 'open')),
      fc.option(fc.constantFrom(...TEST_RESULTS), { nil: null }), (result, status, existing) => {
        expect(decideResult({ status, labId: 'LAB2', result: existing }, lab, result)).toEqual({ kind: 'refuse', code: 'TUBE_OTHER_LAB' });
      }));
  });
});

describe('incidents', () => {
  it('is a pool for a pooled tube and single for a single tube', () => {
    expect(incidentKind(10)).toBe('pool');
    expect(incidentKind(1)).toBe('single');
  });

  it('has an outcome only when every member has a usable retest', () => {
    expect(incidentOutcome([])).toBeNull();
    expect(incidentOutcome(['negative', null])).toBeNull();
    expect(incidentOutcome(['negative', 'invalid'])).toBeNull();
    expect(incidentOutcome(['negative', 'negative'])).toBe('cleared');
    expect(incidentOutcome(['negative', 'positive'])).toBe('positive_found');
  });

  it('property: the outcome is positive_found exactly when a usable set holds a positive', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom('negative', 'positive') as fc.Arbitrary<'negative' | 'positive'>, { minLength: 1, maxLength: 20 }), (rs) => {
      expect(incidentOutcome(rs)).toBe(rs.includes('positive') ? 'positive_found' : 'cleared');
    }));
  });

  it('sends retest tasks to the grid, even for a member registered at a building', () => {
    expect(gridPathOf('630106/630106105/630106105001/630106105001001/630106105001001001')).toBe('630106/630106105/630106105001/630106105001001');
    expect(gridPathOf('630106/630106105/630106105001')).toBe('630106/630106105/630106105001');
  });

  it('ladder: closed is final, every other state may close, and the usual path is allowed', () => {
    for (const s of INCIDENT_STATUSES) expect(canMove(INCIDENT_LADDER, 'closed', s)).toBe(false);
    for (const s of INCIDENT_STATUSES.filter((x) => x !== 'closed')) expect(canMove(INCIDENT_LADDER, s, 'closed')).toBe(true);
    expect(['open->notified', 'notified->resampled', 'resampled->resulted', 'open->resampled']
      .every((m) => { const [a, b] = m.split('->') as ['open', 'notified']; return canMove(INCIDENT_LADDER, a, b); })).toBe(true);
    expect(canMove(INCIDENT_LADDER, 'open', 'resulted')).toBe(false);
  });
});
