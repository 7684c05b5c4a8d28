import { describe, expect, it } from 'vitest';
import { breachedAt, remainingAt } from './clocks.js';

const at = (hhmm: string) => `2022-08-21T${hhmm}:00.000Z`;
const now = Date.parse(at('10:00'));

describe('SLA clocks on the positive-pool page', () => {
  it('runs down while the step is to do and goes negative once due', () => {
    expect(remainingAt({ dueAt: at('10:45'), doneAt: null }, now)).toBe(45 * 60_000);
    expect(remainingAt({ dueAt: at('09:30'), doneAt: null }, now)).toBe(-30 * 60_000);
  });

  it('stops when the step is done: in time stays in time, late stays late, whatever the time now', () => {
    expect(remainingAt({ dueAt: at('09:30'), doneAt: at('09:10') }, now)).toBe(20 * 60_000);
    expect(remainingAt({ dueAt: at('09:30'), doneAt: at('09:40') }, now)).toBe(-10 * 60_000);
  });

  it('counts an incident breached when any clock is past due', () => {
    const inTime = { dueAt: at('11:00'), doneAt: null };
    expect(breachedAt([inTime, { dueAt: at('12:00'), doneAt: null }], now)).toBe(false);
    expect(breachedAt([inTime, { dueAt: at('09:59'), doneAt: null }], now)).toBe(true);
    expect(breachedAt([{ dueAt: at('09:00'), doneAt: at('08:59') }, inTime], now)).toBe(false);
    // The same incident an hour later: the first clock has run out.
    expect(breachedAt([inTime], now + 61 * 60_000)).toBe(true);
  });
});
