import { requirePermission, requireRegion, scopePaths, type Actor } from '../../../platform/access.js';
import { audit } from '../../../platform/audit.js';
import type { AppContext } from '../../../platform/context.js';
import { inTransaction, type DbOrTx } from '../../../platform/db/index.js';
import { AppError } from '../../../platform/errors.js';
import { nowIso } from '../../../platform/ids.js';
import { findRegion } from '../../regions/index.js';
import { householdsByIds, membersOfHouseholds } from '../../people/index.js';
import { activeTasksFor, createTask } from '../../tasks/index.js';
import { todayInChina } from '../../../../shared/validators/index.js';
import type { NewVisit, VisitView } from '../../../../shared/contracts/screening/rounds.js';
import type { HouseholdRow } from '../../people/index.js';
import type { ScreeningRoundRow, VisitRow } from '../tables.js';
import { takesVisitsOn } from '../rules/rounds.js';
import { strangers, workForOutcome, workRegionPath } from '../rules/visits.js';
import * as rounds from '../store/rounds.js';
import * as visits from '../store/visits.js';
import { visibleRound } from './rounds.js';

function toView(row: VisitRow, address: string, taskId: string | null): VisitView {
  return {
    id: row.id, roundId: row.round_id, householdId: row.household_id, regionCode: row.region_path.split('/').pop()!, address,
    shift: row.shift, outcome: row.outcome, present: JSON.parse(row.present) as string[], note: row.note, visitedAt: row.visited_at, taskId,
  };
}

const samePresent = (a: string[], b: string[]) => [...new Set(a)].sort().join() === [...new Set(b)].sort().join();

/** A visit sent again (the phone lost the answer): the same visit is answered as recorded, another one under its id refused. */
async function repeated(db: DbOrTx, actor: Actor, known: VisitRow, input: NewVisit): Promise<VisitView> {
  requireRegion(actor, known.region_path, 'capture');
  const same = known.round_id === input.roundId && known.household_id === input.householdId && known.outcome === input.outcome
    && known.shift === input.shift && samePresent(JSON.parse(known.present) as string[], input.present);
  if (!same) throw new AppError('VISIT_ID_REUSED', { id: known.id });
  const [household] = await householdsByIds(db, [known.household_id]);
  const [task] = await activeTasksFor(db, 'screening', [known.id]);
  return toView(known, household?.address ?? '', task?.id ?? null);
}

/**
 * Records a door-to-door visit of a household in a screening round, by day or night (白+黑), by a
 * ledger keeper of the household's grid (403 elsewhere). The id comes from the phone, so a retry
 * records it once. Outcomes drive work: a new arrival becomes a registration task for the grid,
 * symptoms a task for the community doctor, a refusal an escalation to the community; an absent
 * household stays outstanding until a later visit finds someone.
 */
export async function recordVisit(ctx: AppContext, actor: Actor, input: NewVisit): Promise<{ view: VisitView; created: boolean }> {
  requirePermission(actor, 'screening.capture');
  const db = ctx.handle.db;
  const known = await visits.findVisit(db, input.id);
  if (known) return { view: await repeated(db, actor, known, input), created: false };

  const round = await rounds.findRound(db, input.roundId);
  const [household] = await householdsByIds(db, [input.householdId]);
  if (!round || !household) throw new AppError('NOT_FOUND');
  requireRegion(actor, household.region_path, 'capture');
  const regions = await rounds.roundRegions(db, [round.id]);
  if (!regions.some((r) => household.region_path === r.region_path || household.region_path.startsWith(`${r.region_path}/`))) {
    throw new AppError('HOUSEHOLD_NOT_IN_ROUND');
  }
  const now = new Date();
  const visitedAt = input.visitedAt ? new Date(input.visitedAt) : now;
  if (visitedAt.getTime() > now.getTime() + 5 * 60_000) throw new AppError('VISIT_IN_FUTURE');
  if (!takesVisitsOn(round, todayInChina(visitedAt))) throw new AppError('SCREENING_ROUND_NOT_OPEN');
  const members = (await membersOfHouseholds(db, [household.id])).map((m) => m.id);
  if (strangers(input.present, members).length > 0) throw new AppError('VISIT_PRESENT_NOT_MEMBER');

  const row: VisitRow = {
    id: input.id, round_id: round.id, household_id: household.id, region_path: household.region_path,
    visited_at: visitedAt.toISOString(), shift: input.shift, outcome: input.outcome, present: JSON.stringify([...new Set(input.present)]),
    note: input.note?.trim() || null, created_at: nowIso(), created_by: actor.userId,
  };
  try {
    const taskId = await inTransaction(db, (tx) => writeVisit(tx, actor, round, household, row));
    return { view: toView(row, household.address, taskId), created: true };
  } catch (err) {
    // Two sends of one visit raced: the first one's row answers the second.
    const raced = await visits.findVisit(db, input.id);
    if (raced) return { view: await repeated(db, actor, raced, input), created: false };
    throw err;
  }
}

/**
 * Writes a visit and the work its outcome opens (a task for the grid or the community), audited when
 * a person made it. Inside the caller's transaction; checks are the caller's.
 */
export async function writeVisit(tx: DbOrTx, actor: Actor | null, round: Pick<ScreeningRoundRow, 'id' | 'name'>, household: HouseholdRow,
  row: VisitRow): Promise<string | null> {
  await visits.insertVisit(tx, row);
  const work = workForOutcome(row.outcome, { address: household.address, roundName: round.name });
  let task: string | null = null;
  if (work) {
    const regionPath = workRegionPath(household.region_path, work.to);
    task = await createTask(tx, actor, {
      title: work.title, kind: work.kind, sourceModule: 'screening', sourceId: row.id,
      target: { type: 'region', id: regionPath.split('/').pop()! }, regionPath, workstream: 'screening',
      dueAt: new Date(Date.parse(row.visited_at) + work.dueInHours * 3_600_000).toISOString(), note: row.note,
    });
  }
  if (actor) {
    await audit(tx, actor, { action: 'screening.visit', subjectType: 'household', subjectId: household.id,
      regionPath: household.region_path, detail: { roundId: round.id, visitId: row.id, outcome: row.outcome, shift: row.shift,
        present: (JSON.parse(row.present) as string[]).length, task } });
  }
  return task;
}

/** A round's visits in a region (a grid's record), newest first, with addresses and no names. */
export async function listVisits(ctx: AppContext, actor: Actor, roundId: string, regionCode?: string): Promise<VisitView[]> {
  requirePermission(actor, 'screening.view');
  const db = ctx.handle.db;
  await visibleRound(db, actor, roundId);
  const region = regionCode ? await findRegion(db, regionCode) : undefined;
  if (regionCode && !region) throw new AppError('NOT_FOUND');
  const rows = await visits.visitsUnder(db, roundId, scopePaths(actor, region?.path));
  const households = new Map((await householdsByIds(db, [...new Set(rows.map((r) => r.household_id))])).map((h) => [h.id, h]));
  const tasks = new Map((await activeTasksFor(db, 'screening', rows.map((r) => r.id))).map((t) => [t.source_id, t.id]));
  return rows.map((r) => toView(r, households.get(r.household_id)?.address ?? '', tasks.get(r.id) ?? null));
}
