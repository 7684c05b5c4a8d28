import { requirePermission, requireRegion, scopePaths, type Actor } from '../../../platform/access.js';
import { audit } from '../../../platform/audit.js';
import { accountsCovering, listAccounts } from '../../../platform/auth/index.js';
import type { AppContext } from '../../../platform/context.js';
import { inTransaction, type DbOrTx } from '../../../platform/db/index.js';
import { AppError, validationError } from '../../../platform/errors.js';
import { newId, nowIso } from '../../../platform/ids.js';
import { displayName, findRegion, regionNames } from '../../regions/index.js';
import type { NewSite, SitePatch, SiteView } from '../../../../shared/contracts/testing/rounds.js';
import type { SiteRow } from '../tables.js';
import { forgetScanContext } from './scan-cache.js';
import * as sites from '../store/sites.js';

export async function siteViews(db: DbOrTx, rows: SiteRow[]): Promise<SiteView[]> {
  const assigned = await sites.samplersOf(db, rows.map((r) => r.id));
  const [accounts, names] = await Promise.all([
    assigned.length ? listAccounts(db, { ids: [...new Set(assigned.map((a) => a.user_id))] }) : [],
    regionNames(db, [...new Set(rows.flatMap((r) => r.region_path.split('/')))]),
  ]);
  const accountName = new Map(accounts.map((a) => [a.id, a.display_name]));
  return rows.map((row) => ({
    id: row.id, name: row.name, regionCode: row.region_code,
    regionName: displayName(row.region_path.split('/').map((c) => ({ name: names.get(c) ?? c }))),
    address: row.address, zoneLevel: row.zone_level, opensAt: row.opens_at, closesAt: row.closes_at,
    tableCount: row.table_count, status: row.status,
    samplers: assigned.filter((a) => a.site_id === row.id).map((a) => ({ userId: a.user_id, name: accountName.get(a.user_id) ?? a.user_id })),
  }));
}

export async function listSites(ctx: AppContext, actor: Actor, region?: string): Promise<SiteView[]> {
  requirePermission(actor, 'testing.view');
  const db = ctx.handle.db;
  const requested = region ? await findRegion(db, region) : undefined;
  if (region && !requested) throw new AppError('NOT_FOUND');
  return siteViews(db, await sites.sitesUnder(db, scopePaths(actor, requested?.path)));
}

/** A site the actor may manage: it lies in their capture scope. */
async function managedSite(db: DbOrTx, actor: Actor, id: string): Promise<SiteRow> {
  requirePermission(actor, 'testing.manage');
  const row = await sites.findSite(db, id);
  if (!row) throw new AppError('NOT_FOUND');
  requireRegion(actor, row.region_path, 'capture');
  return row;
}

export async function createSite(ctx: AppContext, actor: Actor | null, input: NewSite): Promise<SiteView> {
  if (actor) requirePermission(actor, 'testing.manage');
  const db = ctx.handle.db;
  const region = await findRegion(db, input.regionCode);
  if (!region) throw validationError([{ field: 'regionCode', code: 'REGION_UNKNOWN', params: { value: input.regionCode } }]);
  if (actor) requireRegion(actor, region.path, 'capture');
  const row: SiteRow = {
    id: newId(), name: input.name, region_code: region.code, region_path: region.path, address: input.address ?? null,
    zone_level: input.zoneLevel, opens_at: input.opensAt, closes_at: input.closesAt, table_count: input.tableCount,
    status: 'active', created_at: nowIso(), created_by: actor?.userId ?? null,
  };
  await inTransaction(db, async (tx) => {
    forgetScanContext(ctx);
    await sites.insertSite(tx, row);
    if (actor) await audit(tx, actor, { action: 'testing.site.create', subjectType: 'testing_site', subjectId: row.id, regionPath: row.region_path });
  });
  return (await siteViews(db, [row]))[0];
}

export async function changeSite(ctx: AppContext, actor: Actor, id: string, patch: SitePatch): Promise<SiteView> {
  const db = ctx.handle.db;
  const row = await managedSite(db, actor, id);
  let region = { code: row.region_code, path: row.region_path };
  if (patch.regionCode && patch.regionCode !== row.region_code) {
    const found = await findRegion(db, patch.regionCode);
    if (!found) throw validationError([{ field: 'regionCode', code: 'REGION_UNKNOWN', params: { value: patch.regionCode } }]);
    requireRegion(actor, found.path, 'capture');
    region = { code: found.code, path: found.path };
  }
  const next: SiteRow = {
    ...row, name: patch.name ?? row.name, address: patch.address === undefined ? row.address : patch.address,
    zone_level: patch.zoneLevel ?? row.zone_level, opens_at: patch.opensAt ?? row.opens_at, closes_at: patch.closesAt ?? row.closes_at,
    table_count: patch.tableCount ?? row.table_count, status: patch.status ?? row.status, region_code: region.code, region_path: region.path,
  };
  await inTransaction(db, async (tx) => {
    forgetScanContext(ctx);
    await sites.updateSite(tx, id, next);
    await audit(tx, actor, { action: 'testing.site.update', subjectType: 'testing_site', subjectId: id, regionPath: next.region_path,
      detail: { ...patch } });
  });
  return (await siteViews(db, [next]))[0];
}

/** Puts a sampler on a site; only accounts with the sampler role whose scope covers the site qualify. */
export async function assignSampler(ctx: AppContext, actor: Actor | null, siteId: string, userId: string): Promise<SiteView> {
  const db = ctx.handle.db;
  const site = actor ? await managedSite(db, actor, siteId) : await sites.findSite(db, siteId);
  if (!site) throw new AppError('NOT_FOUND');
  const [account] = await listAccounts(db, { ids: [userId] });
  const covers = account?.scopes.some((s) => site.region_path === s.path || site.region_path.startsWith(`${s.path}/`));
  if (!account || account.role !== 'sampler' || !covers) {
    throw validationError([{ field: 'userId', code: 'REGION_OUT_OF_SCOPE', params: { value: account?.display_name ?? userId } }]);
  }
  await inTransaction(db, async (tx) => {
    forgetScanContext(ctx);
    await sites.assignSampler(tx, { site_id: siteId, user_id: userId, assigned_at: nowIso(), assigned_by: actor?.userId ?? null });
    if (actor) await audit(tx, actor, { action: 'testing.site.assign', subjectType: 'testing_site', subjectId: siteId,
      regionPath: site.region_path, detail: { userId } });
  });
  return (await siteViews(db, [site]))[0];
}

export async function unassignSampler(ctx: AppContext, actor: Actor, siteId: string, userId: string): Promise<SiteView> {
  const db = ctx.handle.db;
  const site = await managedSite(db, actor, siteId);
  await inTransaction(db, async (tx) => {
    forgetScanContext(ctx);
    if ((await sites.unassignSampler(tx, siteId, userId)) === 0) throw new AppError('NOT_FOUND');
    await audit(tx, actor, { action: 'testing.site.unassign', subjectType: 'testing_site', subjectId: siteId,
      regionPath: site.region_path, detail: { userId } });
  });
  return (await siteViews(db, [site]))[0];
}

/** Sampler accounts whose scope covers a region of the actor's: who may be put on a site there. */
export async function samplersFor(ctx: AppContext, actor: Actor, regionCode: string): Promise<{ userId: string; name: string; username: string }[]> {
  requirePermission(actor, 'testing.manage');
  const db = ctx.handle.db;
  const region = await findRegion(db, regionCode);
  if (!region) throw new AppError('NOT_FOUND');
  requireRegion(actor, region.path, 'capture');
  const covering = await accountsCovering(db, 'sampler', [region.path]);
  const accounts = covering.length ? await listAccounts(db, { ids: [...new Set(covering.map((c) => c.id))] }) : [];
  return accounts.filter((a) => a.status === 'active').map((a) => ({ userId: a.id, name: a.display_name, username: a.username }))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}
