import { underAnyPath, chunksOf, type DbOrTx } from '../../../platform/db/index.js';
import type { IncidentMemberRow, IncidentRow, UnregisteredRow } from '../tables.js';

/** Incidents whose members still await a single-tube retest result. */
export const AWAITING_RETEST: IncidentRow['status'][] = ['open', 'notified', 'resampled'];


/**
 * The subjects (people or unregistered persons) who belong to a positive pool still awaiting its
 * retests: the scan path samples them only in a single tube (NEEDS_SINGLE_TUBE otherwise).
 */
export async function openMembershipsOf(
  db: DbOrTx,
  subjectIds: string[],
): Promise<{ incident_id: string; subject_id: string; retest_tube_id: string | null }[]> {
  if (subjectIds.length === 0) return [];
  const out: { incident_id: string; subject_id: string; retest_tube_id: string | null }[] = [];
  for (const ids of chunksOf([...new Set(subjectIds)])) {
    out.push(...await db
      .selectFrom('testing_incident_members as m')
      .innerJoin('testing_incidents as i', 'i.id', 'm.incident_id')
      .select(['m.incident_id', 'm.subject_id', 'm.retest_tube_id'])
      .where('m.subject_id', 'in', ids)
      .where('i.status', 'in', AWAITING_RETEST)
      .execute());
  }
  return out;
}

export async function insertIncident(db: DbOrTx, row: IncidentRow): Promise<void> {
  await db.insertInto('testing_incidents').values(row).execute();
}

export async function insertMembers(db: DbOrTx, rows: IncidentMemberRow[]): Promise<void> {
  for (const part of chunksOf(rows, 200)) await db.insertInto('testing_incident_members').values(part).execute();
}

export async function findIncident(db: DbOrTx, id: string): Promise<IncidentRow | undefined> {
  return db.selectFrom('testing_incidents').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findIncidents(db: DbOrTx, ids: string[]): Promise<IncidentRow[]> {
  if (ids.length === 0) return [];
  const out: IncidentRow[] = [];
  for (const part of chunksOf([...new Set(ids)])) {
    out.push(...await db.selectFrom('testing_incidents').selectAll().where('id', 'in', part).execute());
  }
  return out;
}

export async function incidentsOfTubes(db: DbOrTx, tubeIds: string[]): Promise<IncidentRow[]> {
  if (tubeIds.length === 0) return [];
  const out: IncidentRow[] = [];
  for (const part of chunksOf([...new Set(tubeIds)])) {
    out.push(...await db.selectFrom('testing_incidents').selectAll().where('tube_id', 'in', part).execute());
  }
  return out;
}

export async function membersOf(db: DbOrTx, incidentIds: string[]): Promise<IncidentMemberRow[]> {
  if (incidentIds.length === 0) return [];
  const out: IncidentMemberRow[] = [];
  for (const part of chunksOf([...new Set(incidentIds)])) {
    out.push(...await db.selectFrom('testing_incident_members').selectAll().where('incident_id', 'in', part)
      .orderBy('incident_id').orderBy('region_path').orderBy('subject_id').execute());
  }
  return out;
}

/** Members whose single-tube retest is one of these tubes. */
export async function membersByRetestTube(db: DbOrTx, tubeIds: string[]): Promise<IncidentMemberRow[]> {
  if (tubeIds.length === 0) return [];
  const out: IncidentMemberRow[] = [];
  for (const part of chunksOf([...new Set(tubeIds)])) {
    out.push(...await db.selectFrom('testing_incident_members').selectAll().where('retest_tube_id', 'in', part).execute());
  }
  return out;
}

export async function setRetestTube(db: DbOrTx, incidentId: string, subjectId: string, tubeId: string): Promise<void> {
  await db.updateTable('testing_incident_members').set({ retest_tube_id: tubeId, retest_result: null })
    .where('incident_id', '=', incidentId).where('subject_id', '=', subjectId).execute();
}

export async function setRetestResult(
  db: DbOrTx,
  incidentId: string,
  subjectId: string,
  result: IncidentMemberRow['retest_result'],
): Promise<void> {
  await db.updateTable('testing_incident_members').set({ retest_result: result })
    .where('incident_id', '=', incidentId).where('subject_id', '=', subjectId).execute();
}

export async function setMemberTask(db: DbOrTx, incidentId: string, subjectId: string, taskId: string): Promise<void> {
  await db.updateTable('testing_incident_members').set({ task_id: taskId })
    .where('incident_id', '=', incidentId).where('subject_id', '=', subjectId).execute();
}

export async function updateIncident(
  db: DbOrTx,
  id: string,
  patch: Partial<Pick<IncidentRow, 'status' | 'notified_at' | 'resampled_at' | 'resulted_at' | 'closed_at' | 'outcome'>>,
): Promise<void> {
  await db.updateTable('testing_incidents').set(patch).where('id', '=', id).execute();
}

export interface IncidentFilter {
  /** Incidents with at least one member under one of these paths. */
  paths: string[];
  statuses?: IncidentRow['status'][];
  roundId?: string;
}

/** A page of incidents visible in the given paths, newest first. */
export async function listIncidents(
  db: DbOrTx,
  f: IncidentFilter,
  page: { offset: number; limit: number },
): Promise<{ rows: IncidentRow[]; total: number }> {
  if (f.paths.length === 0) return { rows: [], total: 0 };
  let q = db.selectFrom('testing_incidents as i')
    .where((eb) => eb.exists(eb.selectFrom('testing_incident_members as m').select('m.incident_id')
      .whereRef('m.incident_id', '=', 'i.id').where(underAnyPath('m.region_path', f.paths))));
  if (f.statuses?.length) q = q.where('i.status', 'in', f.statuses);
  if (f.roundId) q = q.where('i.round_id', '=', f.roundId);
  const [rows, count] = await Promise.all([
    q.selectAll('i').orderBy('i.detected_at', 'desc').orderBy('i.id', 'desc').offset(page.offset).limit(page.limit).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** How many members each incident has, in all and under the given paths. */
export async function memberCounts(
  db: DbOrTx,
  incidentIds: string[],
  paths: string[],
): Promise<Map<string, { total: number; visible: number; retested: number }>> {
  const out = new Map<string, { total: number; visible: number; retested: number }>();
  for (const m of await membersOf(db, incidentIds)) {
    const c = out.get(m.incident_id) ?? { total: 0, visible: 0, retested: 0 };
    c.total++;
    if (paths.some((p) => m.region_path === p || m.region_path.startsWith(`${p}/`))) c.visible++;
    if (m.retest_result !== null && m.retest_result !== 'invalid') c.retested++;
    out.set(m.incident_id, c);
  }
  return out;
}

/** Unregistered persons (sampled without a ledger entry) by id: name, identifiers sealed, address. */
export async function unregisteredByIds(db: DbOrTx, ids: string[]): Promise<Pick<UnregisteredRow, 'id' | 'name' | 'phone_enc' | 'address' | 'region_path'>[]> {
  const out: Pick<UnregisteredRow, 'id' | 'name' | 'phone_enc' | 'address' | 'region_path'>[] = [];
  for (const part of chunksOf([...new Set(ids)])) {
    out.push(...await db.selectFrom('testing_unregistered').select(['id', 'name', 'phone_enc', 'address', 'region_path'])
      .where('id', 'in', part).execute());
  }
  return out;
}

export async function tubeBarcodes(db: DbOrTx, ids: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const part of chunksOf([...new Set(ids)])) {
    for (const r of await db.selectFrom('testing_tubes').select(['id', 'barcode']).where('id', 'in', part).execute()) out.set(r.id, r.barcode);
  }
  return out;
}
