import type { z } from 'zod';
import { inScope, requirePermission, requireRegion, scopePaths, type Actor } from '../../../platform/access.js';
import { audit, auditAll } from '../../../platform/audit.js';
import type { AppContext } from '../../../platform/context.js';
import { inTransaction, type DbOrTx } from '../../../platform/db/index.js';
import { AppError } from '../../../platform/errors.js';
import { newId, nowIso } from '../../../platform/ids.js';
import { findRegion } from '../../regions/index.js';
import { peopleByIds } from '../../people/index.js';
import type { PlacementQuery, PlacementView, Release, Transfer } from '../../../../shared/contracts/isolation/sites.js';
import { placementRefusal } from '../rules/beds.js';
import type { IsolationSiteRow, PlacementEndReason, PlacementRow } from '../tables.js';
import * as store from '../store/sites.js';
import { placementViews } from './views.js';

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | undefined;
  return e?.code === '23505' || /UNIQUE constraint failed/.test(e?.message ?? '');
}

export interface PlacementRequest {
  personId: string;
  episodeId: string | null;
  siteId: string;
  roomId?: string | null;
  expectedReleaseOn: string | null;
  note?: string | null;
}

/**
 * Takes a bed for the person, inside the caller's transaction or a new one. The site row is locked
 * first, so the count of its people and the insert happen in turn with every other placement into
 * the same site: of two cadres asking for its last bed, one gets it and the other SITE_FULL (409),
 * with nothing written. With an actor: isolation.manage, the person's region in capture scope and the
 * site in view scope; with null the caller (another module's use case) has checked already.
 */
async function takeBed(tx: DbOrTx, actor: Actor | null, p: PlacementRequest, from: PlacementRow | null): Promise<PlacementRow> {
  const person = from ? { region_code: from.region_code, region_path: from.region_path } : (await peopleByIds(tx, [p.personId]))[0];
  if (!person) throw new AppError('NOT_FOUND');
  if (!from) {
    if (actor) requireRegion(actor, person.region_path, 'capture');
    const current = await store.activePlacementOf(tx, p.personId);
    if (current) {
      const at = await store.findSite(tx, current.site_id);
      throw new AppError('ALREADY_PLACED', { site: at?.name ?? '' });
    }
  }
  const site = await store.lockSite(tx, p.siteId);
  if (!site || (actor && !inScope(actor, site.region_path))) throw new AppError('NOT_FOUND');
  if (site.status !== 'active') throw new AppError('SITE_NOT_ACTIVE', { site: site.name });
  const room = p.roomId ? await store.findRoom(tx, p.roomId) : null;
  if (p.roomId && (!room || room.site_id !== site.id || room.status !== 'active')) {
    throw new AppError('ROOM_NOT_AVAILABLE', { room: room?.label ?? p.roomId });
  }
  const [capacity, siteCount, roomCount] = await Promise.all([
    store.capacityOf(tx, [site.id]).then((m) => m.get(site.id) ?? 0),
    store.countActive(tx, { siteId: site.id }),
    room ? store.countActive(tx, { roomId: room.id }) : Promise.resolve(0),
  ]);
  // A transfer inside the same site (or room) keeps the person's own bed counted once.
  const selfInSite = from && from.site_id === site.id ? 1 : 0;
  const selfInRoom = from && room && from.room_id === room.id ? 1 : 0;
  const refusal = placementRefusal({ capacity, occupied: siteCount - selfInSite }, room ? { beds: room.beds, occupied: roomCount - selfInRoom } : null);
  if (refusal === 'SITE_FULL') throw new AppError('SITE_FULL', { site: site.name, capacity });
  if (refusal === 'ROOM_FULL') throw new AppError('ROOM_FULL', { room: room!.label, beds: room!.beds });
  if (from) {
    await store.updatePlacement(tx, from.id, { status: 'transferred', ended_at: nowIso(), ended_by: actor?.userId ?? null, end_reason: 'transferred' });
  }
  const row: PlacementRow = {
    id: newId(), person_id: p.personId, episode_id: p.episodeId, site_id: site.id, room_id: room?.id ?? null,
    region_code: person.region_code, region_path: person.region_path, status: 'active', placed_at: nowIso(),
    placed_by: actor?.userId ?? null, expected_release_on: p.expectedReleaseOn, ended_at: null, ended_by: null, end_reason: null,
    transferred_from: from?.id ?? null, note: p.note ?? null,
  };
  try {
    await store.insertPlacement(tx, row);
  } catch (err) {
    // The same person placed elsewhere at the same moment: the one-active-stay index refused the second.
    if (isUniqueViolation(err)) throw new AppError('ALREADY_PLACED', { site: '' });
    throw err;
  }
  if (actor) {
    await audit(tx, actor, { action: from ? 'isolation.placement.transfer' : 'isolation.placement.create', subjectType: 'person',
      subjectId: p.personId, regionPath: row.region_path, detail: { placementId: row.id, siteId: site.id, roomId: row.room_id, from: from?.id } });
  }
  return row;
}

/** Places a person (optionally for a screening episode) into a site and room; see takeBed. */
export async function placePerson(db: DbOrTx, actor: Actor | null, p: PlacementRequest): Promise<{ placementId: string }> {
  if (actor) requirePermission(actor, 'isolation.manage');
  try {
    const row = await inTransaction(db, (tx) => takeBed(tx, actor, p, null));
    return { placementId: row.id };
  } catch (err) {
    // Lost a race for the same person: name the site that won, read after the rollback.
    if (err instanceof AppError && err.code === 'ALREADY_PLACED' && !err.params.site && !db.isTransaction) {
      const current = await store.activePlacementOf(db, p.personId);
      const site = current ? await store.findSite(db, current.site_id) : undefined;
      throw new AppError('ALREADY_PLACED', { site: site?.name ?? '' });
    }
    throw err;
  }
}

/** An active placement of a person the actor may manage (their region in capture scope). */
async function managedPlacement(db: DbOrTx, actor: Actor, id: string): Promise<PlacementRow> {
  requirePermission(actor, 'isolation.manage');
  const row = await store.findPlacement(db, id);
  if (!row || !inScope(actor, row.region_path)) throw new AppError('NOT_FOUND');
  requireRegion(actor, row.region_path, 'capture');
  if (row.status !== 'active') throw new AppError('PLACEMENT_NOT_ACTIVE', { status: row.status });
  return row;
}

/** Moves a person to another site or room: the stay so far ends as 'transferred', a new one continues it. */
export async function transferPlacement(ctx: AppContext, actor: Actor, id: string, input: z.infer<typeof Transfer>): Promise<PlacementView> {
  const db = ctx.handle.db;
  const row = await inTransaction(db, async (tx) => {
    const from = await managedPlacement(tx, actor, id);
    // Locked again inside the transaction (PostgreSQL) so a concurrent release or transfer of the same stay waits.
    await store.lockSite(tx, from.site_id);
    const still = await store.findPlacement(tx, id);
    if (still?.status !== 'active') throw new AppError('PLACEMENT_NOT_ACTIVE', { status: still?.status ?? '' });
    return takeBed(tx, actor, {
      personId: from.person_id, episodeId: from.episode_id, siteId: input.siteId, roomId: input.roomId ?? null,
      expectedReleaseOn: input.expectedReleaseOn === undefined ? from.expected_release_on : input.expectedReleaseOn, note: input.reason,
    }, from);
  });
  return (await placementViews(db, ctx.pii, actor, [row]))[0];
}

async function endPlacements(tx: DbOrTx, actor: Actor | null, rows: PlacementRow[], reason: PlacementEndReason, note?: string | null): Promise<void> {
  const at = nowIso();
  for (const row of rows) {
    await store.updatePlacement(tx, row.id, { status: reason, ended_at: at, ended_by: actor?.userId ?? null, end_reason: reason,
      ...(note ? { note } : {}) });
  }
  if (actor) {
    await auditAll(tx, rows.map((row) => ({ who: actor, entry: { action: 'isolation.placement.end', subjectType: 'person', subjectId: row.person_id,
      regionPath: row.region_path, detail: { placementId: row.id, reason } } })));
  }
}

/** Ends a stay (released home, escalated to hospital, or closed as recorded in error): a status change, never a delete. */
export async function releasePlacement(ctx: AppContext, actor: Actor, id: string, input: z.infer<typeof Release>): Promise<PlacementView> {
  const db = ctx.handle.db;
  await inTransaction(db, async (tx) => {
    const row = await managedPlacement(tx, actor, id);
    await store.lockSite(tx, row.site_id);
    const still = await store.findPlacement(tx, id);
    if (still?.status !== 'active') throw new AppError('PLACEMENT_NOT_ACTIVE', { status: still?.status ?? '' });
    await endPlacements(tx, actor, [row], input.reason, input.note);
  });
  return (await placementViews(db, ctx.pii, actor, [(await store.findPlacement(db, id))!]))[0];
}

/**
 * Ends the active stays of a screening episode (its release, escalation or closing). No permission
 * check here: the episode's own use case (screening.release …) has made it; the actor is recorded.
 */
export async function endPlacementsOfEpisode(db: DbOrTx, actor: Actor | null, episodeId: string,
  reason: 'released' | 'escalated' | 'closed'): Promise<number> {
  return inTransaction(db, async (tx) => {
    const rows = (await store.placementsOfEpisodes(tx, [episodeId])).filter((r) => r.status === 'active');
    await endPlacements(tx, actor, rows, reason);
    return rows.length;
  });
}

/** Per episode, its current stay (or the last one when none is active); names masked, no phones. */
export async function placementsOfEpisodes(db: DbOrTx, episodeIds: string[]): Promise<Map<string, PlacementView>> {
  const rows = await store.placementsOfEpisodes(db, episodeIds);
  const latest = new Map<string, PlacementRow>();
  for (const r of rows) {
    const prev = latest.get(r.episode_id!);
    if (!prev || r.status === 'active' || (prev.status !== 'active' && r.placed_at >= prev.placed_at)) latest.set(r.episode_id!, r);
  }
  const views = await placementViews(db, null, null, [...latest.values()]);
  return new Map(views.map((v) => [v.episodeId!, v]));
}

export async function listPlacements(ctx: AppContext, actor: Actor, q: z.infer<typeof PlacementQuery>) {
  requirePermission(actor, 'isolation.view');
  const db = ctx.handle.db;
  const requested = q.region ? await findRegion(db, q.region) : undefined;
  if (q.region && !requested) throw new AppError('NOT_FOUND');
  const paths = scopePaths(actor, requested?.path);
  const { rows, total } = await store.listPlacements(db, { siteId: q.siteId, paths, status: q.status, personId: q.personId },
    { offset: (q.page - 1) * q.pageSize, limit: q.pageSize });
  const items = await placementViews(db, ctx.pii, actor, rows);
  if (rows.length) {
    await audit(db, actor, { action: 'isolation.placement.list', subjectType: 'isolation_placement', detail: { count: rows.length, siteId: q.siteId } });
  }
  return { items, total, page: q.page, pageSize: q.pageSize };
}

/** A person's stays in order (placed, transferred, released), if the person lives in the actor's regions. */
export async function placementHistory(ctx: AppContext, actor: Actor, personId: string): Promise<PlacementView[]> {
  requirePermission(actor, 'isolation.view');
  const db = ctx.handle.db;
  const [person] = await peopleByIds(db, [personId]);
  if (!person || !inScope(actor, person.region_path)) throw new AppError('NOT_FOUND');
  const rows = await store.placementsOfPerson(db, personId);
  await audit(db, actor, { action: 'isolation.placement.history', subjectType: 'person', subjectId: personId, regionPath: person.region_path });
  return placementViews(db, ctx.pii, actor, rows);
}

export type { IsolationSiteRow };
