import { performance } from 'node:perf_hooks';

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
 *
 * A refusal is only fast if the event loop has time to read it. When requests are being refused and
 * the loop is busy nearly all the time, the admitted work is what fills it, so the limit yields a
 * share (down to a quarter, no lower: no spiral) until the loop breathes or the refusals stop, and
 * takes it back as soon as they do. A busy loop alone yields nothing: at full load without a burst,
 * every scan the server can take is taken.
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
/** The loop's busy share above which, under refusals, the admitted yield; and the least share they keep. */
const BUSY = 0.85;
const LEAST_SHARE = 0.25;

export interface AdmissionOptions {
  maxWaitMs: number;
  floor: number;
  /** How busy the event loop was since the last call, 0–1 (default: this thread's event-loop utilisation). */
  loopBusy?: () => number;
}

export function createAdmission(opts: AdmissionOptions): Admission {
  const loopBusy = opts.loopBusy ?? eventLoopBusy();
  let inFlight = 0;
  let capacity = 0;
  let share = 1;
  let answered = 0;
  let refused = 0;
  let windowStart = performance.now();

  const tick = (now: number) => {
    if (now - windowStart < WINDOW_MS) return;
    const windowRate = (answered * 1000) / (now - windowStart);
    // A long quiet spell forgets once per window it lasted, not once in all.
    capacity = Math.max(windowRate, capacity * FORGET ** Math.floor((now - windowStart) / WINDOW_MS));
    const busy = loopBusy();
    share = refused > 0 && busy > BUSY ? Math.max(LEAST_SHARE, share * 0.9) : Math.min(1, share + 0.1);
    windowStart = now;
    answered = 0;
    refused = 0;
  };
  const limit = () => share * Math.max(opts.floor, (capacity * opts.maxWaitMs) / 1000);

  return {
    admit() {
      tick(performance.now());
      if (inFlight >= limit()) {
        refused += 1;
        return false;
      }
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

function eventLoopBusy(): () => number {
  let last = performance.eventLoopUtilization();
  return () => {
    const now = performance.eventLoopUtilization();
    const busy = performance.eventLoopUtilization(now, last).utilization;
    last = now;
    return busy;
  };
}
