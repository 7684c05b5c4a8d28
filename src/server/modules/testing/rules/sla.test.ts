import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { clockState, dueTimes, incidentClocks, isBreached, type IncidentTimes } from './sla.js';

const t0 = '2022-08-21T06:00:00.000Z';
const minutes = (iso: string, m: number) => new Date(Date.parse(iso) + m * 60_000).toISOString();

describe('SLA clocks of a positive pool', () => {
  it('sets the due times from the response parameters (1 h / 4 h / 6 h)', () => {
    expect(dueTimes(t0, { notifyMinutes: 60, resampleMinutes: 240, resultMinutes: 360 })).toEqual({
      notify: '2022-08-21T07:00:00.000Z', resample: '2022-08-21T10:00:00.000Z', result: '2022-08-21T12:00:00.000Z',
    });
  });

  it('breaches a running clock the moment its due time passes, not before', () => {
    const due = minutes(t0, 60);
    expect(clockState('notify', due, null, new Date(due)).breached).toBe(false);
    expect(clockState('notify', due, null, new Date(Date.parse(due) + 1)).breached).toBe(true);
  });

  it('freezes a clock when its step is done: in time never breaches, late stays breached', () => {
    const due = minutes(t0, 60);
    const muchLater = new Date(Date.parse(t0) + 48 * 3_600_000);
    expect(clockState('notify', due, minutes(t0, 59), muchLater)).toMatchObject({ breached: false, remainingMs: 60_000 });
    expect(clockState('notify', due, minutes(t0, 61), muchLater)).toMatchObject({ breached: true, remainingMs: -60_000 });
  });

  it('property: remaining time + elapsed time = the clock length, for any clock and any moment', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 7 * 24 * 60 }), fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }), (len, offsetMs) => {
      const due = dueTimes(t0, { notifyMinutes: len, resampleMinutes: len, resultMinutes: len }).notify;
      const now = new Date(Date.parse(t0) + offsetMs);
      const s = clockState('notify', due, null, now);
      expect(s.remainingMs + offsetMs).toBe(len * 60_000);
      expect(s.breached).toBe(offsetMs > len * 60_000);
    }));
  });

  it('property: a clock done in time is never breached, however late it is now; a running one breaches monotonically', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 1440 }), fc.integer({ min: 0, max: 1440 }), fc.integer({ min: 0, max: 10_000 }),
      (len, doneAfter, laterMin) => {
        const due = minutes(t0, len);
        const done = minutes(t0, doneAfter);
        const now = new Date(Date.parse(done) + laterMin * 60_000);
        expect(clockState('resample', due, done, now).breached).toBe(doneAfter > len);
        const before = new Date(Date.parse(t0) + Math.min(doneAfter, len) * 60_000);
        if (clockState('resample', due, null, before).breached) expect(clockState('resample', due, null, now).breached).toBe(true);
      }));
  });

  it('stops every running clock when the incident is closed', () => {
    const due = dueTimes(t0, { notifyMinutes: 60, resampleMinutes: 240, resultMinutes: 360 });
    const incident: IncidentTimes = {
      status: 'closed', notify_due_at: due.notify, resample_due_at: due.resample, result_due_at: due.result,
      notified_at: minutes(t0, 30), resampled_at: null, resulted_at: null, closed_at: minutes(t0, 90),
    };
    const later = new Date(Date.parse(t0) + 24 * 3_600_000);
    expect(incidentClocks(incident, later).map((c) => c.breached)).toEqual([false, false, false]);
    expect(isBreached({ ...incident, status: 'open', notified_at: null, closed_at: null }, later)).toBe(true);
  });

  it('treats a negative setting as zero minutes', () => {
    expect(dueTimes(t0, { notifyMinutes: -5, resampleMinutes: 0, resultMinutes: 1 }).notify).toBe(t0);
  });
});
