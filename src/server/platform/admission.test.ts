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

describe('admission', () => {
  it('admits up to its floor at rest, refuses beyond it, and admits again once one is answered', () => {
    const admission = createAdmission({ maxWaitMs: 40, floor: 4 });
    expect([1, 2, 3, 4, 5].map(() => admission.admit())).toEqual([true, true, true, true, false]);
    expect(admission.inFlight).toBe(4);
    admission.release();
    expect(admission.admit()).toBe(true);
    expect(admission.admit()).toBe(false);
  });

  it('lets in more as the measured answer rate grows', async () => {
    const admission = createAdmission({ maxWaitMs: 40, floor: 2 });
    // 100 answers a window of ~100 ms: about 1,000 a second, so about 40 at once.
    await answerSteadily(admission);
    let admitted = 0;
    while (admission.admit()) admitted++;
    expect(admitted).toBeGreaterThan(10);
    expect(admitted).toBeLessThan(200);
  });

  it('keeps its limit through a dip in answers (a burst\'s refusals taking the CPU), forgetting its capacity only slowly', async () => {
    const admission = createAdmission({ maxWaitMs: 40, floor: 2 });
    await answerSteadily(admission);
    const fill = () => {
      let n = 0;
      while (admission.admit()) n++;
      for (let i = 0; i < n; i++) admission.release();
      return n;
    };
    const before = fill();
    // Three windows without an answer: a limit that followed the momentary rate would fall by two thirds.
    await new Promise((r) => setTimeout(r, 330));
    const during = fill();
    expect(during).toBeGreaterThanOrEqual(Math.floor(before * 0.9));
    expect(during).toBeGreaterThan(10);
  });
});
