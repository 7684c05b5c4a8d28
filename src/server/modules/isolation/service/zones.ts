import type { z } from 'zod';
import { can, inScope, requirePermission, requireRegion, scopePaths, type Actor } from '../../../platform/access.js';
import { audit } from '../../../platform/audit.js';
import type { AppContext } from '../../../platform/context.js';
import { inTransaction, type DbOrTx } from '../../../platform/db/index.js';
import { AppError, validationError } from '../../../platform/errors.js';
import { newId, nowIso } from '../../../platform/ids.js';
import { recordTransition } from '../../../platform/workflow.js';
import { findRegion, findRegions, regionNames, type RegionRow } from '../../regions/index.js';
import { responseInForce, ruleSetName, ruleSetTable, setResponseMode } from '../../response/index.js';
import { areaTestingDays } from '../../testing/index.js';
import type {
  ChangeZoneLevel, DecideProposal, DesignateZone, NewProposal, ProposalView, PublishedZone, ZoneQuery, ZoneView,
} from '../../../../shared/contracts/isolation/zones.js';
import { todayInChina } from '../../../../shared/validators/index.js';
import { higherLevel, levelOn } from '../rules/history.js';
import { PROPOSAL_LADDER } from '../rules/proposals.js';
import { downgradeAdvice, downgradeRuleFor, zoneRulesOf, type DesignatedLevel, type DowngradeAdvice, type ZoneState } from '../rules/zones.js';
import type { ZoneAction, ZoneHistoryRow, ZoneProposalRow, ZoneRegionRow, ZoneRow } from '../tables.js';
import * as store from '../store/zones.js';
import { pathNamer } from './views.js';
import { addDays, chinaDay } from '../../../../shared/dates.js';

const LEVEL_ZH: Record<DesignatedLevel, string> = { high: '高风险区', medium: '中风险区', low: '低风险区' };
const RANK: Record<DesignatedLevel, number> = { low: 1, medium: 2, high: 3 };
/** How far back the daily computation looks for the day-N round. */
const ROUND_LOOKBACK_DAYS = 31;

// ---------------------------------------------------------------------------------------------
// Eligibility

/** The zone's state for the rules: its clocks, and its days of testing from day N (at most a month back). */
export async function zoneState(db: DbOrTx, zone: ZoneRow, regions: ZoneRegionRow[], today: string): Promise<ZoneState> {
  const ruleSet = zone.rule_set;
  const start = zone.last_infection_on && zone.last_infection_on > zone.since ? zone.last_infection_on : zone.since;
  const rule = zone.level ? downgradeRuleFor(zoneRulesOf(await ruleSetTable(db), ruleSet), zone.level, zone.downgraded_from) : undefined;
  const from = [addDays(start, rule?.days ?? 0), addDays(today, -ROUND_LOOKBACK_DAYS)].sort()[1];
  const days = rule?.needsNegativeRoundOnLastDay && from <= today
    ? await areaTestingDays(db, regions.map((r) => r.region_path), from, today) : [];
  return {
    ruleSet, level: zone.level ?? 'low', since: zone.since, lastInfection: zone.last_infection_on, downgradedFrom: zone.downgraded_from,
    rounds: days.filter((d) => d.sampled > 0).map((d) => ({ date: d.date, allNegative: d.allNegative })),
  };
}

export async function adviceFor(db: DbOrTx, zone: ZoneRow, today: string): Promise<DowngradeAdvice | null> {
  if (zone.status !== 'active' || !zone.level) return null;
  return downgradeAdvice(await zoneState(db, zone, await store.regionsOfZones(db, [zone.id]), today), today, await ruleSetTable(db));
}

function adviceView(a: DowngradeAdvice | null) {
  if (!a) return null;
  return a.eligible ? { eligible: true, to: a.to, cleanDays: a.cleanDays, needDays: a.cleanDays, missing: null }
    : { eligible: false, to: a.to, cleanDays: a.cleanDays, needDays: a.needDays, missing: a.missing };
}

// ---------------------------------------------------------------------------------------------
// Views

/** Each zone's regions with their names (a building by its own name, a region by its path), and the names of paths. */
async function namedRegions(db: DbOrTx, zones: ZoneRow[]) {
  const regions = await store.regionsOfZones(db, zones.map((z) => z.id));
  const name = await pathNamer(db, [...zones.map((z) => z.region_path), ...regions.map((r) => r.region_path)]);
  const names = await regionNames(db, regions.map((r) => r.region_code));
  const rowsOf = (zone: ZoneRow) => regions.filter((r) => r.zone_id === zone.id);
  return {
    name,
    rowsOf,
    of: (zone: ZoneRow) => rowsOf(zone).map((r) => ({ code: r.region_code,
      name: zone.scope_kind === 'buildings' ? names.get(r.region_code) ?? r.region_code : name(r.region_path) })),
  };
}

async function zoneViews(db: DbOrTx, zones: ZoneRow[], today: string, withAdvice: boolean): Promise<ZoneView[]> {
  const [named, history] = await Promise.all([namedRegions(db, zones), store.historyOf(db, zones.map((z) => z.id))]);
  // Each zone's testing days are read at once (PostgreSQL answers them on several connections).
  const advices = await Promise.all(zones.map(async (zone) => (withAdvice && zone.status === 'active' && zone.level
    ? downgradeAdvice(await zoneState(db, zone, named.rowsOf(zone), today), today, await ruleSetTable(db)) : null)));
  const out: ZoneView[] = [];
  for (const [i, zone] of zones.entries()) {
    const advice = advices[i];
    out.push({
      id: zone.id, name: zone.name, level: zone.level, status: zone.status, ruleSet: zone.rule_set,
      scopeKind: zone.scope_kind, regionCode: zone.region_code, regionName: named.name(zone.region_path),
      regions: named.of(zone),
      decisionNo: zone.decision_no, designatedAt: zone.designated_at, since: zone.since, lastInfectionOn: zone.last_infection_on,
      advice: adviceView(advice),
      history: history.filter((h) => h.zone_id === zone.id).map((h) => ({
        id: h.id, action: h.action, fromLevel: h.from_level, toLevel: h.to_level, effectiveAt: h.effective_at,
        decisionNo: h.decision_no, reason: h.reason, recordedAt: h.recorded_at, recordedBy: h.recorded_by,
      })),
    });
  }
  return out;
}

async function proposalViews(db: DbOrTx, rows: ZoneProposalRow[], today: string): Promise<ProposalView[]> {
  const zones = new Map((await store.zonesByIds(db, rows.map((r) => r.zone_id))).map((z) => [z.id, z]));
  const out: ProposalView[] = [];
  for (const r of rows) {
    const zone = zones.get(r.zone_id)!;
    const advice = r.status === 'proposed' ? await adviceFor(db, zone, today) : null;
    out.push({
      id: r.id, zoneId: r.zone_id, zoneName: zone.name, fromLevel: r.from_level, toLevel: r.to_level, status: r.status,
      cleanDays: r.clean_days, proposedOn: r.proposed_on, proposedAt: r.proposed_at, proposedBy: r.proposed_by, note: r.note,
      decidedAt: r.decided_at, decisionNo: r.decision_no, decisionReason: r.decision_reason, advice: adviceView(advice),
    });
  }
  return out;
}

/** Zones are seen by whoever has isolation.view and the zone's region in view scope. */
async function visibleZone(db: DbOrTx, actor: Actor, id: string): Promise<ZoneRow> {
  requirePermission(actor, 'isolation.view');
  const zone = await store.findZone(db, id);
  if (!zone || !inScope(actor, zone.region_path)) throw new AppError('NOT_FOUND');
  return zone;
}

export async function listZones(ctx: AppContext, actor: Actor, q: z.infer<typeof ZoneQuery>): Promise<ZoneView[]> {
  requirePermission(actor, 'isolation.view');
  const db = ctx.handle.db;
  const requested = q.region ? await findRegion(db, q.region) : undefined;
  if (q.region && !requested) throw new AppError('NOT_FOUND');
  const rows = await store.zonesUnder(db, scopePaths(actor, requested?.path), q.status === 'all' ? undefined : q.status);
  return zoneViews(db, rows, todayInChina(), true);
}

/**
 * Every zone of the reader's district(s), in force or lifted, as it was announced to the public: a
 * cadre opening an episode for an arrival picks the zone the person left, wherever in the district it
 * lies, beyond the regions they manage. Public notices name no one, so there is no scope to check
 * beyond the district and nothing to audit.
 */
export async function publishedZones(ctx: AppContext, actor: Actor): Promise<PublishedZone[]> {
  if (!can(actor, 'isolation.view')) requirePermission(actor, 'screening.capture');
  const db = ctx.handle.db;
  const districts = [...new Set(scopePaths(actor).map((p) => p.split('/')[0]))];
  const zones = await store.zonesUnder(db, districts);
  const named = await namedRegions(db, zones);
  return zones.map((z) => ({ id: z.id, name: z.name, level: z.level, status: z.status, regions: named.of(z), decisionNo: z.decision_no,
    designatedAt: z.designated_at }));
}

export async function getZone(ctx: AppContext, actor: Actor, id: string): Promise<ZoneView> {
  const db = ctx.handle.db;
  return (await zoneViews(db, [await visibleZone(db, actor, id)], todayInChina(), true))[0];
}

// ---------------------------------------------------------------------------------------------
// Decisions

function historyRow(zone: ZoneRow, action: ZoneAction, to: DesignatedLevel | null, at: string, actor: Actor | null,
  decisionNo: string | null, reason: string | null | undefined): ZoneHistoryRow {
  return {
    id: newId(), zone_id: zone.id, action, from_level: zone.level, to_level: to, effective_at: at, effective_on: chinaDay(at),
    decision_no: decisionNo, reason: reason ?? null, region_path: zone.region_path, recorded_at: nowIso(), recorded_by: actor?.userId ?? null,
  };
}

function decisionTime(decidedAt: string | undefined): string {
  const at = decidedAt ? new Date(decidedAt).toISOString() : nowIso();
  if (Date.parse(at) > Date.now() + 60_000) throw new AppError('DECISION_TIME_FUTURE');
  return at;
}

/** The lowest region holding all of these (their longest common path). */
function commonPath(paths: string[]): string {
  const split = paths.map((p) => p.split('/'));
  const out: string[] = [];
  for (let i = 0; i < split[0].length; i++) {
    const seg = split[0][i];
    if (split.every((s) => s[i] === seg)) out.push(seg);
    else break;
  }
  return out.join('/');
}

/**
 * Designates a zone by a region (a community or village, or a grid) or by a set of buildings, under
 * the plan of the response in force, with its decision number and time; its first history row.
 */
export async function designateZone(ctx: AppContext, actor: Actor | null, input: DesignateZone): Promise<ZoneView> {
  if (actor) requirePermission(actor, 'zones.manage');
  const db = ctx.handle.db;
  const at = decisionTime(input.decidedAt);
  let regions: RegionRow[];
  let kind: ZoneRow['scope_kind'];
  if (input.buildingCodes?.length) {
    regions = await findRegions(db, [...new Set(input.buildingCodes)]);
    const missing = input.buildingCodes.filter((c) => !regions.some((r) => r.code === c));
    if (missing.length) throw validationError(missing.map((c) => ({ field: 'buildingCodes', code: 'REGION_UNKNOWN' as const, params: { value: c } })));
    if (regions.some((r) => r.level !== 'building')) throw new AppError('ZONE_BUILDINGS_REQUIRED');
    kind = 'buildings';
  } else if (input.regionCode) {
    const region = await findRegion(db, input.regionCode);
    if (!region) throw validationError([{ field: 'regionCode', code: 'REGION_UNKNOWN', params: { value: input.regionCode } }]);
    if (region.level === 'district' || region.level === 'township') {
      throw validationError([{ field: 'regionCode', code: 'REGION_TOO_HIGH', params: { value: region.name } }]);
    }
    regions = [region];
    kind = region.level === 'building' ? 'buildings' : 'region';
  } else {
    throw new AppError('ZONE_BUILDINGS_REQUIRED');
  }
  if (actor) for (const r of regions) requireRegion(actor, r.path, 'capture');
  const response = await responseInForce(db);
  if (!response) throw new AppError('NO_RULE_SET_IN_FORCE', { date: chinaDay(at) });
  const ruleSet = response.ruleSet;
  const table = await ruleSetTable(db);
  if (!zoneRulesOf(table, ruleSet).levels.includes(input.level)) {
    throw new AppError('ZONE_LEVEL_NOT_IN_RULE_SET', { ruleSet: ruleSetName(table, ruleSet, 'zh-CN'), level: LEVEL_ZH[input.level] });
  }
  const path = kind === 'buildings' ? commonPath(regions.map((r) => r.path)) : regions[0].path;
  const code = path.split('/').pop()!;
  const now = nowIso();
  const zone: ZoneRow = {
    id: newId(), name: input.name, level: input.level, status: 'active', rule_set: ruleSet, scope_kind: kind, region_code: code,
    region_path: path, decision_no: input.decisionNo, designated_at: at, since: chinaDay(at), last_infection_on: null,
    downgraded_from: null, created_at: now, created_by: actor?.userId ?? null, updated_at: now,
  };
  await inTransaction(db, async (tx) => {
    await store.insertZone(tx, zone, regions.map((r) => ({ zone_id: zone.id, region_code: r.code, region_path: r.path })));
    await store.insertHistory(tx, [historyRow({ ...zone, level: null }, 'designate', input.level, at, actor, input.decisionNo, input.reason)]);
    if (actor) await audit(tx, actor, { action: 'isolation.zone.designate', subjectType: 'isolation_zone', subjectId: zone.id,
      regionPath: path, detail: { level: input.level, decisionNo: input.decisionNo, regions: regions.length } });
  });
  return (await zoneViews(db, [zone], todayInChina(), false))[0];
}

/** Raises a zone's level (a new spread) or lifts it (解封). Lifting is the commander's (zones.approve). */
export async function changeZoneLevel(ctx: AppContext, actor: Actor, id: string, input: z.infer<typeof ChangeZoneLevel>): Promise<ZoneView> {
  requirePermission(actor, input.action === 'lift' ? 'zones.approve' : 'zones.manage');
  const db = ctx.handle.db;
  const at = decisionTime(input.decidedAt);
  await inTransaction(db, async (tx) => {
    const zone = await visibleZone(tx, actor, id);
    requireRegion(actor, zone.region_path, 'capture');
    if (zone.status !== 'active' || !zone.level) throw new AppError('ZONE_NOT_ACTIVE');
    let patch: Partial<ZoneRow>;
    if (input.action === 'upgrade') {
      const to = input.level;
      if (!to || RANK[to] <= RANK[zone.level]) throw validationError([{ field: 'level', code: 'REQUIRED', params: { field: '更高的风险等级' } }]);
      const table = await ruleSetTable(tx);
      if (!zoneRulesOf(table, zone.rule_set).levels.includes(to)) {
        throw new AppError('ZONE_LEVEL_NOT_IN_RULE_SET', { ruleSet: ruleSetName(table, zone.rule_set, 'zh-CN'), level: LEVEL_ZH[to] });
      }
      patch = { level: to, since: chinaDay(at), downgraded_from: null };
    } else {
      patch = { level: null, status: 'lifted' };
    }
    await store.insertHistory(tx, [historyRow(zone, input.action, patch.level ?? null, at, actor, input.decisionNo, input.reason)]);
    await store.updateZone(tx, id, { ...patch, updated_at: nowIso() });
    await withdrawPending(tx, actor, [id], input.action === 'lift' ? '风险区已解除' : '风险等级已上调');
    await audit(tx, actor, { action: `isolation.zone.${input.action}`, subjectType: 'isolation_zone', subjectId: id, regionPath: zone.region_path,
      detail: { from: zone.level, to: patch.level ?? null, decisionNo: input.decisionNo } });
  });
  return getZone(ctx, actor, id);
}

async function withdrawPending(tx: DbOrTx, actor: Actor | null, zoneIds: string[], reason: string): Promise<number> {
  const pending = await store.proposalsOf(tx, zoneIds, 'proposed');
  for (const p of pending) {
    await recordTransition(tx, PROPOSAL_LADDER, { recordId: p.id, from: 'proposed', to: 'withdrawn', actor, reason });
    await store.updateProposal(tx, p.id, { status: 'withdrawn', decided_at: nowIso(), decided_by: actor?.userId ?? null, decision_reason: reason });
  }
  return pending.length;
}

/**
 * A new confirmed or asymptomatic infection living in a region: every active zone containing it
 * restarts its clean-day clock from that date, and its pending downgrade proposals are withdrawn.
 * Called by screening when an infection is registered; returns the zones touched.
 */
export async function recordInfection(db: DbOrTx, actor: Actor | null, p: { regionPath: string; date: string }): Promise<number> {
  return inTransaction(db, async (tx) => {
    const ids = await store.zoneIdsContaining(tx, p.regionPath);
    const zones = (await store.zonesByIds(tx, ids)).filter((z) => z.status === 'active');
    const touched = zones.filter((z) => !z.last_infection_on || z.last_infection_on < p.date);
    for (const z of touched) await store.updateZone(tx, z.id, { last_infection_on: p.date, updated_at: nowIso() });
    if (touched.length) await withdrawPending(tx, actor, touched.map((z) => z.id), `${p.date} 新增感染`);
    if (actor && touched.length) {
      await audit(tx, actor, { action: 'isolation.zone.infection', subjectType: 'isolation_zone', regionPath: p.regionPath,
        detail: { date: p.date, zones: touched.map((z) => z.id) } });
    }
    return touched.length;
  });
}

/**
 * The risk level of a place on a local date, from the zones' history: the highest level of any zone
 * containing the place that day (see levelOn); otherwise 'low' if the district had a high or medium
 * zone in force that day (the rest of a district with such zones is the low-risk zone, DOMAIN.md
 * §1.2); otherwise null (no zones: routine).
 */
export async function zoneLevelAt(db: DbOrTx, regionPath: string, date: string): Promise<DesignatedLevel | null> {
  const containing = await store.zoneIdsContaining(db, regionPath);
  const history = await store.historyOf(db, containing);
  let level: DesignatedLevel | null = null;
  for (const id of containing) level = higherLevel(level, levelOn(history.filter((h) => h.zone_id === id).map(toChange), date));
  if (level) return level;
  const district = regionPath.split('/')[0];
  const others = await store.historyOf(db, await store.zoneIdsOfDistrictSince(db, district, date));
  const byZone = new Map<string, ZoneHistoryRow[]>();
  for (const h of others) byZone.set(h.zone_id, [...(byZone.get(h.zone_id) ?? []), h]);
  for (const rows of byZone.values()) {
    const l = levelOn(rows.map(toChange), date);
    if (l === 'high' || l === 'medium') return 'low';
  }
  return null;
}

const toChange = (h: ZoneHistoryRow) => ({ effectiveOn: h.effective_on, effectiveAt: h.effective_at, toLevel: h.to_level });

export async function zoneLevelQuery(ctx: AppContext, actor: Actor, region: string, date: string) {
  if (!can(actor, 'isolation.view') && !can(actor, 'screening.view')) requirePermission(actor, 'isolation.view');
  const found = await findRegion(ctx.handle.db, region);
  if (!found) throw new AppError('NOT_FOUND');
  return { region, date, level: await zoneLevelAt(ctx.handle.db, found.path, date) };
}

// ---------------------------------------------------------------------------------------------
// Proposals

async function propose(tx: DbOrTx, actor: Actor | null, zone: ZoneRow, to: DesignatedLevel, cleanDays: number, today: string,
  note?: string | null): Promise<ZoneProposalRow> {
  if ((await store.proposalsOf(tx, [zone.id], 'proposed')).length) throw new AppError('ZONE_PROPOSAL_PENDING');
  const row: ZoneProposalRow = {
    id: newId(), zone_id: zone.id, from_level: zone.level!, to_level: to, status: 'proposed', clean_days: cleanDays, proposed_on: today,
    proposed_at: nowIso(), proposed_by: actor?.userId ?? null, note: note ?? null, region_path: zone.region_path,
    decided_at: null, decided_by: null, decision_no: null, decision_reason: null,
  };
  await store.insertProposal(tx, row);
  await recordTransition(tx, PROPOSAL_LADDER, { recordId: row.id, from: null, to: 'proposed', actor, reason: note ?? undefined });
  return row;
}

/**
 * The daily computation: for every active zone, its eligibility on `today`; an eligible zone without
 * a pending proposal gets one for headquarters. Idempotent for a day.
 */
export async function runZoneDay(db: DbOrTx, today: string): Promise<{ today: string; zones: number; proposed: number }> {
  const zones = await store.activeZones(db);
  let proposed = 0;
  for (const zone of zones) {
    const advice = await adviceFor(db, zone, today);
    if (!advice?.eligible) continue;
    await inTransaction(db, async (tx) => {
      if ((await store.proposalsOf(tx, [zone.id], 'proposed')).length) return;
      await propose(tx, null, zone, advice.to, advice.cleanDays, today, `连续 ${advice.cleanDays} 天无新增感染，第 N 天全员核酸阴性`);
      proposed++;
    });
  }
  return { today, zones: zones.length, proposed };
}

/** A lead proposes a downgrade by hand (the expert panel asked): eligibility is checked at approval. */
export async function proposeDowngrade(ctx: AppContext, actor: Actor, zoneId: string, input: z.infer<typeof NewProposal>): Promise<ProposalView> {
  requirePermission(actor, 'zones.manage');
  const db = ctx.handle.db;
  const today = todayInChina();
  const row = await inTransaction(db, async (tx) => {
    const zone = await visibleZone(tx, actor, zoneId);
    requireRegion(actor, zone.region_path, 'capture');
    if (zone.status !== 'active' || !zone.level) throw new AppError('ZONE_NOT_ACTIVE');
    const advice = await adviceFor(tx, zone, today);
    if (!advice?.to) throw new AppError('ZONE_NOT_ELIGIBLE', { cleanDays: advice?.cleanDays ?? 0, needDays: 0, missing: '，已是最低等级' });
    const made = await propose(tx, actor, zone, advice.to, advice.cleanDays, today, input.note);
    await audit(tx, actor, { action: 'isolation.zone.propose', subjectType: 'isolation_zone', subjectId: zoneId, regionPath: zone.region_path });
    return made;
  });
  return (await proposalViews(db, [row], today))[0];
}

export async function listProposals(ctx: AppContext, actor: Actor, status?: ZoneProposalRow['status']): Promise<ProposalView[]> {
  requirePermission(actor, 'isolation.view');
  const db = ctx.handle.db;
  return proposalViews(db, await store.proposalsUnder(db, scopePaths(actor), status), todayInChina());
}

/**
 * Moves a zone down a level as decided (history row, level, the clock restarting at the decision's
 * date). The approval above checks eligibility first; the demo seed records past decisions with it.
 */
export async function applyDowngrade(tx: DbOrTx, actor: Actor | null, zone: ZoneRow, to: DesignatedLevel, at: string, decisionNo: string,
  reason: string | null | undefined): Promise<void> {
  await store.insertHistory(tx, [historyRow(zone, 'downgrade', to, at, actor, decisionNo, reason)]);
  await store.updateZone(tx, zone.id, { level: to, since: chinaDay(at), downgraded_from: zone.level, updated_at: nowIso() });
}

const MISSING_ZH: Record<string, string> = { days: '', negative_round: '，第 N 天全员核酸结果尚未全部阴性', nothing_lower: '，已是最低等级' };

/**
 * The commander approves with a decision number, or rejects with a reason. Approval re-checks the
 * zone on `today`: before it is eligible (days or the all-negative round missing) it is refused with
 * ZONE_NOT_ELIGIBLE and nothing changes. Approved, the zone moves down and its history records it.
 */
export async function decideProposal(ctx: AppContext, actor: Actor, id: string, decision: 'approve' | 'reject',
  input: z.infer<typeof DecideProposal>, today = todayInChina()): Promise<ProposalView> {
  requirePermission(actor, 'zones.approve');
  const db = ctx.handle.db;
  if (decision === 'approve' && !input.decisionNo) {
    throw validationError([{ field: 'decisionNo', code: 'REQUIRED', params: { field: '文号' } }]);
  }
  if (decision === 'reject' && !input.reason) throw validationError([{ field: 'reason', code: 'REQUIRED', params: { field: '理由' } }]);
  await inTransaction(db, async (tx) => {
    const row = await store.findProposal(tx, id);
    if (!row) throw new AppError('NOT_FOUND');
    const zone = await visibleZone(tx, actor, row.zone_id);
    requireRegion(actor, zone.region_path, 'capture');
    if (row.status !== 'proposed') throw new AppError('INVALID_STATE', {}, { from: row.status });
    const at = nowIso();
    if (decision === 'reject') {
      await recordTransition(tx, PROPOSAL_LADDER, { recordId: id, from: 'proposed', to: 'rejected', actor, reason: input.reason ?? undefined });
      await store.updateProposal(tx, id, { status: 'rejected', decided_at: at, decided_by: actor.userId, decision_reason: input.reason ?? null });
    } else {
      if (zone.status !== 'active' || zone.level !== row.from_level) throw new AppError('ZONE_NOT_ACTIVE');
      const advice = await adviceFor(tx, zone, today);
      if (!advice?.eligible || advice.to !== row.to_level) {
        throw new AppError('ZONE_NOT_ELIGIBLE', { cleanDays: advice?.cleanDays ?? 0, needDays: advice && !advice.eligible ? advice.needDays : 0,
          missing: advice && !advice.eligible ? MISSING_ZH[advice.missing] : '' }, { advice });
      }
      await recordTransition(tx, PROPOSAL_LADDER, { recordId: id, from: 'proposed', to: 'approved', actor, reason: input.reason ?? undefined });
      await store.updateProposal(tx, id, { status: 'approved', decided_at: at, decided_by: actor.userId, decision_no: input.decisionNo!,
        decision_reason: input.reason ?? null });
      await applyDowngrade(tx, actor, zone, row.to_level, at, input.decisionNo!, input.reason ?? row.note);
    }
    await audit(tx, actor, { action: `isolation.zone.${decision}`, subjectType: 'isolation_zone', subjectId: zone.id, regionPath: zone.region_path,
      detail: { proposalId: id, decisionNo: input.decisionNo } });
  });
  return (await proposalViews(db, [(await store.findProposal(db, id))!], today))[0];
}

/**
 * 恢复正常秩序: every active zone is lifted in one transaction ('restore' in each history) and the
 * response in force goes to routine mode. Needs zones.approve and a decision number.
 */
export async function restoreRoutine(ctx: AppContext, actor: Actor, input: { decisionNo: string; reason?: string | null }) {
  requirePermission(actor, 'zones.approve');
  const db = ctx.handle.db;
  return inTransaction(db, async (tx) => {
    const zones = await store.activeZones(tx);
    if (zones.length === 0) throw new AppError('NO_ACTIVE_ZONES');
    for (const z of zones) requireRegion(actor, z.region_path, 'capture');
    const at = nowIso();
    await store.insertHistory(tx, zones.map((z) => historyRow(z, 'restore', null, at, actor, input.decisionNo, input.reason ?? '恢复正常秩序')));
    for (const z of zones) await store.updateZone(tx, z.id, { level: null, status: 'lifted', updated_at: at });
    await withdrawPending(tx, actor, zones.map((z) => z.id), '恢复正常秩序');
    const response = await responseInForce(tx);
    const mode = response
      ? (response.mode === 'routine' ? response : await setResponseMode(tx, actor, 'routine', `恢复正常秩序（${input.decisionNo}）`)).mode
      : null;
    await audit(tx, actor, { action: 'isolation.zone.restore', subjectType: 'isolation_zone', reason: input.reason ?? undefined,
      detail: { decisionNo: input.decisionNo, zones: zones.length } });
    return { lifted: zones.length, responseMode: mode };
  });
}
