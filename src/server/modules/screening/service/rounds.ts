import { requirePermission, requireRegion, scopePaths, type Actor } from '../../../platform/access.js';
import { audit } from '../../../platform/audit.js';
import type { AppContext } from '../../../platform/context.js';
import { inTransaction, type DbOrTx } from '../../../platform/db/index.js';
import { AppError, validationError } from '../../../platform/errors.js';
import { newId, nowIso } from '../../../platform/ids.js';
import { findRegion, findRegions, regionNames, regionsUnder, type RegionRow } from '../../regions/index.js';
import { REGION_LEVELS } from '../../../../shared/regions.js';
import type {
  CompletionReport, NewScreeningRound, ScreeningRoundView,
} from '../../../../shared/contracts/screening/rounds.js';
import type { ScreeningRoundRegionRow, ScreeningRoundRow } from '../tables.js';
import { completionByNode, windowProblem, type VisitFact } from '../rules/rounds.js';
import * as rounds from '../store/rounds.js';
import { visitFacts } from '../store/visits.js';

export async function roundViews(db: DbOrTx, rows: ScreeningRoundRow[]): Promise<ScreeningRoundView[]> {
  const regions = await rounds.roundRegions(db, rows.map((r) => r.id));
  const names = await regionNames(db, [...new Set(regions.map((r) => r.region_code))]);
  return rows.map((row) => ({
    id: row.id, name: row.name, status: row.status, startsOn: row.starts_on, endsOn: row.ends_on, createdAt: row.created_at,
    closedAt: row.closed_at,
    regions: regions.filter((r) => r.round_id === row.id).map((r) => ({ code: r.region_code, name: names.get(r.region_code) ?? r.region_code })),
  }));
}

/** Screening rounds that touch the actor's regions, newest first. */
export async function listRounds(ctx: AppContext, actor: Actor): Promise<ScreeningRoundView[]> {
  requirePermission(actor, 'screening.view');
  const db = ctx.handle.db;
  return roundViews(db, await rounds.roundsMeeting(db, scopePaths(actor)));
}

/** A round the actor may see: its scope meets theirs. Others are "not found", as if absent. */
export async function visibleRound(db: DbOrTx, actor: Actor, id: string): Promise<ScreeningRoundRow> {
  const row = await rounds.findRound(db, id);
  if (!row) throw new AppError('NOT_FOUND');
  const regions = await rounds.roundRegions(db, [id]);
  const meets = regions.some((r) => scopePaths(actor).some((p) => r.region_path === p || r.region_path.startsWith(`${p}/`)
    || p.startsWith(`${r.region_path}/`)));
  if (!meets) throw new AppError('NOT_FOUND');
  return row;
}

export async function getRound(ctx: AppContext, actor: Actor, id: string): Promise<ScreeningRoundView> {
  requirePermission(actor, 'screening.view');
  const db = ctx.handle.db;
  return (await roundViews(db, [await visibleRound(db, actor, id)]))[0];
}

/**
 * Declares a screening round (排查轮次) over regions and a window of local dates. Headquarters only,
 * within its capture scope; a region inside another of the same round is dropped (no double counts).
 */
export async function createRound(ctx: AppContext, actor: Actor | null, input: NewScreeningRound): Promise<ScreeningRoundView> {
  if (actor) requirePermission(actor, 'screening.manage');
  const db = ctx.handle.db;
  if (windowProblem(input.startsOn, input.endsOn)) throw new AppError('SCREENING_ROUND_WINDOW');
  const codes = [...new Set(input.regionCodes)];
  const found = await findRegions(db, codes);
  const unknown = codes.filter((c) => !found.some((r) => r.code === c));
  if (unknown.length > 0) throw validationError(unknown.map((value) => ({ field: 'regionCodes', code: 'REGION_UNKNOWN', params: { value } })));
  if (actor) for (const r of found) requireRegion(actor, r.path, 'capture');
  const roots = found.filter((r) => !found.some((o) => o !== r && r.path.startsWith(`${o.path}/`)));
  const row: ScreeningRoundRow = {
    id: newId(), name: input.name, status: 'open', starts_on: input.startsOn, ends_on: input.endsOn, created_at: nowIso(),
    created_by: actor?.userId ?? null, closed_at: null,
  };
  const regions: ScreeningRoundRegionRow[] = roots.map((r) => ({ round_id: row.id, region_code: r.code, region_path: r.path }));
  await inTransaction(db, async (tx) => {
    await rounds.insertRound(tx, row, regions);
    if (actor) await audit(tx, actor, { action: 'screening.round.create', subjectType: 'screening_round', subjectId: row.id,
      detail: { name: row.name, regions: roots.map((r) => r.code), startsOn: row.starts_on, endsOn: row.ends_on } });
  });
  return (await roundViews(db, [row]))[0];
}

/** Closes an open round: no more visits; its figures stay. */
export async function closeRound(ctx: AppContext, actor: Actor, id: string): Promise<ScreeningRoundView> {
  requirePermission(actor, 'screening.manage');
  const db = ctx.handle.db;
  const row = await visibleRound(db, actor, id);
  for (const r of await rounds.roundRegions(db, [id])) requireRegion(actor, r.region_path, 'capture');
  if (row.status !== 'open') throw new AppError('INVALID_STATE');
  await inTransaction(db, async (tx) => {
    if ((await rounds.closeRound(tx, id, nowIso())) !== 1) throw new AppError('INVALID_STATE');
    await audit(tx, actor, { action: 'screening.round.close', subjectType: 'screening_round', subjectId: id });
  });
  return getRound(ctx, actor, id);
}

const under = (path: string, node: string) => path === node || path.startsWith(`${node}/`);

/** Households of a region that the round covers: all of them inside its scope, or the scope's own inside the region. */
function householdsInRound(node: RegionRow, roundRegions: ScreeningRoundRegionRow[], byPath: Map<string, RegionRow>): number {
  let n = 0;
  for (const r of roundRegions) {
    if (under(node.path, r.region_path)) return node.household_count;
    if (under(r.region_path, node.path)) n += byPath.get(r.region_path)?.household_count ?? 0;
  }
  return n;
}

/** The region a completion report starts at: the actor's own inside the round, else the round's own inside theirs. */
function defaultRegion(own: string[], roundRegions: ScreeningRoundRegionRow[]): string {
  for (const p of own) if (roundRegions.some((r) => under(p, r.region_path))) return p.split('/').pop()!;
  const inside = roundRegions.filter((r) => own.some((p) => under(r.region_path, p)));
  if (inside.length === 1) return inside[0].region_code;
  return (own[0] ?? roundRegions[0].region_path).split('/').pop()!;
}

/**
 * A round's completion for a region and the regions one level below it (township → community →
 * grid): households visited with an outcome other than absent over households in scope, households
 * by outcome, day and night visits. Without a region: the actor's own, or the round's when the actor
 * sees the whole district.
 */
export async function roundCompletion(ctx: AppContext, actor: Actor, id: string, regionCode?: string): Promise<CompletionReport> {
  requirePermission(actor, 'screening.view');
  const db = ctx.handle.db;
  const round = await visibleRound(db, actor, id);
  const roundRegions = await rounds.roundRegions(db, [id]);
  const node = await findRegion(db, regionCode ?? defaultRegion(scopePaths(actor), roundRegions));
  if (!node) throw new AppError('NOT_FOUND');
  requireRegion(actor, node.path);
  if (!roundRegions.some((r) => under(node.path, r.region_path) || under(r.region_path, node.path))) throw new AppError('NOT_FOUND');

  const childLevel = REGION_LEVELS[REGION_LEVELS.indexOf(node.level) + 1];
  const children = childLevel && childLevel !== 'building'
    ? (await regionsUnder(db, [node.path], [childLevel]))
      .filter((c) => roundRegions.some((r) => under(c.path, r.region_path) || under(r.region_path, c.path)))
    : [];
  const byPath = new Map<string, RegionRow>((await findRegions(db, roundRegions.map((r) => r.region_code))).map((r) => [r.path, r]));
  const facts: VisitFact[] = (await visitFacts(db, [id], [node.path])).map((v) => ({
    id: v.id, householdId: v.household_id, regionPath: v.region_path, outcome: v.outcome, shift: v.shift, visitedAt: v.visited_at,
  }));
  const nodes = [node, ...children].map((r) => ({ path: r.path, households: householdsInRound(r, roundRegions, byPath) }));
  const figures = completionByNode(nodes, facts);
  const asNode = (r: RegionRow) => ({ code: r.code, name: r.name, level: r.level, figures: figures.get(r.path)! });
  return { round: (await roundViews(db, [round]))[0], region: asNode(node), children: children.map(asNode) };
}
