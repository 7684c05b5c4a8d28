import type { AppContext } from '../../../platform/context.js';
import type { DbOrTx } from '../../../platform/db/index.js';
import { regionNames } from '../../regions/index.js';
import type { RoundRow, SiteRow } from '../tables.js';
import * as rounds from '../store/rounds.js';
import * as sites from '../store/sites.js';

/**
 * What every group of scans asks alike — the open rounds and their scopes, the sites, who samples
 * where — remembered for a second per process. Writes on this node forget it at once; another node's
 * change (a sampler taken off a site) reaches this one within the second.
 */
const TTL_MS = 1000;

interface Remembered {
  regionNames: Map<string, { at: number; value: string }>;
  openRounds?: { at: number; value: { round: RoundRow; paths: string[] }[] };
  sites: Map<string, { at: number; value: SiteRow | undefined }>;
  assignments: Map<string, { at: number; value: Set<string> }>;
}

const byHandle = new WeakMap<object, Remembered>();

function memory(ctx: AppContext): Remembered {
  let m = byHandle.get(ctx.handle);
  if (!m) byHandle.set(ctx.handle, (m = { regionNames: new Map(), sites: new Map(), assignments: new Map() }));
  return m;
}

/** Others remembering for this handle: the scan writer's thread, told to forget when this process does. */
const alsoForget = new WeakMap<object, Set<() => void>>();

export function forgetScanContext(ctx: AppContext): void {
  byHandle.delete(ctx.handle);
  for (const forget of alsoForget.get(ctx.handle) ?? []) forget();
}

/** Calls `forget` whenever this handle's scan context is forgotten; returns the way to stop. */
export function onForgetScanContext(ctx: AppContext, forget: () => void): () => void {
  const set = alsoForget.get(ctx.handle) ?? new Set();
  alsoForget.set(ctx.handle, set.add(forget));
  return () => set.delete(forget);
}

const fresh = (at: number, now: number) => now - at < TTL_MS;

/** Open rounds with the paths of their scopes, newest first. */
export async function openRounds(ctx: AppContext, db: DbOrTx): Promise<{ round: RoundRow; paths: string[] }[]> {
  const m = memory(ctx);
  const now = Date.now();
  if (m.openRounds && fresh(m.openRounds.at, now)) return m.openRounds.value;
  const open = await rounds.openRounds(db);
  const regions = await rounds.roundRegions(db, open.map((r) => r.id));
  const value = open.map((round) => ({ round, paths: regions.filter((r) => r.round_id === round.id).map((r) => r.region_path) }));
  m.openRounds = { at: now, value };
  return value;
}

/** The open round whose scope holds a site (the newest, should two overlap). */
export function roundHolding(open: { round: RoundRow; paths: string[] }[], site: SiteRow): RoundRow | undefined {
  return open.find((o) => o.paths.some((p) => site.region_path === p || site.region_path.startsWith(`${p}/`)))?.round;
}

export async function sitesById(ctx: AppContext, db: DbOrTx, ids: string[]): Promise<Map<string, SiteRow>> {
  const m = memory(ctx);
  const now = Date.now();
  const missing = ids.filter((id) => !fresh(m.sites.get(id)?.at ?? 0, now));
  if (missing.length > 0) {
    const rows = await sites.findSites(db, missing);
    for (const id of missing) m.sites.set(id, { at: now, value: rows.find((r) => r.id === id) });
  }
  const out = new Map<string, SiteRow>();
  for (const id of ids) {
    const site = m.sites.get(id)?.value;
    if (site) out.set(id, site);
  }
  return out;
}

/** The sites each user samples at. */
export async function sitesOfSamplers(ctx: AppContext, db: DbOrTx, userIds: string[]): Promise<Map<string, Set<string>>> {
  const m = memory(ctx);
  const now = Date.now();
  const missing = userIds.filter((id) => !fresh(m.assignments.get(id)?.at ?? 0, now));
  if (missing.length > 0) {
    const rows = await sites.assignmentsOf(db, missing);
    for (const id of missing) m.assignments.set(id, { at: now, value: new Set(rows.filter((r) => r.user_id === id).map((r) => r.site_id)) });
  }
  return new Map(userIds.map((id) => [id, m.assignments.get(id)!.value]));
}

/** Region names change only when the tree is edited: a minute is fresh enough for a scan's answer. */
const NAMES_TTL_MS = 60_000;

export async function namesOfRegions(ctx: AppContext, db: DbOrTx, codes: string[]): Promise<Map<string, string>> {
  const m = memory(ctx);
  const now = Date.now();
  const missing = codes.filter((c) => now - (m.regionNames.get(c)?.at ?? 0) >= NAMES_TTL_MS);
  if (missing.length > 0) {
    const names = await regionNames(db, missing);
    for (const c of missing) m.regionNames.set(c, { at: now, value: names.get(c) ?? c });
  }
  return new Map(codes.map((c) => [c, m.regionNames.get(c)!.value]));
}
