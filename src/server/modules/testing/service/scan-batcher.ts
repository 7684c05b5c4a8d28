import { requirePermission, type Actor } from '../../../platform/access.js';
import type { AppContext } from '../../../platform/context.js';
import { AppError } from '../../../platform/errors.js';
import type { Scan, ScanAccepted } from '../../../../shared/contracts/testing/sampling.js';
import { recordScans } from './sampling.js';

interface Pending {
  actor: Actor;
  scan: Scan;
  resolve: (a: ScanAccepted) => void;
  reject: (e: unknown) => void;
}

export interface ScanBatcherOptions {
  /** Scans written in one transaction at most. */
  maxBatch?: number;
  /** Scans waiting beyond this are refused at once (the route's admission should refuse them long before). */
  maxQueue?: number;
}

/**
 * Group commit for scans. Requests arriving while a transaction is being written wait for the next
 * one, so under load each commit carries many scans (one fsync, one set of queries) and at rest a
 * scan is written alone, at once. Every scan is committed before its request is answered.
 */
export function createScanBatcher(ctx: AppContext, options: ScanBatcherOptions = {}) {
  const maxBatch = options.maxBatch ?? 256;
  const maxQueue = options.maxQueue ?? 4096;
  let queue: Pending[] = [];
  let draining = false;

  async function drain(): Promise<void> {
    draining = true;
    try {
      while (queue.length > 0) {
        const batch = queue.slice(0, maxBatch);
        queue = queue.slice(batch.length);
        try {
          const outcomes = await recordScans(ctx, batch);
          outcomes.forEach((o, n) => (o.ok ? batch[n].resolve(o.accepted) : batch[n].reject(o.error)));
        } catch (err) {
          for (const p of batch) p.reject(err);
        }
      }
    } finally {
      draining = false;
    }
  }

  return {
    submit(actor: Actor, scan: Scan): Promise<ScanAccepted> {
      if (queue.length >= maxQueue) return Promise.reject(new AppError('OVERLOADED'));
      return new Promise<ScanAccepted>((resolve, reject) => {
        queue.push({ actor, scan, resolve, reject });
        if (!draining) {
          draining = true;
          setImmediate(() => void drain());
        }
      });
    },
    get pending() {
      return queue.length;
    },
  };
}

export type ScanBatcher = ReturnType<typeof createScanBatcher>;

/** A queue synced from a sampler's phone: refused whole without the right to sample, else each scan on its own. */
export async function syncScans(batcher: ScanBatcher, actor: Actor, scans: Scan[]): Promise<PromiseSettledResult<ScanAccepted>[]> {
  requirePermission(actor, 'testing.sample');
  return Promise.allSettled(scans.map((s) => batcher.submit(actor, s)));
}
