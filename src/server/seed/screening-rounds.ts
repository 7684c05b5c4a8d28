import { withTx, type AppContext } from '../platform/context.js';
import type { DbOrTx } from '../platform/db/index.js';
import { newId } from '../platform/ids.js';
import { findRegion } from '../modules/regions/index.js';
import { householdsUnder, membersOfHouseholds } from '../modules/people/index.js';
import { todayInChina } from '../../shared/validators/index.js';
import type { VisitOutcomeCode, VisitShift } from '../../shared/contracts/screening/rounds.js';
import { createScreeningRound, writeVisit } from '../modules/screening/index.js';

export const DEMO_SCREENING_ROUND = '多巴镇第1轮入户排查（白+黑）';
export const DEMO_VISIT_GRID = '630106105001001';

/** Yesterday's visits in the demo grid, in household order: day and night, mostly found at home. */
const VISITS: { outcome: VisitOutcomeCode; shift: VisitShift; hour: number }[] = [
  { outcome: 'normal', shift: 'day', hour: 9 }, { outcome: 'normal', shift: 'day', hour: 10 },
  { outcome: 'absent', shift: 'day', hour: 11 }, { outcome: 'normal', shift: 'night', hour: 20 },
  { outcome: 'new_arrival', shift: 'night', hour: 20 }, { outcome: 'normal', shift: 'night', hour: 21 },
  { outcome: 'absent', shift: 'night', hour: 21 },
];

/**
 * The demo district's screening round: open over 多巴镇 from yesterday for four days, with yesterday's
 * visits to the first households of the demo grid (the absent ones still to revisit, a new arrival
 * with its registration task). Runs inside the seed's transaction.
 */
export async function seedScreeningRounds(ctx: AppContext, tx: DbOrTx): Promise<{ roundId: string; visits: number }> {
  const day = (offset: number) => todayInChina(new Date(Date.now() + offset * 86_400_000));
  const yesterday = day(-1);
  const round = await createScreeningRound(withTx(ctx, tx), null, {
    name: DEMO_SCREENING_ROUND, regionCodes: ['630106105'], startsOn: yesterday, endsOn: day(2),
  });
  const grid = await findRegion(tx, DEMO_VISIT_GRID);
  if (!grid) return { roundId: round.id, visits: 0 };
  const households = (await householdsUnder(tx, [grid.path])).slice(0, VISITS.length);
  const members = await membersOfHouseholds(tx, households.map((h) => h.id));
  for (const [i, h] of households.entries()) {
    const v = VISITS[i];
    const at = new Date(Date.parse(`${yesterday}T${String(v.hour).padStart(2, '0')}:00:00+08:00`)).toISOString();
    const present = v.outcome === 'absent' ? [] : members.filter((m) => m.household_id === h.id).slice(0, 2).map((m) => m.id);
    await writeVisit(tx, null, round, h, { id: newId(), round_id: round.id, household_id: h.id, region_path: h.region_path,
      visited_at: at, shift: v.shift, outcome: v.outcome, present: JSON.stringify(present), note: null, created_at: at, created_by: null });
  }
  return { roundId: round.id, visits: households.length };
}
