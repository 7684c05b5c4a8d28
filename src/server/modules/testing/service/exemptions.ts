import { can, requirePermission, requireRegion, scopePaths, type Actor } from '../../../platform/access.js';
import { audit } from '../../../platform/audit.js';
import type { AppContext } from '../../../platform/context.js';
import { inTransaction, type DbOrTx } from '../../../platform/db/index.js';
import { AppError } from '../../../platform/errors.js';
import { newId, nowIso } from '../../../platform/ids.js';
import { findRegion } from '../../regions/index.js';
import { peopleByIds, personViews, type PersonRow } from '../../people/index.js';
import type { ExemptionView, NewExemption } from '../../../../shared/contracts/testing/coverage.js';
import type { ExemptionReason } from '../../../../shared/testing.js';
import type { ExemptionRow, RoundRow } from '../tables.js';
import { bumpCoverage } from '../store/coverage.js';
import { roundRegions } from '../store/rounds.js';
import * as store from '../store/exemptions.js';
import { visibleRound } from './rounds.js';

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return e?.code === '23505' || /UNIQUE constraint failed/.test(e?.message ?? '');
}

const under = (path: string, root: string) => path === root || path.startsWith(`${root}/`);

/** Exemptions and follow-ups are kept by the round's managers and by the cadres who knock on doors. */
export function requireCoverageWriter(actor: Actor): void {
  if (!can(actor, 'testing.manage')) requirePermission(actor, 'testing.followup');
}

/** The paths of a round's scope that lie within the given paths (each narrowed to the smaller of the two). */
export async function roundPathsWithin(db: DbOrTx, roundId: string, paths: string[]): Promise<string[]> {
  const roots = (await roundRegions(db, [roundId])).map((r) => r.region_path);
  const out = new Set<string>();
  for (const p of paths) {
    for (const r of roots) {
      if (under(p, r)) out.add(p);
      else if (under(r, p)) out.add(r);
    }
  }
  return [...out];
}

/** A person the actor may write about, living in the round's regions. */
export async function personInRound(db: DbOrTx, actor: Actor, round: RoundRow, personId: string): Promise<PersonRow> {
  const [person] = await peopleByIds(db, [personId]);
  if (!person || person.status !== 'active') throw new AppError('NOT_FOUND');
  requireRegion(actor, person.region_path, 'capture');
  if ((await roundPathsWithin(db, round.id, [person.region_path])).length === 0) throw new AppError('PERSON_NOT_IN_ROUND');
  return person;
}

async function toViews(ctx: AppContext, actor: Actor, rows: ExemptionRow[]): Promise<ExemptionView[]> {
  const people = await peopleByIds(ctx.handle.db, [...new Set(rows.map((r) => r.person_id))]);
  const views = new Map((await personViews(ctx, actor, people)).map((v) => [v.id, v]));
  return rows.map((r) => {
    const p = views.get(r.person_id);
    return {
      id: r.id, roundId: r.round_id, personId: r.person_id, name: p?.name ?? '', docNumber: p?.docNumber ?? '',
      regionCode: r.region_code, regionName: p?.regionName ?? r.region_code, reason: r.reason as ExemptionReason,
      note: r.note, createdAt: r.created_at,
    };
  });
}

export async function listExemptions(
  ctx: AppContext,
  actor: Actor,
  roundId: string,
  q: { region?: string; reason?: ExemptionReason; page: number; pageSize: number },
) {
  requirePermission(actor, 'testing.view');
  const db = ctx.handle.db;
  await visibleRound(db, actor, roundId);
  const region = q.region ? await findRegion(db, q.region) : undefined;
  if (q.region && !region) throw new AppError('NOT_FOUND');
  const { rows, total } = await store.pageOfExemptions(db, { roundId, paths: scopePaths(actor, region?.path), reason: q.reason },
    { offset: (q.page - 1) * q.pageSize, limit: q.pageSize });
  return { items: await toViews(ctx, actor, rows), total, page: q.page, pageSize: q.pageSize };
}

/** Leaves a person out of a round's expected count, with a reason; the person's grid counter drops at once. */
export async function createExemption(ctx: AppContext, actor: Actor, roundId: string, input: NewExemption): Promise<ExemptionView> {
  requireCoverageWriter(actor);
  const db = ctx.handle.db;
  const round = await visibleRound(db, actor, roundId);
  if (round.status === 'closed') throw new AppError('ROUND_NOT_OPEN');
  const person = await personInRound(db, actor, round, input.personId);
  const row: ExemptionRow = {
    id: newId(), round_id: roundId, person_id: person.id, reason: input.reason, note: input.note?.trim() || null,
    region_code: person.region_code, region_path: person.region_path, created_at: nowIso(), created_by: actor.userId,
  };
  const conflict = () => new AppError('CONFLICT', {}, { field: 'personId' });
  await inTransaction(db, async (tx) => {
    if (await store.exemptionOf(tx, roundId, person.id)) throw conflict();
    await store.insertExemption(tx, row);
    await bumpCoverage(tx, roundId, [{ regionCode: row.region_code, regionPath: row.region_path, exempt: 1 }]);
    await audit(tx, actor, { action: 'testing.exemption.create', subjectType: 'person', subjectId: person.id,
      regionPath: row.region_path, detail: { roundId, exemptionId: row.id, reason: row.reason } });
  }).catch((err: unknown) => {
    // Two cadres exempting the same person at once: the unique index keeps one, the other is told.
    if (isUniqueViolation(err)) throw conflict();
    throw err;
  });
  return (await toViews(ctx, actor, [row]))[0];
}

/** Takes an exemption back (the person is expected again): a recorded delete, with the reason why. */
export async function removeExemption(ctx: AppContext, actor: Actor, id: string, reason: string): Promise<void> {
  requireCoverageWriter(actor);
  const db = ctx.handle.db;
  const row = await store.findExemption(db, id);
  if (!row) throw new AppError('NOT_FOUND');
  await visibleRound(db, actor, row.round_id);
  requireRegion(actor, row.region_path, 'capture');
  await inTransaction(db, async (tx) => {
    if (!(await store.findExemption(tx, id))) throw new AppError('NOT_FOUND');
    await store.deleteExemption(tx, id);
    await bumpCoverage(tx, row.round_id, [{ regionCode: row.region_code, regionPath: row.region_path, exempt: -1 }]);
    await audit(tx, actor, { action: 'testing.exemption.remove', subjectType: 'person', subjectId: row.person_id,
      regionPath: row.region_path, reason,
      detail: { roundId: row.round_id, exemptionId: id, exemptionReason: row.reason, note: row.note, createdAt: row.created_at,
        createdBy: row.created_by } });
  });
}
