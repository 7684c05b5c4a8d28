import type { z } from 'zod';
import { can, requirePermission, scopePaths, type Actor } from '../../../platform/access.js';
import { audit } from '../../../platform/audit.js';
import type { AppContext } from '../../../platform/context.js';
import { inTransaction } from '../../../platform/db/index.js';
import { AppError, validationError } from '../../../platform/errors.js';
import { newId, nowIso } from '../../../platform/ids.js';
import type {
  BagDetail, BagQuery, BagView, HandOverBag, PackBag, ReceiveBag,
} from '../../../../shared/contracts/testing/transport.js';
import { assignmentsOf, findSite } from '../store/sites.js';
import * as store from '../store/transport.js';
import type { BagRow } from '../tables.js';
import { isLab, labOf } from './lab-tokens.js';

function toView(row: BagRow, siteName: string): BagView {
  return {
    id: row.id, barcode: row.barcode, roundId: row.round_id, siteId: row.site_id, siteName, labId: row.lab_id,
    tubeCount: row.tube_count, status: row.status, packedAt: row.packed_at, handedOverAt: row.handed_over_at,
    carrier: row.carrier, countedTubes: row.counted_tubes, receivedAt: row.received_at, receivedTubes: row.received_tubes,
  };
}

async function detail(ctx: AppContext, bag: BagRow): Promise<BagDetail> {
  const [site, tubes] = await Promise.all([findSite(ctx.handle.db, bag.site_id), store.tubesOfBag(ctx.handle.db, bag.id)]);
  return {
    ...toView(bag, site?.name ?? ''),
    tubes: tubes.map((t) => ({ barcode: t.barcode, capacity: t.capacity, memberCount: t.member_count, status: t.status })),
  };
}

async function requireSiteSampler(ctx: AppContext, actor: Actor, siteId: string): Promise<void> {
  requirePermission(actor, 'testing.sample');
  const sites = await assignmentsOf(ctx.handle.db, [actor.userId]);
  if (!sites.some((s) => s.site_id === siteId)) throw new AppError('NOT_SITE_SAMPLER', {}, { siteId });
}

/**
 * The packer bags sealed tubes of the site for one lab (e.g. 20 a bag): every tube must be of this
 * site and round, sealed and in no other bag. Packing the same bag again with the same tubes (a retry)
 * returns it unchanged.
 */
export async function packBag(ctx: AppContext, actor: Actor, input: z.infer<typeof PackBag>): Promise<BagDetail> {
  const db = ctx.handle.db;
  const site = await findSite(db, input.siteId);
  if (!site) throw new AppError('NOT_FOUND', {}, { siteId: input.siteId });
  await requireSiteSampler(ctx, actor, site.id);
  if (!(await isLab(db, input.labId))) throw validationError([{ field: 'labId', code: 'REQUIRED', params: { field: 'labId' } }]);
  const barcodes = [...new Set(input.tubes)];

  const existing = await store.findBagByBarcode(db, input.barcode);
  if (existing) {
    const inside = (await store.tubesOfBag(db, existing.id)).map((t) => t.barcode).sort();
    const same = existing.site_id === site.id && existing.lab_id === input.labId && inside.join('\n') === [...barcodes].sort().join('\n');
    if (!same) throw new AppError('CONFLICT', {}, { field: 'barcode' });
    return detail(ctx, existing);
  }

  const tubes = await store.tubesByBarcodes(db, barcodes);
  const byBarcode = new Map(tubes.map((t) => [t.barcode, t]));
  for (const b of barcodes) {
    const t = byBarcode.get(b);
    if (!t) throw new AppError('TUBE_UNKNOWN', { barcode: b });
    if (t.site_id !== site.id) throw new AppError('TUBE_OTHER_SITE', { barcode: b, site: t.site_id });
    if (t.status === 'open') throw new AppError('TUBE_NOT_SEALED', { barcode: b });
    if (t.bag_id !== null || t.status !== 'sealed') throw new AppError('TUBE_IN_BAG', { barcode: b, bag: t.bag_id ?? '—' });
  }
  const rounds = new Set(tubes.map((t) => t.round_id));
  if (rounds.size > 1) throw new AppError('TUBE_OTHER_ROUND', { barcode: tubes.find((t) => t.round_id !== tubes[0].round_id)!.barcode });

  const row: BagRow = {
    id: newId(), barcode: input.barcode, round_id: tubes[0].round_id, site_id: site.id, region_path: site.region_path,
    lab_id: input.labId, tube_count: tubes.length, status: 'packed', packed_at: nowIso(), packed_by: actor.userId,
    handed_over_at: null, handed_over_by: null, carrier: null, counted_tubes: null, received_at: null, received_by: null,
    received_tubes: null,
  };
  await inTransaction(db, async (tx) => {
    await store.insertBag(tx, row);
    const moved = await store.bagTubes(tx, tubes.map((t) => t.id), row.id);
    if (moved !== tubes.length) throw new AppError('CONFLICT', {}, { reason: 'a tube changed while packing' });
    await audit(tx, actor, { action: 'testing.bag.pack', subjectType: 'testing_bag', subjectId: row.id, regionPath: row.region_path,
      detail: { barcode: row.barcode, tubes: tubes.length, labId: input.labId } });
  });
  return detail(ctx, row);
}

function countMismatch(counted: number, expected: number): AppError {
  return new AppError('BAG_COUNT_MISMATCH', { counted, expected });
}

/** The carrier takes the bag: their count must match the system's, or nothing changes. */
export async function handOverBag(ctx: AppContext, actor: Actor, input: z.infer<typeof HandOverBag>): Promise<BagDetail> {
  const db = ctx.handle.db;
  const bag = await store.findBagByBarcode(db, input.barcode);
  if (!bag) throw new AppError('NOT_FOUND', {}, { barcode: input.barcode });
  await requireSiteSampler(ctx, actor, bag.site_id);
  if (bag.status !== 'packed') {
    if (bag.status === 'handed_over' && bag.counted_tubes === input.count && bag.carrier === input.carrier) return detail(ctx, bag);
    throw new AppError('INVALID_STATE', {}, { status: bag.status });
  }
  if (input.count !== bag.tube_count) throw countMismatch(input.count, bag.tube_count);
  const now = nowIso();
  await inTransaction(db, async (tx) => {
    await store.updateBag(tx, bag.id, { status: 'handed_over', handed_over_at: now, handed_over_by: actor.userId,
      carrier: input.carrier, counted_tubes: input.count });
    await store.moveBagTubes(tx, bag.id, 'bagged', 'in_transit');
    await audit(tx, actor, { action: 'testing.bag.handover', subjectType: 'testing_bag', subjectId: bag.id, regionPath: bag.region_path,
      detail: { carrier: input.carrier, count: input.count } });
  });
  return detail(ctx, (await store.findBag(db, bag.id))!);
}

/** The lab scans the bag on receipt with its own count; its tubes are then the lab's. */
export async function receiveBag(ctx: AppContext, actor: Actor, input: z.infer<typeof ReceiveBag>): Promise<BagDetail> {
  const db = ctx.handle.db;
  const labId = await labOf(ctx, actor);
  const bag = await store.findBagByBarcode(db, input.barcode);
  if (!bag) throw new AppError('NOT_FOUND', {}, { barcode: input.barcode });
  if (bag.lab_id !== labId) throw new AppError('BAG_OTHER_LAB', { barcode: bag.barcode });
  if (bag.status === 'received') {
    if (bag.received_tubes === input.count) return detail(ctx, bag);
    throw new AppError('INVALID_STATE', {}, { status: bag.status });
  }
  if (bag.status !== 'handed_over') throw new AppError('BAG_NOT_HANDED_OVER', { barcode: bag.barcode });
  if (input.count !== bag.tube_count) throw countMismatch(input.count, bag.tube_count);
  const now = nowIso();
  await inTransaction(db, async (tx) => {
    await store.updateBag(tx, bag.id, { status: 'received', received_at: now, received_by: actor.userId, received_tubes: input.count });
    await store.moveBagTubes(tx, bag.id, 'in_transit', 'received', labId);
    await audit(tx, actor, { action: 'testing.bag.receive', subjectType: 'testing_bag', subjectId: bag.id, regionPath: bag.region_path,
      detail: { count: input.count, labId } });
  });
  return detail(ctx, (await store.findBag(db, bag.id))!);
}

/**
 * Who sees which bags: the testing workstream and cadres those of their regions, a sampler those of
 * their sites, a lab those addressed to it.
 */
async function bagFilter(ctx: AppContext, actor: Actor): Promise<store.BagFilter> {
  if (can(actor, 'testing.view')) return { paths: scopePaths(actor) };
  if (can(actor, 'testing.sample')) return { siteIds: (await assignmentsOf(ctx.handle.db, [actor.userId])).map((s) => s.site_id) };
  if (can(actor, 'testing.results')) return { labId: await labOf(ctx, actor) };
  throw new AppError('FORBIDDEN', {}, { permission: 'testing.view' });
}

export async function listBags(ctx: AppContext, actor: Actor, q: z.infer<typeof BagQuery>) {
  const f = await bagFilter(ctx, actor);
  const { rows, total } = await store.listBags(ctx.handle.db, { ...f, siteId: q.siteId, status: q.status, barcode: q.barcode },
    { offset: (q.page - 1) * q.pageSize, limit: q.pageSize });
  return { items: rows.map((r) => toView(r, r.site_name)), total, page: q.page, pageSize: q.pageSize };
}

export async function getBag(ctx: AppContext, actor: Actor, id: string): Promise<BagDetail> {
  const f = await bagFilter(ctx, actor);
  const bag = await store.findBag(ctx.handle.db, id);
  if (!bag) throw new AppError('NOT_FOUND');
  const visible = (f.paths && f.paths.some((p) => bag.region_path === p || bag.region_path.startsWith(`${p}/`)))
    || (f.siteIds && f.siteIds.includes(bag.site_id)) || (f.labId !== undefined && f.labId === bag.lab_id);
  if (!visible) throw new AppError('NOT_FOUND');
  return detail(ctx, bag);
}
