import { can, requirePermission, scopePaths, type Actor } from '../../../platform/access.js';
import type { AppContext } from '../../../platform/context.js';
import { isolationSummary } from '../../isolation/index.js';
import type { ScreeningSummary } from '../../../../shared/contracts/screening/episodes.js';
import { todayInChina } from '../../../../shared/validators/index.js';
import { episodeFigures, visitFigures } from '../store/episode-summary.js';
import { chinaMidnight } from '../../../../shared/dates.js';

/**
 * The command's picture of screening in the reader's regions: managed people by category and place,
 * releases due today and proposed, tests due and missed, isolation occupancy and zones by level (from
 * the isolation module), and today's door-to-door completion of the open rounds.
 */
export async function screeningSummary(ctx: AppContext, actor: Actor): Promise<ScreeningSummary> {
  requirePermission(actor, 'screening.view');
  const db = ctx.handle.db;
  const paths = scopePaths(actor);
  const today = todayInChina();
  const todayStart = chinaMidnight(today);
  const [episodes, visits, isolation] = await Promise.all([
    episodeFigures(db, paths, today),
    visitFigures(db, paths, todayStart),
    can(actor, 'isolation.view') ? isolationSummary(db, actor, today) : Promise.resolve(null),
  ]);
  return {
    date: today,
    managed: episodes.byCategory.reduce((n, c) => n + c.count, 0),
    ...episodes,
    isolation: isolation ? { sites: isolation.sites, beds: isolation.beds, occupied: isolation.occupied, free: isolation.free } : null,
    zonesByLevel: isolation ? isolation.zonesByLevel : null,
    visits,
  };
}
