import { requirePermission, requireRegion, scopePaths, type Actor } from '../../../platform/access.js';
import { audit } from '../../../platform/audit.js';
import type { AppContext } from '../../../platform/context.js';
import { inTransaction, type DbOrTx } from '../../../platform/db/index.js';
import { AppError, validationError } from '../../../platform/errors.js';
import { newId, nowIso } from '../../../platform/ids.js';
import { findRegions, regionNames } from '../../regions/index.js';
import { countResidentsByLeaf } from '../../people/index.js';
import { responseInForce } from '../../response/index.js';
import type { NewRound, RoundPlan, RoundView } from '../../../../shared/contracts/testing/rounds.js';
import { DEFAULT_PARAMETERS } from '../../../../shared/response.js';
import type { RoundRow } from '../tables.js';
import { defaultPolicy } from '../rules/pooling.js';
import { planFor } from '../rules/plan.js';
import { forgetScanContext } from './scan-cache.js';
import * as rounds from '../store/rounds.js';
import { initCoverage } from '../store/coverage.js';

async function toViews(db: DbOrTx, rows: RoundRow[]): Promise<RoundView[]> {
  const regions = await rounds.roundRegions(db, rows.map((r) => r.id));
  const names = await regionNames(db, [...new Set(regions.map((r) => r.region_code))]);
  return rows.map((row) => ({
    id: row.id, name: row.name, status: row.status, startsAt: row.starts_at, endsAt: row.ends_at,
    poolPolicy: rounds.policyOf(row), createdAt: row.created_at,
    regions: regions.filter((r) => r.round_id === row.id).map((r) => ({ code: r.region_code, name: names.get(r.region_code) ?? r.region_code })),
  }));
}

/** Rounds that touch the actor's regions, newest first. */
export async function listRounds(ctx: AppContext, actor: Actor): Promise<RoundView[]> {
  requirePermission(actor, 'testing.view');
  const db = ctx.handle.db;
  return toViews(db, await rounds.roundsMeeting(db, scopePaths(actor)));
}

export async function getRound(ctx: AppContext, actor: Actor, id: string): Promise<RoundView> {
  requirePermission(actor, 'testing.view');
  const db = ctx.handle.db;
  const row = await visibleRound(db, actor, id);
  return (await toViews(db, [row]))[0];
}

/** A round the actor may see: its scope meets theirs. Others are "not found", as if absent. */
export async function visibleRound(db: DbOrTx, actor: Actor, id: string): Promise<RoundRow> {
  const row = await rounds.findRound(db, id);
  if (!row) throw new AppError('NOT_FOUND');
  const meets = await rounds.roundsMeeting(db, scopePaths(actor));
  if (!meets.some((r) => r.id === id)) throw new AppError('NOT_FOUND');
  return row;
}

/**
 * Declares a round over a scope: it starts 'planned' (or 'open' when its window has begun) with one
 * coverage counter per leaf region holding its residents, so coverage is live from the first scan.
 */
export async function createRound(ctx: AppContext, actor: Actor | null, input: NewRound): Promise<RoundView> {
  if (actor) requirePermission(actor, 'testing.manage');
  const db = ctx.handle.db;
  if (new Date(input.endsAt) <= new Date(input.startsAt)) {
    throw validationError([{ field: 'endsAt', code: 'REQUIRED', params: { field: 'endsAt' } }]);
  }
  const codes = [...new Set(input.regionCodes)];
  const regions = await findRegions(db, codes);
  const unknown = codes.filter((c) => !regions.some((r) => r.code === c));
  if (unknown.length > 0) throw validationError(unknown.map((value) => ({ field: 'regionCodes', code: 'REGION_UNKNOWN', params: { value } })));
  if (actor) for (const r of regions) requireRegion(actor, r.path, 'capture');
  // A region inside another of the same round adds nothing (and would count its people twice).
  const roots = regions.filter((r) => !regions.some((o) => o !== r && r.path.startsWith(`${o.path}/`)));
  const policy = input.poolPolicy ?? defaultPolicy((await responseInForce(db))?.parameters ?? DEFAULT_PARAMETERS);
  const now = nowIso();
  const row: RoundRow = {
    id: newId(), name: input.name, status: new Date(input.startsAt) <= new Date() ? 'open' : 'planned',
    starts_at: input.startsAt, ends_at: input.endsAt, pool_policy: JSON.stringify(policy),
    response_id: (await responseInForce(db))?.id ?? null, created_at: now, created_by: actor?.userId ?? null, closed_at: null,
  };
  await inTransaction(db, async (tx) => {
    await rounds.insertRound(tx, row, roots.map((r) => ({ round_id: row.id, region_code: r.code, region_path: r.path })));
    const leaves = await countResidentsByLeaf(tx, roots.map((r) => r.path));
    await initCoverage(tx, row.id, leaves.filter((l) => l.residents > 0)
      .map((l) => ({ regionCode: l.code, regionPath: l.path, residents: l.residents })));
    forgetScanContext(ctx);
    if (actor) await audit(tx, actor, { action: 'testing.round.create', subjectType: 'testing_round', subjectId: row.id,
      detail: { name: row.name, regions: roots.map((r) => r.code) } });
  });
  return (await toViews(db, [row]))[0];
}

/** Opens a planned round or closes an open one; a closed round takes no more samples. */
export async function changeRoundStatus(ctx: AppContext, actor: Actor, id: string, to: 'open' | 'closed'): Promise<RoundView> {
  requirePermission(actor, 'testing.manage');
  const db = ctx.handle.db;
  const row = await visibleRound(db, actor, id);
  for (const r of await rounds.roundRegions(db, [id])) requireRegion(actor, r.region_path, 'capture');
  const allowed = to === 'open' ? row.status === 'planned' : row.status !== 'closed';
  if (!allowed) throw new AppError('INVALID_STATE');
  await inTransaction(db, async (tx) => {
    forgetScanContext(ctx);
    await rounds.setRoundStatus(tx, id, to, nowIso());
    await audit(tx, actor, { action: `testing.round.${to === 'open' ? 'open' : 'close'}`, subjectType: 'testing_round', subjectId: id });
  });
  return getRound(ctx, actor, id);
}

/** Sites and samplers the scope needs, overall and per region asked for. */
export async function planRound(ctx: AppContext, actor: Actor, codes: string[], hours: number): Promise<RoundPlan> {
  requirePermission(actor, 'testing.view');
  const regions = await findRegions(ctx.handle.db, [...new Set(codes)]);
  if (regions.length === 0) throw new AppError('NOT_FOUND');
  for (const r of regions) requireRegion(actor, r.path);
  const byRegion = regions.map((r) => ({ code: r.code, name: r.name, ...planFor(r.resident_count, hours) }));
  const total = planFor(byRegion.reduce((n, r) => n + r.population, 0), hours);
  return { ...total, byRegion: byRegion.map(({ code, name, population, sites, samplers }) => ({ code, name, population, sites, samplers })) };
}
