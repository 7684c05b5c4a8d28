import { requirePermission, scopePaths, type Actor } from '../../../platform/access.js';
import type { AppContext } from '../../../platform/context.js';
import { todayInChina } from '../../../../shared/validators/index.js';
import type { TestingSummary } from '../../../../shared/contracts/testing/summary.js';
import * as store from '../store/summary.js';
import { roundsMeeting } from '../store/rounds.js';
import { coverageOf } from './coverage.js';
import { chinaMidnight } from '../../../../shared/dates.js';


/**
 * The command screen's testing figures within the actor's regions: today's swabs and sealed tubes,
 * tubes awaiting a result, open positive incidents, and the latest open round's coverage by township
 * (from the counters, not from the samples).
 */
export async function testingSummary(ctx: AppContext, actor: Actor): Promise<TestingSummary> {
  requirePermission(actor, 'testing.view');
  const db = ctx.handle.db;
  const paths = scopePaths(actor);
  const date = todayInChina();
  const since = chinaMidnight(date);
  const yesterday = new Date(Date.parse(since) - 86_400_000).toISOString();
  const [recent, open] = await Promise.all([store.recentRounds(db, yesterday), roundsMeeting(db, paths, 'open')]);
  const roundIds = recent.map((r) => r.id);
  const [tubes, positives] = await Promise.all([store.tubeFigures(db, roundIds, paths, since), store.openIncidents(db, paths)]);
  const latest = open[0];
  let coverage: TestingSummary['coverage'] = [];
  if (latest && paths.length > 0) {
    // By township for a district-wide user; a narrower user sees their own region.
    const { region, children } = await coverageOf(db, actor, latest);
    coverage = region.level === 'district' ? children : [region];
  }
  return {
    date, samplesToday: tubes.swabs, tubesSealedToday: tubes.sealed, resultsPending: tubes.awaiting, positives,
    round: latest ? { id: latest.id, name: latest.name, endsAt: latest.ends_at } : null,
    coverage,
  };
}
