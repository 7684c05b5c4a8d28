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

interface Registered {
  listener: SampleResultsListener;
  /** The only people whose samples the listener wants (read first; a district round's file then costs a few probes, not every sample). */
  people?: (db: DbOrTx) => Promise<Set<string>>;
}

const listeners = new Set<Registered>();

/**
 * Registers a listener for newly recorded results of registered people's samples; returns a
 * function that removes it. Listeners run in the process that records the results (a large upload
 * records them in a worker thread: register from code both load, see src/server/flows.ts).
 */
export function onSampleResults(listener: SampleResultsListener, opts: { people?: (db: DbOrTx) => Promise<Set<string>> } = {}): () => void {
  const entry: Registered = { listener, people: opts.people };
  listeners.add(entry);
  return () => listeners.delete(entry);
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
  const entries = [...listeners];
  // When every listener names its people, their samples are found by person (index probes) and kept if in these tubes.
  let wanted: Set<string> | null = null;
  if (entries.every((e) => e.people)) {
    wanted = new Set<string>();
    for (const e of entries) for (const id of await e.people!(db)) wanted.add(id);
    if (wanted.size === 0) return;
  }
  const rows: { tube_id: string; subject_id: string; sampled_at: string }[] = [];
  if (wanted && wanted.size < byId.size) {
    for (const part of chunksOf([...wanted])) {
      for (const s of await db.selectFrom('testing_samples').select(['tube_id', 'subject_id', 'sampled_at'])
        .where('subject_id', 'in', part).where('subject_kind', '=', 'person').execute()) {
        if (byId.has(s.tube_id)) rows.push(s);
      }
    }
  } else {
    for (const part of chunksOf([...byId.keys()])) {
      rows.push(...await db.selectFrom('testing_samples').select(['tube_id', 'subject_id', 'sampled_at'])
        .where('tube_id', 'in', part).where('subject_kind', '=', 'person').execute());
    }
  }
  const results: SampleResult[] = [];
  for (const s of rows) {
    if (wanted && !wanted.has(s.subject_id)) continue;
    const t = byId.get(s.tube_id)!;
    results.push({ personId: s.subject_id, sampledAt: s.sampled_at, result: t.result, reportedAt: t.reportedAt, tubeBarcode: t.barcode });
  }
  if (results.length === 0) return;
  for (const e of entries) await e.listener(results, db, actor);
}
