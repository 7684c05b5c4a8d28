import type { z } from 'zod';
import { inScope, requirePermission, requireRegion, scopePaths, type Actor } from '../../../platform/access.js';
import { audit } from '../../../platform/audit.js';
import { accountsCovering } from '../../../platform/auth/index.js';
import type { AppContext } from '../../../platform/context.js';
import { inTransaction, type DbOrTx } from '../../../platform/db/index.js';
import { AppError } from '../../../platform/errors.js';
import { newId, nowIso } from '../../../platform/ids.js';
import { maskName, maskPhone } from '../../../platform/pii.js';
import { recordTransition } from '../../../platform/workflow.js';
import { peopleByIds } from '../../people/index.js';
import { displayName, regionNames } from '../../regions/index.js';
import { responseInForce } from '../../response/index.js';
import { createTask } from '../../tasks/index.js';
import type {
  CloseIncident, IncidentDetail, IncidentMemberView, IncidentQuery, IncidentView, MarkNotified,
} from '../../../../shared/contracts/testing/incidents.js';
import { DEFAULT_PARAMETERS } from '../../../../shared/response.js';
import type { IncidentStatus, TestResult } from '../../../../shared/testing.js';
import { INCIDENT_LADDER, gridPathOf, incidentKind, incidentOutcome } from '../rules/results.js';
import { dueTimes, incidentClocks } from '../rules/sla.js';
import * as store from '../store/incidents.js';
import type { IncidentMemberRow, IncidentRow } from '../tables.js';

/** What the module announces when a tube turns positive (screening and command react to it). */
export interface PositivePool {
  incidentId: string;
  tubeBarcode: string;
  roundId: string;
  members: { personId: string | null; unregisteredId: string | null; regionPath: string }[];
}

/** Called inside the transaction that records the positive result; `db` is that transaction. */
export type PositivePoolListener = (event: PositivePool, db: DbOrTx) => Promise<void> | void;

const listeners = new Set<PositivePoolListener>();

/**
 * Registers a listener for positive pools; returns a function that removes it. Listeners run in the
 * process that records the result (an upload large enough to run as a job records it in a worker
 * thread: register there too, from module code both load).
 */
export function onPositivePool(listener: PositivePoolListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** A tube that has just turned positive, as the results service knows it. */
export interface PositiveTube {
  id: string;
  barcode: string;
  roundId: string;
  capacity: number;
  regionPath: string;
  members: { subjectKind: 'person' | 'unregistered'; subjectId: string; regionPath: string }[];
}

/**
 * Opens one incident per positive tube, inside the caller's transaction: SLA clocks from the
 * response in force, the members, one retest task per member grid, and the announcement.
 */
export async function openIncidents(db: DbOrTx, actor: Actor | null, tubes: PositiveTube[], detectedAt: string): Promise<string[]> {
  if (tubes.length === 0) return [];
  return inTransaction(db, async (tx) => {
    const existing = new Set((await store.incidentsOfTubes(tx, tubes.map((t) => t.id))).map((i) => i.tube_id));
    const sla = (await responseInForce(tx))?.parameters.poolPositiveSla ?? DEFAULT_PARAMETERS.poolPositiveSla;
    const due = dueTimes(detectedAt, sla);
    const ids: string[] = [];
    for (const tube of tubes) {
      if (existing.has(tube.id)) continue;
      const incident: IncidentRow = {
        id: newId(), tube_id: tube.id, round_id: tube.roundId, kind: incidentKind(tube.capacity), status: INCIDENT_LADDER.initial,
        region_path: commonPath([tube.regionPath, ...tube.members.map((m) => m.regionPath)]), detected_at: detectedAt,
        notify_due_at: due.notify, resample_due_at: due.resample, result_due_at: due.result, notified_at: null,
        resampled_at: null, resulted_at: null, closed_at: null, outcome: null,
      };
      await store.insertIncident(tx, incident);
      await recordTransition(tx, INCIDENT_LADDER, { recordId: incident.id, from: null, to: 'open', actor });

      const byGrid = new Map<string, PositiveTube['members']>();
      for (const m of tube.members) {
        const grid = gridPathOf(m.regionPath);
        byGrid.set(grid, [...(byGrid.get(grid) ?? []), m]);
      }
      const taskOf = new Map<string, string>();
      for (const [grid, members] of byGrid) {
        const taskId = await createTask(tx, actor, {
          title: `混管阳性单管复核：试管 ${tube.barcode}，本网格 ${members.length} 人`,
          kind: 'testing.retest', sourceModule: 'testing', sourceId: incident.id,
          target: { type: 'region', id: grid.split('/').pop()! }, regionPath: grid, workstream: 'testing',
          dueAt: due.resample,
          note: `混管阳性（${tube.capacity}混1），请通知本网格 ${members.length} 名人员单独居家、暂不外出，并单人单管重新采样。`,
        });
        taskOf.set(grid, taskId);
      }
      await store.insertMembers(tx, tube.members.map((m) => ({
        incident_id: incident.id, subject_kind: m.subjectKind, subject_id: m.subjectId, region_path: m.regionPath,
        retest_tube_id: null, retest_result: null, task_id: taskOf.get(gridPathOf(m.regionPath)) ?? null,
      })));

      const event: PositivePool = {
        incidentId: incident.id, tubeBarcode: tube.barcode, roundId: tube.roundId,
        members: tube.members.map((m) => ({
          personId: m.subjectKind === 'person' ? m.subjectId : null,
          unregisteredId: m.subjectKind === 'unregistered' ? m.subjectId : null,
          regionPath: m.regionPath,
        })),
      };
      for (const listener of listeners) await listener(event, tx);
      ids.push(incident.id);
    }
    return ids;
  });
}

/** The longest path every given path lies under (the incident's region, for listing and scoping). */
function commonPath(paths: string[]): string {
  const split = paths.map((p) => p.split('/'));
  const out: string[] = [];
  for (let i = 0; ; i++) {
    const seg = split[0][i];
    if (seg === undefined || split.some((s) => s[i] !== seg)) break;
    out.push(seg);
  }
  return out.join('/') || paths[0];
}

async function move(tx: DbOrTx, actor: Actor | null, incident: IncidentRow, to: IncidentStatus, patch: Parameters<typeof store.updateIncident>[2], reason?: string) {
  await recordTransition(tx, INCIDENT_LADDER, { recordId: incident.id, from: incident.status, to, actor, reason });
  await store.updateIncident(tx, incident.id, { ...patch, status: to });
}

/**
 * Members sampled again in a single tube: each link sets the member's retest tube; an incident whose
 * every member has one moves to 'resampled'. Links to incidents no longer awaiting retests, or to
 * subjects not among the incident's members, are ignored. Runs in the caller's transaction.
 */
export async function linkRetests(
  db: DbOrTx,
  links: { incidentId: string; subjectId: string; tubeId: string }[],
  actor: Actor | null = null,
): Promise<void> {
  if (links.length === 0) return;
  await inTransaction(db, async (tx) => {
    const incidents = new Map((await store.findIncidents(tx, links.map((l) => l.incidentId)))
      .filter((i) => store.AWAITING_RETEST.includes(i.status)).map((i) => [i.id, i]));
    const members = await store.membersOf(tx, [...incidents.keys()]);
    const memberKey = (incidentId: string, subjectId: string) => `${incidentId}\u0000${subjectId}`;
    const byKey = new Map(members.map((m) => [memberKey(m.incident_id, m.subject_id), m]));
    for (const link of links) {
      const m = byKey.get(memberKey(link.incidentId, link.subjectId));
      if (!m || m.retest_tube_id === link.tubeId) continue;
      await store.setRetestTube(tx, link.incidentId, link.subjectId, link.tubeId);
      m.retest_tube_id = link.tubeId;
      m.retest_result = null;
    }
    const now = nowIso();
    for (const incident of incidents.values()) {
      if (incident.status === 'resampled') continue;
      const own = members.filter((m) => m.incident_id === incident.id);
      if (own.length > 0 && own.every((m) => m.retest_tube_id !== null)) {
        await move(tx, actor, incident, 'resampled', { resampled_at: now });
      }
    }
  });
}

/**
 * Results of retest tubes: each sets its member's retest result; an incident whose members all have
 * a usable one is 'resulted', with its outcome. Runs in the caller's transaction.
 */
export async function applyRetestResults(
  db: DbOrTx,
  actor: Actor | null,
  results: { tubeId: string; result: TestResult }[],
  at: string,
): Promise<void> {
  if (results.length === 0) return;
  const resultOf = new Map(results.map((r) => [r.tubeId, r.result]));
  const touched = await store.membersByRetestTube(db, [...resultOf.keys()]);
  if (touched.length === 0) return;
  for (const m of touched) {
    const r = resultOf.get(m.retest_tube_id!)!;
    if (m.retest_result !== r) await store.setRetestResult(db, m.incident_id, m.subject_id, r);
  }
  const incidents = await store.findIncidents(db, touched.map((m) => m.incident_id));
  const members = await store.membersOf(db, incidents.map((i) => i.id));
  for (const incident of incidents) {
    const own = members.filter((m) => m.incident_id === incident.id);
    const outcome = incidentOutcome(own.map((m) => m.retest_result as IncidentMemberRow['retest_result']));
    if (incident.status === 'resampled' && outcome) {
      await move(db, actor, incident, 'resulted', { resulted_at: at, outcome });
    } else if (incident.status === 'resulted' && outcome && outcome !== incident.outcome) {
      // A corrected retest result changes the outcome of an incident already resulted.
      await store.updateIncident(db, incident.id, { outcome });
    }
  }
}

/** Closes the incidents of a tube whose positive result was corrected away. */
export async function closeIncidentsOfTube(db: DbOrTx, actor: Actor | null, tubeId: string, reason: string, at: string): Promise<void> {
  for (const incident of await store.incidentsOfTubes(db, [tubeId])) {
    if (incident.status !== 'closed') await move(db, actor, incident, 'closed', { closed_at: at }, reason);
  }
}

// Views for cadres and the workstream -------------------------------------------------------------

const codeOf = (path: string) => path.split('/').pop()!;

async function namesFor(db: DbOrTx, paths: string[]): Promise<(path: string) => string> {
  const codes = new Set<string>();
  for (const p of paths) for (const c of p.split('/')) codes.add(c);
  const names = await regionNames(db, [...codes]);
  return (path) => displayName(path.split('/').map((c) => ({ name: names.get(c) ?? c })));
}

function toView(
  row: IncidentRow,
  barcode: string,
  regionName: string,
  counts: { total: number; visible: number; retested: number },
  now: Date,
): IncidentView {
  const clocks = incidentClocks(row, now);
  return {
    id: row.id, tubeBarcode: barcode, roundId: row.round_id, kind: row.kind, status: row.status, regionCode: codeOf(row.region_path),
    regionName, detectedAt: row.detected_at, notifiedAt: row.notified_at, resampledAt: row.resampled_at,
    resultedAt: row.resulted_at, closedAt: row.closed_at, outcome: row.outcome, clocks, breached: clocks.some((c) => c.breached),
    memberCount: counts.total, visibleMembers: counts.visible, retested: counts.retested,
  };
}

const ACTIVE: IncidentStatus[] = ['open', 'notified', 'resampled', 'resulted'];

/** Incidents with a member in the reader's regions, newest first. */
export async function listIncidents(ctx: AppContext, actor: Actor, q: z.infer<typeof IncidentQuery>) {
  requirePermission(actor, 'testing.incidents');
  const db = ctx.handle.db;
  const paths = scopePaths(actor);
  const statuses = q.status === 'active' ? ACTIVE : [q.status];
  const { rows, total } = await store.listIncidents(db, { paths, statuses, roundId: q.roundId },
    { offset: (q.page - 1) * q.pageSize, limit: q.pageSize });
  const ids = rows.map((r) => r.id);
  const [counts, barcodes, nameOf] = await Promise.all([
    store.memberCounts(db, ids, paths), store.tubeBarcodes(db, rows.map((r) => r.tube_id)), namesFor(db, rows.map((r) => r.region_path)),
  ]);
  const now = new Date();
  return {
    items: rows.map((r) => toView(r, barcodes.get(r.tube_id) ?? '', nameOf(r.region_path),
      counts.get(r.id) ?? { total: 0, visible: 0, retested: 0 }, now)),
    total, page: q.page, pageSize: q.pageSize,
  };
}

/** The incident and the members a reader is responsible for, with whom to call: masked, audited. */
export async function getIncident(ctx: AppContext, actor: Actor, id: string): Promise<IncidentDetail> {
  requirePermission(actor, 'testing.incidents');
  const db = ctx.handle.db;
  // The incident and its members are read at once: one round trip less before the answer.
  const [incident, all] = await Promise.all([store.findIncident(db, id), store.membersOf(db, [id])]);
  if (!incident) throw new AppError('NOT_FOUND');
  const members = all.filter((m) => inScope(actor, m.region_path));
  if (members.length === 0) requireRegion(actor, incident.region_path);
  const personIds = members.filter((m) => m.subject_kind === 'person').map((m) => m.subject_id);
  const unregisteredIds = members.filter((m) => m.subject_kind === 'unregistered').map((m) => m.subject_id);
  // The record of this view and the reads it needs are independent: on PostgreSQL they go out at once.
  const [people, unregistered, nameOf, workers, barcodes] = await Promise.all([
    peopleByIds(db, personIds),
    store.unregisteredByIds(db, unregisteredIds),
    namesFor(db, [incident.region_path, ...members.map((m) => m.region_path)]),
    accountsCovering(db, 'grid_worker', members.map((m) => m.region_path)),
    store.tubeBarcodes(db, [incident.tube_id, ...members.flatMap((m) => (m.retest_tube_id ? [m.retest_tube_id] : []))]),
    audit(db, actor, { action: 'testing.incident.view', subjectType: 'testing_incident', subjectId: id,
      regionPath: incident.region_path, detail: { members: members.length } }),
  ]);
  const personOf = new Map(people.map((p) => [p.id, p]));
  const unregisteredOf = new Map(unregistered.map((u) => [u.id, u]));
  const views: IncidentMemberView[] = members.map((m) => {
    const who = m.subject_kind === 'person' ? personOf.get(m.subject_id) : unregisteredOf.get(m.subject_id);
    const phone = who?.phone_enc ? maskPhone(ctx.pii.decrypt(who.phone_enc)) : null;
    const covering = workers.filter((w) => m.region_path === w.scope_path || m.region_path.startsWith(`${w.scope_path}/`));
    return {
      subjectKind: m.subject_kind, subjectId: m.subject_id, name: who ? maskName(who.name) : '—', phone,
      address: who?.address ?? null, regionCode: codeOf(m.region_path), regionName: nameOf(m.region_path),
      gridWorkers: [...new Map(covering.map((w) => [w.id, { id: w.id, name: w.display_name }])).values()],
      retestTubeBarcode: m.retest_tube_id ? barcodes.get(m.retest_tube_id) ?? null : null,
      retestResult: m.retest_result, taskId: m.task_id,
    };
  });
  const counts = { total: all.length, visible: members.length,
    retested: all.filter((m) => m.retest_result !== null && m.retest_result !== 'invalid').length };
  return { ...toView(incident, barcodes.get(incident.tube_id) ?? '', nameOf(incident.region_path), counts, new Date()), members: views };
}

/** The members were told to stay apart and wait for a single-tube retest: stops the notify clock. */
export async function markNotified(ctx: AppContext, actor: Actor, id: string, input: z.infer<typeof MarkNotified>): Promise<IncidentDetail> {
  requirePermission(actor, 'testing.incidents');
  const db = ctx.handle.db;
  const incident = await store.findIncident(db, id);
  if (!incident) throw new AppError('NOT_FOUND');
  const members = await store.membersOf(db, [id]);
  if (!members.some((m) => inScope(actor, m.region_path, 'capture'))) requireRegion(actor, incident.region_path, 'capture');
  if (incident.status === 'closed') throw new AppError('INVALID_STATE', {}, { status: incident.status });
  if (incident.notified_at === null) {
    const now = nowIso();
    await inTransaction(db, async (tx) => {
      if (incident.status === 'open') await move(tx, actor, incident, 'notified', { notified_at: now }, input.note);
      else await store.updateIncident(tx, id, { notified_at: now });
      await audit(tx, actor, { action: 'testing.incident.notified', subjectType: 'testing_incident', subjectId: id,
        regionPath: incident.region_path, reason: input.note });
    });
  }
  return getIncident(ctx, actor, id);
}

/** The workstream closes an incident (its retests settled, or opened in error), with a reason when early. */
export async function closeIncident(ctx: AppContext, actor: Actor, id: string, input: z.infer<typeof CloseIncident>): Promise<IncidentDetail> {
  requirePermission(actor, 'testing.manage');
  const db = ctx.handle.db;
  const incident = await store.findIncident(db, id);
  if (!incident) throw new AppError('NOT_FOUND');
  requireRegion(actor, incident.region_path, 'capture');
  await inTransaction(db, async (tx) => {
    await move(tx, actor, incident, 'closed', { closed_at: nowIso() }, input.reason);
    await audit(tx, actor, { action: 'testing.incident.close', subjectType: 'testing_incident', subjectId: id,
      regionPath: incident.region_path, reason: input.reason });
  });
  return getIncident(ctx, actor, id);
}
