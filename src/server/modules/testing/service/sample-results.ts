import type { Actor } from '../../../platform/access.js';
import { chunksOf, type DbOrTx } from '../../../platform/db/index.js';
import type { TestResult } from '../../../../shared/testing.js';

/** A registered person's sample whose tube has just got a result (what screening fills its scheduled tests with). */
export interface SampleResult {
  personId: string;
  sampledAt: string;
  /** The sample's own result: a single tube's, or a negative or invalid pool's (a positive pool is an incident instead). */
  result: TestResult;
  reportedAt: string;
  tubeBarcode: string;
}

/** Called inside the transaction that records the results; `db` is that transaction. */
export type SampleResultsListener = (results: SampleResult[], db: DbOrTx, actor: Actor | null) => Promise<void> | void;

const listeners = new Set<SampleResultsListener>();

/**
 * Registers a listener for newly recorded results of registered people's samples; returns a
 * function that removes it. Listeners run in the process that records the results (a large upload
 * records them in a worker thread: register from code both load, see src/server/flows.ts).
 */
export function onSampleResults(listener: SampleResultsListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Tells the listeners what the recorded tubes mean for each registered person sampled in them. The
 * members of a positive pool are left out: their pool opens an incident and a single-tube retest,
 * which is their result.
 */
export async function announceSampleResults(db: DbOrTx, actor: Actor | null,
  tubes: { id: string; barcode: string; capacity: number; result: TestResult; reportedAt: string }[]): Promise<void> {
  if (listeners.size === 0) return;
  const counted = tubes.filter((t) => t.capacity === 1 || t.result !== 'positive');
  if (counted.length === 0) return;
  const byId = new Map(counted.map((t) => [t.id, t]));
  const results: SampleResult[] = [];
  for (const part of chunksOf([...byId.keys()])) {
    const rows = await db.selectFrom('testing_samples').select(['tube_id', 'subject_id', 'sampled_at'])
      .where('tube_id', 'in', part).where('subject_kind', '=', 'person').execute();
    for (const s of rows) {
      const t = byId.get(s.tube_id)!;
      results.push({ personId: s.subject_id, sampledAt: s.sampled_at, result: t.result, reportedAt: t.reportedAt, tubeBarcode: t.barcode });
    }
  }
  if (results.length === 0) return;
  for (const listener of listeners) await listener(results, db, actor);
}
