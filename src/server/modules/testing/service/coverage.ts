import { can, requirePermission, requireRegion, scopePaths, type Actor } from '../../../platform/access.js';
import { audit } from '../../../platform/audit.js';
import type { AppContext } from '../../../platform/context.js';
import { inTransaction, type DbOrTx } from '../../../platform/db/index.js';
import { AppError, validationError } from '../../../platform/errors.js';
import { newId, nowIso } from '../../../platform/ids.js';
import { failJob, runJob, startJob, type JobInput } from '../../../platform/jobs.js';
import { maskDocNumber, maskName, maskPhone } from '../../../platform/pii.js';
import { writeTable, type CellValue } from '../../../platform/spreadsheet/index.js';
import { runInWorker } from '../../../platform/worker.js';
import { displayName, findRegion, findRegions, regionNames, type RegionRow } from '../../regions/index.js';
import { peopleByIds, personViews, residentsPerLeaf, residentsUnder } from '../../people/index.js';
import { activeTasksFor, createTask } from '../../tasks/index.js';
import type { Locale } from '../../../../shared/messages.js';
import { pathOfCode } from '../../../../shared/regions.js';
import {
  EXEMPTION_REASONS, FOLLOWUP_OUTCOME_LABELS, type ExemptionReason, type FollowupOutcome,
} from '../../../../shared/testing.js';
import type {
  CoverageFigures, CoverageNode, CoverageReport, ExemptByReason, FollowupView, IssuedMissingTasks, MissingPage,
  MissingPerson, NewFollowup, ReconcileResult, ResolveUnregistered, UnregisteredView,
} from '../../../../shared/contracts/testing/coverage.js';
import type { FollowupRow, RoundRow, UnregisteredRow } from '../tables.js';
import {
  addLeaf, addSums, counterDrift, emptySums, figuresOf, missingTaskTitle, type CoverageSums, type LeafCounters,
} from '../rules/coverage.js';
import { bumpCoverage } from '../store/coverage.js';
import { findRound, roundRegions } from '../store/rounds.js';
import { recordRoundPeople } from '../store/sampling.js';
import * as report from '../store/coverage-report.js';
import { exemptionsByChildAndReason, exemptionsByLeaf, exemptAmong } from '../store/exemptions.js';
import { personInRound, requireCoverageWriter, roundPathsWithin } from './exemptions.js';
import { visibleRound } from './rounds.js';

const codeOf = (path: string) => path.slice(path.lastIndexOf('/') + 1);

function commonAncestor(paths: string[]): string {
  let parts = paths[0].split('/');
  for (const p of paths.slice(1)) {
    const other = p.split('/');
    let i = 0;
    while (i < parts.length && i < other.length && parts[i] === other[i]) i++;
    parts = parts.slice(0, i);
  }
  return parts.join('/');
}

function noExemptions(): ExemptByReason {
  return Object.fromEntries(EXEMPTION_REASONS.map((r) => [r, 0])) as ExemptByReason;
}

function toFigures(sums: CoverageSums, byReason: ExemptByReason): CoverageFigures {
  return { ...figuresOf(sums), exemptByReason: byReason };
}

/**
 * A round's figures for a region and the regions one level below it, from the counters of the leaves
 * the actor may see (never from the people or samples themselves: a few thousand counter rows for a
 * whole district). Without a region: the actor's own regions.
 */
export async function coverageOf(
  db: DbOrTx,
  actor: Actor,
  round: RoundRow,
  regionCode?: string,
): Promise<{ region: CoverageNode; children: CoverageNode[]; updatedAt: string | null }> {
  const requested = regionCode ? await findRegion(db, regionCode) : undefined;
  if (regionCode && !requested) throw new AppError('NOT_FOUND');
  const paths = scopePaths(actor, requested?.path);
  if (paths.length === 0) throw new AppError('OUT_OF_SCOPE');
  const parentPath = requested?.path ?? (paths.length === 1 ? paths[0] : commonAncestor(paths));
  const parentCode = codeOf(parentPath);
  const childPathLength = parentPath.length + 1 + parentCode.length + 3;
  const [sums, exemptions] = await Promise.all([
    report.sumsByChild(db, round.id, paths, childPathLength),
    exemptionsByChildAndReason(db, round.id, paths, childPathLength),
  ]);
  const total = emptySums();
  const children: { path: string; sums: CoverageSums }[] = [];
  let updatedAt: string | null = null;
  for (const row of sums) {
    const { child, updatedAt: at, ...s } = row;
    addSums(total, s);
    if (at !== null && (updatedAt === null || at > updatedAt)) updatedAt = at;
    if (child !== parentPath) children.push({ path: child, sums: s });
  }
  children.sort((a, b) => (a.path < b.path ? -1 : 1));
  const byReason = new Map<string, ExemptByReason>();
  const totalReasons = noExemptions();
  for (const e of exemptions) {
    if (!(EXEMPTION_REASONS as readonly string[]).includes(e.reason)) continue;
    const reason = e.reason as ExemptionReason;
    totalReasons[reason] += e.n;
    if (e.child === parentPath) continue;
    const r = byReason.get(e.child) ?? noExemptions();
    r[reason] += e.n;
    byReason.set(e.child, r);
  }
  const regions = new Map((await findRegions(db, [parentCode, ...children.map((c) => codeOf(c.path))])).map((r) => [r.code, r]));
  const node = (path: string, sums: CoverageSums, reasons: ExemptByReason): CoverageNode => {
    const r = regions.get(codeOf(path));
    return { code: codeOf(path), name: r?.name ?? codeOf(path), level: r?.level ?? '', figures: toFigures(sums, reasons) };
  };
  return {
    region: node(parentPath, total, totalReasons),
    children: children.map((c) => node(c.path, c.sums, byReason.get(c.path) ?? noExemptions())),
    updatedAt,
  };
}

export async function getCoverage(ctx: AppContext, actor: Actor, roundId: string, regionCode?: string): Promise<CoverageReport> {
  requirePermission(actor, 'testing.view');
  const db = ctx.handle.db;
  const round = await visibleRound(db, actor, roundId);
  const { region, children, updatedAt } = await coverageOf(db, actor, round, regionCode);
  return { round: { id: round.id, name: round.name, status: round.status, endsAt: round.ends_at }, region, children, updatedAt };
}

// ---- The missing lists (应检未检名单) ----

const LIST_LEVELS: RegionRow['level'][] = ['community', 'grid', 'building'];

/** The actor's part of a community, grid or building, within the round: the paths a missing list covers. */
async function listPaths(db: DbOrTx, actor: Actor, round: RoundRow, regionCode: string): Promise<{ region: RegionRow; paths: string[] }> {
  const region = await findRegion(db, regionCode);
  if (!region) throw new AppError('NOT_FOUND');
  if (!LIST_LEVELS.includes(region.level)) throw validationError([{ field: 'region', code: 'REGION_TOO_HIGH', params: { value: region.name } }]);
  return { region, paths: await roundPathsWithin(db, round.id, scopePaths(actor, region.path)) };
}

/** Residents under the paths who are neither tested in the round nor exempt from it, in ledger order. */
async function missingIds(db: DbOrTx, roundId: string, paths: string[]): Promise<string[]> {
  if (paths.length === 0) return [];
  // By person, not by where the scan counted them: someone who moved after being swabbed is not missing.
  // Tested where they live now, in one range read; the few left are then asked by id (tested elsewhere, exempt).
  const [residents, testedHere] = await Promise.all([residentsUnder(db, paths), report.testedPeopleUnder(db, roundId, paths)]);
  const left = residents.filter((r) => !testedHere.has(r.id)).map((r) => r.id);
  const [testedElsewhere, exempt] = await Promise.all([report.testedAmong(db, roundId, left), exemptAmong(db, roundId, left)]);
  return left.filter((id) => !testedElsewhere.has(id) && !exempt.has(id));
}

async function missingPeople(ctx: AppContext, actor: Actor, roundId: string, ids: string[]): Promise<MissingPerson[]> {
  const db = ctx.handle.db;
  const [rows, followups] = await Promise.all([peopleByIds(db, ids), report.latestFollowups(db, roundId, ids)]);
  const views = new Map((await personViews(ctx, actor, rows)).map((v) => [v.id, v]));
  return ids.filter((id) => views.has(id)).map((id) => {
    const v = views.get(id)!;
    const f = followups.get(id);
    return {
      personId: id, name: v.name, docNumber: v.docNumber, phone: v.phone, age: v.age, regionCode: v.regionCode,
      regionName: v.regionName, address: v.address,
      lastFollowup: f ? { outcome: f.outcome, note: f.note, recordedAt: f.recorded_at } : null,
    };
  });
}

export async function listMissing(
  ctx: AppContext,
  actor: Actor,
  roundId: string,
  q: { region: string; page: number; pageSize: number },
): Promise<MissingPage> {
  requirePermission(actor, 'testing.view');
  const db = ctx.handle.db;
  const round = await visibleRound(db, actor, roundId);
  const { paths } = await listPaths(db, actor, round, q.region);
  const ids = await missingIds(db, roundId, paths);
  const page = ids.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
  return { items: await missingPeople(ctx, actor, roundId, page), total: ids.length, page: q.page, pageSize: q.pageSize };
}

const MISSING_COLUMNS = [
  { key: 'seq', header: '序号', width: 6 },
  { key: 'name', header: '姓名', width: 10 },
  { key: 'docNumber', header: '身份证号', width: 22 },
  { key: 'phone', header: '联系电话', width: 14 },
  { key: 'age', header: '年龄', width: 6 },
  { key: 'region', header: '所属村社区/网格', width: 36 },
  { key: 'address', header: '住址', width: 30 },
  { key: 'lastOutcome', header: '最近核查结果', width: 14 },
  { key: 'lastAt', header: '核查时间', width: 18 },
  { key: 'outcome', header: '本次核查结果（已补采/上门采样/外出核实/拒检）', width: 24 },
  { key: 'note', header: '备注', width: 20 },
];

const chinaTime = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

/** The missing list of a community, grid or building as xlsx for door-knocking (敲门行动): masked, watermarked, audited. */
export async function exportMissing(
  ctx: AppContext,
  actor: Actor,
  roundId: string,
  regionCode: string,
): Promise<{ bytes: Buffer; filename: string; rows: number }> {
  requirePermission(actor, 'testing.view');
  const db = ctx.handle.db;
  const round = await visibleRound(db, actor, roundId);
  const { region, paths } = await listPaths(db, actor, round, regionCode);
  const ids = await missingIds(db, roundId, paths);
  async function* rows(): AsyncGenerator<Record<string, CellValue>> {
    let seq = 0;
    for (let i = 0; i < ids.length; i += 500) {
      for (const p of await missingPeople(ctx, actor, roundId, ids.slice(i, i + 500))) {
        yield {
          seq: ++seq, name: p.name, docNumber: p.docNumber, phone: p.phone ?? '', age: p.age ?? '', region: p.regionName,
          address: p.address ?? '', lastOutcome: p.lastFollowup ? FOLLOWUP_OUTCOME_LABELS[p.lastFollowup.outcome]['zh-CN'] : '',
          lastAt: p.lastFollowup ? chinaTime(p.lastFollowup.recordedAt) : '', outcome: '', note: '',
        };
      }
    }
  }
  const stamp = chinaTime(new Date().toISOString());
  const bytes = await writeTable(MISSING_COLUMNS, rows(), {
    sheetName: '应检未检名单',
    watermark: `${round.name} 导出人 ${actor.displayName}（${actor.username}） ${stamp} 仅限疫情防控使用，不得外传`,
  });
  await audit(db, actor, { action: 'testing.missing.export', regionPath: region.path,
    detail: { roundId, region: region.code, rows: ids.length } });
  return { bytes, rows: ids.length, filename: `应检未检名单-${region.name}-${stamp.slice(0, 10).replace(/\//g, '-')}.xlsx` };
}

/**
 * Hands out the missing lists: one task per grid under the region that still has people missing
 * ("应检尽检：N人未检", due at the round's end), except grids whose list from this round is still open.
 */
export async function issueMissingTasks(
  ctx: AppContext,
  actor: Actor,
  roundId: string,
  input: { region: string; note?: string | null },
): Promise<IssuedMissingTasks> {
  requireCoverageWriter(actor);
  const db = ctx.handle.db;
  const round = await visibleRound(db, actor, roundId);
  if (round.status === 'closed') throw new AppError('ROUND_NOT_OPEN');
  const region = await findRegion(db, input.region);
  if (!region) throw new AppError('NOT_FOUND');
  const paths = scopePaths(actor, region.path, 'capture');
  const leaves = await report.leafCounters(db, roundId, paths);
  const byGrid = new Map<string, CoverageSums>();
  for (const l of leaves) {
    const grid = l.region_path.split('/').slice(0, 4).join('/');
    if (grid.split('/').length < 4) continue;
    addLeaf(byGrid.get(grid) ?? byGrid.set(grid, emptySums()).get(grid)!, l);
  }
  const due = [...byGrid.entries()].map(([path, sums]) => ({ path, missing: figuresOf(sums).missing })).filter((g) => g.missing > 0)
    .sort((a, b) => (a.path < b.path ? -1 : 1));
  const sourceId = (path: string) => `missing:${roundId}:${codeOf(path)}`;
  const open = new Set((await activeTasksFor(db, 'testing', due.map((g) => sourceId(g.path)))).map((t) => t.source_id));
  const fresh = due.filter((g) => !open.has(sourceId(g.path)));
  const names = await regionNames(db, fresh.map((g) => codeOf(g.path)));
  const created = await inTransaction(db, async (tx) => {
    const out: IssuedMissingTasks['created'] = [];
    for (const g of fresh) {
      const taskId = await createTask(tx, actor, {
        title: missingTaskTitle(g.missing), kind: 'testing.missing', sourceModule: 'testing', sourceId: sourceId(g.path),
        target: { type: 'region', id: codeOf(g.path) }, regionPath: g.path, workstream: 'testing', dueAt: round.ends_at,
        note: input.note?.trim() || `${round.name}：请按应检未检名单逐户敲门核查，并登记核查结果`,
      });
      out.push({ taskId, regionCode: codeOf(g.path), regionName: names.get(codeOf(g.path)) ?? codeOf(g.path), missing: g.missing });
    }
    await audit(tx, actor, { action: 'testing.missing.tasks', regionPath: region.path,
      detail: { roundId, created: out.length, alreadyOpen: due.length - fresh.length } });
    return out;
  });
  return { created, alreadyOpen: due.length - fresh.length };
}

// ---- Follow-ups (敲门核查结果) ----

/**
 * What door-knocking found for a missing resident. A refusal (拒检) is escalated at once: a task goes to
 * the cadres of the person's community.
 */
export async function recordFollowup(ctx: AppContext, actor: Actor, roundId: string, input: NewFollowup): Promise<FollowupView> {
  requirePermission(actor, 'testing.followup');
  const db = ctx.handle.db;
  const round = await visibleRound(db, actor, roundId);
  const person = await personInRound(db, actor, round, input.personId);
  const row: FollowupRow = {
    id: newId(), round_id: roundId, person_id: person.id, outcome: input.outcome, note: input.note?.trim() || null,
    region_path: person.region_path, recorded_at: nowIso(), recorded_by: actor.userId,
  };
  const taskId = await inTransaction(db, async (tx) => {
    await report.insertFollowup(tx, row);
    let task: string | null = null;
    if (row.outcome === 'refused') {
      const community = person.region_path.split('/').slice(0, 3).join('/');
      task = await createTask(tx, actor, {
        title: `拒检上报：${maskName(person.name)}（${round.name}）`, kind: 'testing.refused', sourceModule: 'testing',
        sourceId: row.id, target: { type: 'person', id: person.id }, regionPath: community, workstream: 'testing',
        dueAt: round.ends_at, note: row.note,
      });
    }
    await audit(tx, actor, { action: 'testing.followup', subjectType: 'person', subjectId: person.id, regionPath: person.region_path,
      detail: { roundId, outcome: row.outcome, followupId: row.id, escalatedTask: task } });
    return task;
  });
  return { id: row.id, personId: person.id, outcome: row.outcome as FollowupOutcome, note: row.note, recordedAt: row.recorded_at, taskId };
}

// ---- Unregistered people (未登记人员), for the ledger keepers ----

export async function listUnregistered(
  ctx: AppContext,
  actor: Actor,
  roundId: string,
  q: { region?: string; status: 'open' | 'registered' | 'dismissed'; page: number; pageSize: number },
) {
  requirePermission(actor, 'testing.view');
  const db = ctx.handle.db;
  await visibleRound(db, actor, roundId);
  const region = q.region ? await findRegion(db, q.region) : undefined;
  if (q.region && !region) throw new AppError('NOT_FOUND');
  const { rows, total } = await report.pageOfUnregistered(db, { roundId, paths: scopePaths(actor, region?.path), status: q.status },
    { offset: (q.page - 1) * q.pageSize, limit: q.pageSize });
  const names = await regionNames(db, [...new Set(rows.flatMap((r) => r.region_path.split('/')))]);
  const showName = can(actor, 'people.unmask');
  const items: UnregisteredView[] = rows.map((r) => ({
    id: r.id, roundId: r.round_id, name: showName ? r.name : maskName(r.name),
    docNumber: r.doc_number_enc ? maskDocNumber(ctx.pii.decrypt(r.doc_number_enc)) : null,
    phone: r.phone_enc ? maskPhone(ctx.pii.decrypt(r.phone_enc)) : null, address: r.address, regionCode: r.region_code,
    regionName: displayName(r.region_path.split('/').map((c) => ({ name: names.get(c) ?? c }))), sampledAt: r.sampled_at,
    status: r.status, personId: r.person_id,
  }));
  return { items, total, page: q.page, pageSize: q.pageSize };
}

/**
 * Closes an unregistered record: linked to the person the ledger keepers registered (who then counts
 * as tested in the round), or dismissed with a reason. The `unregistered` counter keeps counting it:
 * it says how many were sampled without a ledger entry.
 */
export async function resolveUnregistered(ctx: AppContext, actor: Actor, id: string, input: ResolveUnregistered): Promise<UnregisteredView> {
  requirePermission(actor, 'people.capture');
  const db = ctx.handle.db;
  const row = await report.findUnregistered(db, id);
  if (!row) throw new AppError('NOT_FOUND');
  await visibleRound(db, actor, row.round_id);
  requireRegion(actor, row.region_path, 'capture');
  if (row.status !== 'open') throw new AppError('INVALID_STATE');
  const person = input.action === 'registered' ? (await peopleByIds(db, [input.personId]))[0] : undefined;
  if (input.action === 'registered') {
    if (!person || person.status !== 'active') throw new AppError('NOT_FOUND', {}, { personId: input.personId });
    requireRegion(actor, person.region_path);
  }
  await inTransaction(db, async (tx) => {
    const fresh = await report.findUnregistered(tx, id);
    if (fresh?.status !== 'open') throw new AppError('INVALID_STATE');
    await report.resolveUnregistered(tx, id, input.action, person?.id ?? null);
    if (person) {
      const added = await recordRoundPeople(tx, [{ round_id: row.round_id, person_id: person.id, first_sampled_at: row.sampled_at,
        last_sampled_at: row.sampled_at, region_code: person.region_code, region_path: person.region_path }]);
      if (added.length > 0) await bumpCoverage(tx, row.round_id, [{ regionCode: person.region_code, regionPath: person.region_path, tested: 1 }]);
    }
    await audit(tx, actor, { action: `testing.unregistered.${input.action}`, subjectType: 'testing_unregistered', subjectId: id,
      regionPath: row.region_path, reason: input.action === 'dismissed' ? input.reason : undefined,
      detail: { roundId: row.round_id, personId: person?.id ?? null } });
  });
  return unregisteredView(ctx, actor, (await report.findUnregistered(db, id))!);
}

async function unregisteredView(ctx: AppContext, actor: Actor, r: UnregisteredRow): Promise<UnregisteredView> {
  const names = await regionNames(ctx.handle.db, r.region_path.split('/'));
  return {
    id: r.id, roundId: r.round_id, name: can(actor, 'people.unmask') ? r.name : maskName(r.name),
    docNumber: r.doc_number_enc ? maskDocNumber(ctx.pii.decrypt(r.doc_number_enc)) : null,
    phone: r.phone_enc ? maskPhone(ctx.pii.decrypt(r.phone_enc)) : null, address: r.address, regionCode: r.region_code,
    regionName: displayName(r.region_path.split('/').map((c) => ({ name: names.get(c) ?? c }))), sampledAt: r.sampled_at,
    status: r.status, personId: r.person_id,
  };
}

// ---- Reconciliation (对账) ----

/**
 * Recounts every counter of a round from the source rows (the people ledger per leaf, the people
 * tested, the exemptions, the unregistered) and corrects the counters that drifted. Sources and
 * counters are read in one snapshot and corrections are written as increments, so scans arriving
 * meanwhile are neither lost nor counted twice. No access check: callers check (the job, the bench).
 */
export async function reconcileRound(ctx: AppContext, roundId: string): Promise<ReconcileResult> {
  const started = performance.now();
  const db = ctx.handle.db;
  const round = await findRound(db, roundId);
  if (!round) throw new AppError('NOT_FOUND');
  const snapshot = ctx.handle.dialect === 'postgres' ? db.transaction().setIsolationLevel('repeatable read') : db.transaction();
  const read = await snapshot.execute(async (tx) => {
    const roots = (await roundRegions(tx, [roundId])).map((r) => r.region_path);
    const stored = await report.allCounters(tx, roundId);
    const residents = await residentsPerLeaf(tx, roots);
    const tested = await report.testedByLeaf(tx, roundId);
    const exempt = await exemptionsByLeaf(tx, roundId);
    const unregistered = await report.unregisteredByLeaf(tx, roundId);
    return { stored, residents, tested, exempt, unregistered };
  });

  const pathOf = new Map<string, string>();
  const actual = new Map<string, LeafCounters>();
  const at = (code: string, path: string) => {
    pathOf.set(code, path);
    let c = actual.get(code);
    if (!c) actual.set(code, (c = { residents: 0, exempt: 0, tested: 0, unregistered: 0 }));
    return c;
  };
  for (const r of read.residents) if (r.residents > 0) at(r.code, r.path).residents = r.residents;
  for (const r of read.tested) at(r.code, r.path).tested = r.n;
  for (const r of read.exempt) at(r.code, r.path).exempt = r.n;
  for (const r of read.unregistered) at(r.code, r.path).unregistered = r.n;
  const stored = new Map<string, LeafCounters>();
  for (const s of read.stored) {
    pathOf.set(s.region_code, s.region_path);
    stored.set(s.region_code, { residents: s.residents, exempt: s.exempt, tested: s.tested, unregistered: s.unregistered });
  }
  const drifts = counterDrift(stored, actual);
  if (drifts.length > 0) {
    const deltas = new Map<string, { regionCode: string; regionPath: string; residents: number; exempt: number; tested: number; unregistered: number }>();
    for (const d of drifts) {
      const delta = deltas.get(d.regionCode) ?? { regionCode: d.regionCode, regionPath: pathOf.get(d.regionCode) ?? pathOfCode(d.regionCode),
        residents: 0, exempt: 0, tested: 0, unregistered: 0 };
      delta[d.field] += d.actual - d.stored;
      deltas.set(d.regionCode, delta);
    }
    await inTransaction(db, (tx) => bumpCoverage(tx, roundId, [...deltas.values()]));
  }
  const sums = emptySums();
  for (const c of actual.values()) addLeaf(sums, c);
  const f = figuresOf(sums);
  return {
    roundId, leaves: actual.size, residents: f.residents, exempt: f.exempt, expected: f.expected, tested: f.tested,
    unregistered: f.unregistered, drifted: drifts.length, drifts: drifts.slice(0, 200),
    seconds: Math.round(performance.now() - started) / 1000,
  };
}

export interface ReconcileJobInput extends JobInput {
  roundId: string;
}

/** Worker side of the reconciliation job: its own connection, off the request thread. */
export async function runReconcileJob(input: ReconcileJobInput): Promise<void> {
  await runJob(input.config, input.jobId, input.locale, async (ctx, job) => {
    const result = await reconcileRound(ctx, input.roundId);
    await audit(ctx.handle.db, input.actor, { action: 'testing.reconcile', subjectType: 'testing_round', subjectId: input.roundId,
      detail: { drifted: result.drifted, expected: result.expected, tested: result.tested, seconds: result.seconds } });
    await job.succeed(result);
  });
}

const reconciling = new Set<string>();

/** Starts a reconciliation of a round the actor manages; progress and result through /api/v1/jobs/:id. */
export async function startReconcileJob(ctx: AppContext, actor: Actor, roundId: string, locale: Locale): Promise<{ jobId: string }> {
  requirePermission(actor, 'testing.manage');
  const db = ctx.handle.db;
  await visibleRound(db, actor, roundId);
  for (const r of await roundRegions(db, [roundId])) requireRegion(actor, r.region_path, 'capture');
  // Corrections are increments: two reconciliations of one round at once would apply them twice.
  if (reconciling.has(roundId)) throw new AppError('INVALID_STATE', {}, { reconciling: roundId });
  reconciling.add(roundId);
  const job = await startJob(db, 'testing.reconcile', actor.userId).catch((err: unknown) => {
    reconciling.delete(roundId);
    throw err;
  });
  runInWorker(import.meta.url, 'runReconcileJob', { config: ctx.config, actor, jobId: job.id, roundId, locale } satisfies ReconcileJobInput)
    .catch((err: unknown) => failJob(job, err, locale).catch(() => {}))
    .finally(() => reconciling.delete(roundId));
  return { jobId: job.id };
}

