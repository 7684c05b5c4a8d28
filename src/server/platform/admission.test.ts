import { describe, expect, it } from 'vitest';
import { createAdmission, type Admission } from './admission.js';

/** Three windows of about 100 ms, each request answered at once, one a millisecond or so. */
async function answerSteadily(admission: Admission): Promise<void> {
  for (let round = 0; round < 3; round++) {
    const started = performance.now();
    while (performance.now() - started < 105) {
      if (admission.admit()) admission.release();
      await new Promise((r) => setTimeout(r, 1));
    }
  }
}

const idle = () => 0.2;

/** How many it admits now (each then released, as if answered at once). */
function fill(admission: Admission): number {
  let n = 0;
  while (admission.admit()) n++;
  for (let i = 0; i < n; i++) admission.release();
  return n;
}

describe('admission', () => {
  it('admits up to its floor at rest, refuses beyond it, and admits again once one is answered', () => {
    const admission = createAdmission({ maxWaitMs: 40, floor: 4, loopBusy: idle });
    expect([1, 2, 3, 4, 5].map(() => admission.admit())).toEqual([true, true, true, true, false]);
    expect(admission.inFlight).toBe(4);
    admission.release();
    expect(admission.admit()).toBe(true);
    expect(admission.admit()).toBe(false);
  });

  it('lets in more as the measured answer rate grows', async () => {
    const admission = createAdmission({ maxWaitMs: 40, floor: 2, loopBusy: idle });
    // 100 answers a window of ~100 ms: about 1,000 a second, so about 40 at once.
    await answerSteadily(admission);
    let admitted = 0;
    while (admission.admit()) admitted++;
    expect(admitted).toBeGreaterThan(10);
    expect(admitted).toBeLessThan(200);
  });

  it('keeps its limit through a dip in answers (a burst\'s refusals taking the CPU), forgetting its capacity only slowly', async () => {
    const admission = createAdmission({ maxWaitMs: 40, floor: 2, loopBusy: idle });
    await answerSteadily(admission);
    const before = fill(admission);
    // Three windows without an answer: a limit that followed the momentary rate would fall by two thirds.
    await new Promise((r) => setTimeout(r, 330));
    const during = fill(admission);
    expect(during).toBeGreaterThanOrEqual(Math.floor(before * 0.9));
    expect(during).toBeGreaterThan(10);
  });

  it('yields up to three quarters of its limit while refusing on a loop busy nearly all the time, and takes it back once the loop breathes', async () => {
    let busy = 0.2;
    const admission = createAdmission({ maxWaitMs: 40, floor: 100, loopBusy: () => busy });
    // Windows in which more come than are admitted (each window's first admission looks at the loop).
    const windows = async (n: number) => {
      for (let i = 0; i < n; i++) {
        await new Promise((r) => setTimeout(r, 105));
        fill(admission);
      }
    };
    expect(fill(admission)).toBe(100);
    busy = 0.97;
    await windows(2);
    expect(fill(admission)).toBeLessThan(100);
    await windows(20);
    // Never below a quarter: admitting less would not free the loop (refusals cost too), only lose scans.
    expect(fill(admission)).toBe(25);
    busy = 0.5;
    await windows(9);
    expect(fill(admission)).toBe(100);
  });

  it('yields nothing to a busy loop while it refuses no one (full load, no burst)', async () => {
    const admission = createAdmission({ maxWaitMs: 40, floor: 100, loopBusy: () => 0.99 });
    for (let i = 0; i < 10; i++) {
      await new Promise((r) => setTimeout(r, 105));
      for (let n = 0; n < 80; n++) expect(admission.admit()).toBe(true);
      for (let n = 0; n < 80; n++) admission.release();
    }
    expect(fill(admission)).toBe(100);
  });
});
