import { requirePermission, requireRegion, scopePaths, inScope, type Actor } from '../../../platform/access.js';
import { audit } from '../../../platform/audit.js';
import type { AppContext } from '../../../platform/context.js';
import { inTransaction, type DbOrTx } from '../../../platform/db/index.js';
import { AppError, validationError } from '../../../platform/errors.js';
import { newId, nowIso } from '../../../platform/ids.js';
import { findRegion } from '../../regions/index.js';
import type {
  IsolationSitePatch, NewIsolationSite, NewRooms, SiteDetail, SitesPage,
} from '../../../../shared/contracts/isolation/sites.js';
import { todayInChina } from '../../../../shared/validators/index.js';
import { roomLabels, sumForecasts } from '../rules/beds.js';
import type { IsolationRoomRow, IsolationSiteRow } from '../tables.js';
import * as store from '../store/sites.js';
import { placementViews, siteViews } from './views.js';

/**
 * Who sees a site: isolation.view and the site's region in view scope. Sites are run by the district
 * or a township, so a township cadre sees (and places into) the sites of their township, headquarters
 * all of them. The people in a site are a separate matter (see placementViews).
 */
async function visibleSite(db: DbOrTx, actor: Actor, id: string): Promise<IsolationSiteRow> {
  requirePermission(actor, 'isolation.view');
  const row = await store.findSite(db, id);
  if (!row || !inScope(actor, row.region_path)) throw new AppError('NOT_FOUND');
  return row;
}

/** A site the actor may manage: isolation.manage and the site's region in capture scope. */
async function managedSite(db: DbOrTx, actor: Actor, id: string): Promise<IsolationSiteRow> {
  requirePermission(actor, 'isolation.manage');
  const row = await store.findSite(db, id);
  if (!row) throw new AppError('NOT_FOUND');
  requireRegion(actor, row.region_path, 'capture');
  return row;
}

export async function listSites(ctx: AppContext, actor: Actor, region?: string): Promise<SitesPage> {
  requirePermission(actor, 'isolation.view');
  const db = ctx.handle.db;
  const requested = region ? await findRegion(db, region) : undefined;
  if (region && !requested) throw new AppError('NOT_FOUND');
  const today = todayInChina();
  const items = await siteViews(db, await store.sitesUnder(db, scopePaths(actor, requested?.path)), today);
  const open = items.filter((s) => s.status !== 'closed');
  return {
    items,
    total: {
      sites: open.length, capacity: open.reduce((n, s) => n + s.capacity, 0), occupied: open.reduce((n, s) => n + s.occupied, 0),
      free: open.reduce((n, s) => n + s.free, 0), forecast: sumForecasts(open.map((s) => s.forecast), today),
    },
  };
}

export async function getSite(ctx: AppContext, actor: Actor, id: string): Promise<SiteDetail> {
  const db = ctx.handle.db;
  const row = await visibleSite(db, actor, id);
  const [view] = await siteViews(db, [row]);
  const [rooms, stays] = await Promise.all([store.roomsOf(db, [id]), store.listPlacements(db, { siteId: id, paths: [row.region_path.split('/')[0]], status: 'active' }, { offset: 0, limit: 5000 })]);
  const shown = await placementViews(db, null, actor, stays.rows);
  if (shown.some((p) => p.personId)) {
    await audit(db, actor, { action: 'isolation.site.view', subjectType: 'isolation_site', subjectId: id, regionPath: row.region_path,
      detail: { people: shown.filter((p) => p.personId).length } });
  }
  return {
    ...view,
    roomList: rooms.map((r) => {
      const inRoom = stays.rows.filter((s) => s.room_id === r.id);
      return {
        id: r.id, label: r.label, beds: r.beds, status: r.status, occupied: inRoom.length,
        occupants: shown.filter((p) => p.roomId === r.id && p.personId)
          .map((p) => ({ placementId: p.id, personName: p.personName, expectedReleaseOn: p.expectedReleaseOn })),
      };
    }),
  };
}

export async function createSite(ctx: AppContext, actor: Actor | null, input: NewIsolationSite): Promise<SiteDetail> {
  if (actor) requirePermission(actor, 'isolation.manage');
  const db = ctx.handle.db;
  const region = await findRegion(db, input.regionCode);
  if (!region) throw validationError([{ field: 'regionCode', code: 'REGION_UNKNOWN', params: { value: input.regionCode } }]);
  if (actor) requireRegion(actor, region.path, 'capture');
  const now = nowIso();
  const row: IsolationSiteRow = {
    id: newId(), name: input.name, kind: input.kind, region_code: region.code, region_path: region.path,
    address: input.address ?? null, contact: input.contact ?? null, status: input.status, created_at: now,
    created_by: actor?.userId ?? null, updated_at: now,
  };
  await inTransaction(db, async (tx) => {
    await store.insertSite(tx, row);
    if (actor) await audit(tx, actor, { action: 'isolation.site.create', subjectType: 'isolation_site', subjectId: row.id, regionPath: row.region_path });
  });
  return actor ? getSite(ctx, actor, row.id) : { ...(await siteViews(db, [row]))[0], roomList: [] };
}

export async function changeSite(ctx: AppContext, actor: Actor, id: string, patch: IsolationSitePatch): Promise<SiteDetail> {
  const db = ctx.handle.db;
  await inTransaction(db, async (tx) => {
    const row = await managedSite(tx, actor, id);
    if (patch.status === 'closed' && row.status !== 'closed') {
      await store.lockSite(tx, id);
      const occupied = await store.countActive(tx, { siteId: id });
      if (occupied > 0) throw new AppError('SITE_OCCUPIED', { site: row.name, occupied });
    }
    await store.updateSite(tx, id, {
      name: patch.name ?? row.name, kind: patch.kind ?? row.kind, status: patch.status ?? row.status,
      address: patch.address === undefined ? row.address : patch.address,
      contact: patch.contact === undefined ? row.contact : patch.contact, updated_at: nowIso(),
    });
    await audit(tx, actor, { action: 'isolation.site.update', subjectType: 'isolation_site', subjectId: id, regionPath: row.region_path,
      detail: { ...patch } });
  });
  return getSite(ctx, actor, id);
}

/** Adds a run of rooms ("301–330, 1 bed each"), all or none: a number already there refuses the whole run. */
export async function addRooms(ctx: AppContext, actor: Actor | null, siteId: string, input: NewRooms): Promise<{ added: number }> {
  const db = ctx.handle.db;
  if (input.to < input.from || input.to - input.from >= 500) {
    throw validationError([{ field: 'to', code: 'REQUIRED', params: { field: '结束房号（不小于起始房号，一次最多500间）' } }]);
  }
  const labels = roomLabels(input);
  const added = await inTransaction(db, async (tx) => {
    const site = actor ? await managedSite(tx, actor, siteId) : await store.findSite(tx, siteId);
    if (!site) throw new AppError('NOT_FOUND');
    await store.lockSite(tx, siteId);
    const existing = new Set((await store.roomsOf(tx, [siteId])).map((r) => r.label));
    const taken = labels.filter((l) => existing.has(l));
    if (taken.length) throw new AppError('ROOM_LABELS_TAKEN', { labels: taken.slice(0, 10).join('、') + (taken.length > 10 ? '…' : '') }, { taken });
    const now = nowIso();
    const rows: IsolationRoomRow[] = labels.map((label) => ({ id: newId(), site_id: siteId, label, beds: input.beds, status: 'active',
      created_at: now, created_by: actor?.userId ?? null }));
    await store.insertRooms(tx, rows);
    if (actor) await audit(tx, actor, { action: 'isolation.rooms.add', subjectType: 'isolation_site', subjectId: siteId,
      regionPath: site.region_path, detail: { from: labels[0], to: labels[labels.length - 1], rooms: labels.length, beds: input.beds } });
    return rows.length;
  });
  return { added };
}

/** Changes a room's beds or closes it; never below the people in it. */
export async function changeRoom(ctx: AppContext, actor: Actor, roomId: string, patch: { beds?: number; status?: 'active' | 'closed' }): Promise<SiteDetail> {
  const db = ctx.handle.db;
  const room = await store.findRoom(db, roomId);
  if (!room) throw new AppError('NOT_FOUND');
  await inTransaction(db, async (tx) => {
    const site = await managedSite(tx, actor, room.site_id);
    await store.lockSite(tx, site.id);
    const occupied = await store.countActive(tx, { roomId });
    if ((patch.beds !== undefined && patch.beds < occupied) || (patch.status === 'closed' && occupied > 0)) {
      throw new AppError('ROOM_OCCUPIED', { room: room.label, occupied });
    }
    await store.updateRoom(tx, roomId, { beds: patch.beds ?? room.beds, status: patch.status ?? room.status });
    await audit(tx, actor, { action: 'isolation.room.update', subjectType: 'isolation_room', subjectId: roomId, regionPath: site.region_path,
      detail: { ...patch } });
  });
  return getSite(ctx, actor, room.site_id);
}

export { visibleSite };
