import { requirePermission, scopePaths, type Actor } from '../../../platform/access.js';
import type { DbOrTx } from '../../../platform/db/index.js';
import type { IsolationSummary } from '../../../../shared/contracts/isolation/summary.js';
import { todayInChina } from '../../../../shared/validators/index.js';
import * as sites from '../store/sites.js';
import * as zones from '../store/zones.js';
import { addDays } from '../../../../shared/dates.js';

/**
 * Figures for command, within the actor's regions: open sites, their beds, occupied and free,
 * expected releases over the next 7 days, active zones by level and proposals waiting.
 */
export async function isolationSummary(db: DbOrTx, actor: Actor, today = todayInChina()): Promise<IsolationSummary> {
  requirePermission(actor, 'isolation.view');
  const paths = scopePaths(actor);
  const open = (await sites.sitesUnder(db, paths)).filter((s) => s.status !== 'closed');
  const ids = open.map((s) => s.id);
  const [capacity, stays, active, pending] = await Promise.all([
    sites.capacityOf(db, ids), sites.activeStaysIn(db, ids), zones.zonesUnder(db, paths, 'active'), zones.proposalsUnder(db, paths, 'proposed'),
  ]);
  const beds = ids.reduce((n, id) => n + (capacity.get(id) ?? 0), 0);
  const occupiedBySite = new Map<string, number>();
  for (const s of stays) occupiedBySite.set(s.site_id, (occupiedBySite.get(s.site_id) ?? 0) + 1);
  const free = ids.reduce((n, id) => n + Math.max(0, (capacity.get(id) ?? 0) - (occupiedBySite.get(id) ?? 0)), 0);
  const releasesDue = Array.from({ length: 7 }, (_, i) => {
    const date = addDays(today, i);
    // Today's figure includes stays whose expected date has already passed (overdue releases).
    return { date, count: stays.filter((s) => s.expected_release_on !== null && (i === 0 ? s.expected_release_on <= date : s.expected_release_on === date)).length };
  });
  const byLevel = { high: 0, medium: 0, low: 0 };
  for (const z of active) if (z.level) byLevel[z.level]++;
  return { sites: open.length, beds, occupied: stays.length, free, releasesDue, zonesByLevel: byLevel, proposalsPending: pending.length };
}
