/**
 * Admission control for a hot route: at most as many requests in the server at once as it answers in
 * `maxWaitMs` at its capacity (never fewer than `floor`). A request not admitted is refused at once,
 * before its session is even read, so under a burst the admitted keep their latency, the refused hear
 * so quickly with Retry-After, and come back when the burst is over.
 *
 * Capacity is the best rate answered lately, forgotten slowly (half in about ten seconds), not the
 * rate of the moment. Under a burst the refusals take CPU and the momentary rate dips; a limit that
 * followed the dip (or was cut further while the event loop ran late) admitted less, answered less and
 * spiralled down: measured on a 2× burst, from 7,000 scans a second to 400 within seconds.
 */
export interface Admission {
  /** True when one more request may come in (it then counts until `release`). */
  admit(): boolean;
  release(): void;
  readonly inFlight: number;
}

const WINDOW_MS = 100;
/** Per 100 ms window: 0.993^100 ≈ 0.5, so an old peak counts half after ten seconds. */
const FORGET = 0.993;

export function createAdmission(opts: { maxWaitMs: number; floor: number }): Admission {
  let inFlight = 0;
  let capacity = 0;
  let answered = 0;
  let windowStart = performance.now();

  const tick = (now: number) => {
    if (now - windowStart < WINDOW_MS) return;
    const windowRate = (answered * 1000) / (now - windowStart);
    // A long quiet spell forgets once per window it lasted, not once in all.
    capacity = Math.max(windowRate, capacity * FORGET ** Math.floor((now - windowStart) / WINDOW_MS));
    windowStart = now;
    answered = 0;
  };
  const limit = () => Math.max(opts.floor, (capacity * opts.maxWaitMs) / 1000);

  return {
    admit() {
      tick(performance.now());
      if (inFlight >= limit()) return false;
      inFlight += 1;
      return true;
    },
    release() {
      inFlight -= 1;
      answered += 1;
      tick(performance.now());
    },
    get inFlight() {
      return inFlight;
    },
  };
}
