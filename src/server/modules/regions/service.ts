import { inScope, requirePermission, requireRegion, scopePaths, type Actor } from '../../platform/access.js';
import type { DbOrTx } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors.js';
import type { RegionDetail, RegionView } from '../../../shared/contracts/regions.js';
import { childrenOf, findRegion, findRegions } from './store.js';
import { toRegionDetail, toRegionView } from './rules.js';

/** The top of the tree this actor may open: their scope roots. */
export async function scopeRoots(db: DbOrTx, actor: Actor): Promise<RegionView[]> {
  requirePermission(actor, 'regions.view');
  const codes = scopePaths(actor).map((p) => p.split('/').pop()!);
  return (await findRegions(db, codes)).map(toRegionView);
}

export async function regionDetail(db: DbOrTx, actor: Actor, code: string): Promise<RegionDetail> {
  requirePermission(actor, 'regions.view');
  const row = await findRegion(db, code);
  if (!row) throw new AppError('NOT_FOUND');
  requireRegion(actor, row.path);
  return toRegionDetail(row, await findRegions(db, row.path.split('/')));
}

/** Children of a region; when the actor holds only part of it, only their part is listed. */
export async function regionChildren(db: DbOrTx, actor: Actor, code: string): Promise<RegionView[]> {
  requirePermission(actor, 'regions.view');
  const row = await findRegion(db, code);
  if (!row) throw new AppError('NOT_FOUND');
  const visible = scopePaths(actor, row.path);
  const children = await childrenOf(db, code);
  return children
    .filter((c) => inScope(actor, c.path) || visible.some((p) => p.startsWith(`${c.path}/`)))
    .map(toRegionView);
}
