/**
 * Flows between modules (DESIGN.md): the listeners one module's announcements reach in another,
 * registered once per process or worker thread. app.ts imports this file, and so does the worker
 * entry before the module it runs (a large results upload records its results there).
 */
import { onPositivePool, onSampleResults } from './modules/testing/index.js';
import {
  applySampleResults, checkDraft, openEpisodes, peopleAwaitingTests, planningContext, sweepMissedTests, type EpisodeDraft,
} from './modules/screening/index.js';
import type { DbOrTx } from './platform/db/index.js';
import { todayInChina } from '../shared/validators/index.js';

let registered = false;

export function registerFlows(): void {
  if (registered) return;
  registered = true;

  // A positive pool's registered members become managed people (混管阳性人员) at once, anchored on the
  // day of detection; their single-tube retest is the episode's one scheduled test.
  onPositivePool(async (event, db) => {
    const today = todayInChina();
    const response = await planningContext(db);
    const drafts: EpisodeDraft[] = event.members.flatMap((m) => (m.personId ? [{
      personId: m.personId, category: 'POOL_POSITIVE' as const, anchorDate: today, source: 'positive_pool' as const,
      sourceRef: event.incidentId, note: `混管 ${event.tubeBarcode} 阳性`,
    }] : []));
    // Without a plan (no response in force) the pool is still an incident with retest tasks; nothing to open here.
    const plannable = drafts.filter((d) => checkDraft(d, today, response) === null);
    await openEpisodes(db, null, plannable, today);
  });

  // Lab results of managed people fill their scheduled tests (only their samples are read).
  onSampleResults(async (results, db, actor) => {
    await applySampleResults(db, actor, results.map((r) => ({ personId: r.personId, sampledAt: r.sampledAt, result: r.result,
      reportedAt: r.reportedAt, sourceRef: r.tubeBarcode })));
  }, { people: peopleAwaitingTests });
}

registerFlows();

/** Timers of the serving process: the missed-test sweep at start and every hour. Returns a stop function. */
export function startFlowTimers(db: DbOrTx, log: (err: unknown) => void): () => void {
  const sweep = () => void sweepMissedTests(db, todayInChina()).catch(log);
  sweep();
  const timer = setInterval(sweep, 3_600_000);
  timer.unref();
  return () => clearInterval(timer);
}
