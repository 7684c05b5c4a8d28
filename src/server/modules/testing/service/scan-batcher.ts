import { requirePermission, type Actor } from '../../../platform/access.js';
import { AppError } from '../../../platform/errors.js';
import type { Scan, ScanAccepted } from '../../../../shared/contracts/testing/sampling.js';
import type { ScanRequest, ScanWriter } from './scan-writer.js';

interface Pending {
  request: ScanRequest;
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
export function createScanBatcher(writer: ScanWriter, options: ScanBatcherOptions = {}) {
  const maxBatch = options.maxBatch ?? 256;
  const maxQueue = options.maxQueue ?? 4096;
  // One group at a time: SQLite has one writer, and on PostgreSQL groups written side by side were
  // measured slower (they wait on each other's tube and counter locks).
  const queue: Pending[] = [];
  let writing = false;
  let scheduled = false;

  function pump(): void {
    if (writing || queue.length === 0) return;
    const group = queue.splice(0, maxBatch);
    writing = true;
    // The next group goes to the writer before this one is answered: the answers (serialising and
    // sending each reply) then overlap the next write instead of leaving the writer idle.
    const next = () => {
      writing = false;
      pump();
    };
    writer.write(group.map((p) => p.request)).then(
      (outcomes) => {
        next();
        outcomes.forEach((o, n) => (o.ok ? group[n].resolve(o.accepted) : group[n].reject(o.error)));
      },
      (err: unknown) => {
        next();
        for (const p of group) p.reject(err);
      },
    );
  }

  return {
    submit(actor: Actor, scan: Scan): Promise<ScanAccepted> {
      if (queue.length >= maxQueue) return Promise.reject(new AppError('OVERLOADED'));
      return new Promise<ScanAccepted>((resolve, reject) => {
        queue.push({ request: { actor, scan }, resolve, reject });
        // Scans that arrive in the same turn of the event loop go out together.
        if (!scheduled) {
          scheduled = true;
          setImmediate(() => {
            scheduled = false;
            pump();
          });
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
