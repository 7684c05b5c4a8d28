import { monitorEventLoopDelay } from 'node:perf_hooks';

/**
 * Admission control for a hot route: at most as many requests in the server at once as it answers in
 * `maxWaitMs` at the rate it has lately been answering them — and fewer while the event loop itself is
 * late (then refusals and the requests not yet read are what wait). A request not admitted is refused
 * at once, before its session is even read, so under a burst the admitted keep their latency, the
 * refused hear so quickly with Retry-After, and come back when the burst is over.
 */
export interface Admission {
  /** True when one more request may come in (it then counts until `release`). */
  admit(): boolean;
  release(): void;
  readonly inFlight: number;
}

const WINDOW_MS = 100;
/** Event-loop lateness above which admission tightens, and below which it loosens again. */
const LATE_MS = 40;
const ON_TIME_MS = 20;

export function createAdmission(opts: { maxWaitMs: number; floor: number }): Admission {
  let inFlight = 0;
  // Answers per second, measured over 100 ms windows and smoothed.
  let rate = 0;
  let answered = 0;
  // The share of that rate admitted: cut while the loop is late, restored while it is on time.
  let share = 1;
  let windowStart = performance.now();
  const lateness = monitorEventLoopDelay({ resolution: 5 });
  lateness.enable();

  const tick = (now: number) => {
    if (now - windowStart < WINDOW_MS) return;
    const windowRate = (answered * 1000) / (now - windowStart);
    rate = rate === 0 ? windowRate : 0.7 * rate + 0.3 * windowRate;
    const lateMs = lateness.max / 1e6;
    share = lateMs > LATE_MS ? Math.max(0.1, share * 0.8) : lateMs < ON_TIME_MS ? Math.min(1, share + 0.1) : share;
    lateness.reset();
    windowStart = now;
    answered = 0;
  };
  const limit = () => Math.max(opts.floor * share, (rate * share * opts.maxWaitMs) / 1000);

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
