import { sql } from 'kysely';
import { insertMany } from '../../../platform/db/bulk.js';
import { amongKeys, chunksOf, keyChunks, underAnyPath, type DbOrTx } from '../../../platform/db/index.js';
import type { Database } from '../../../db/database.js';
import type { ManagedCategory } from '../../../../shared/screening.js';
import type { EpisodeRow, EpisodeStatus, EpisodeTeamRow, HealthCheckRow, PlaceKind, ScheduledTestRow, ScheduledTestStatus } from '../tables.js';

/** Many rows into one of the module's tables, inside the caller's transaction. */
export async function insertRows<T extends 'screening_episodes' | 'screening_scheduled_tests' | 'screening_episode_team'
  | 'screening_health_checks'>(db: DbOrTx, table: T, rows: Database[T][]): Promise<void> {
  await insertMany(db, table, rows);
}

/**
 * Open episodes (active or release proposed) of these people. Filtered by person only in SQL, so
 * both engines take the person index (with the status in the condition too, SQLite without fresh
 * statistics walks the status index over every open episode instead: 2.4 s for 20,000 people).
 */
export async function openEpisodesOf(db: DbOrTx, personIds: string[]): Promise<EpisodeRow[]> {
  const out: EpisodeRow[] = [];
  for (const part of keyChunks(db, personIds)) {
    const rows = await db.selectFrom('screening_episodes').selectAll().where(amongKeys(db, 'person_id', part)).execute();
    for (const r of rows) if (r.status === 'active' || r.status === 'release_proposed') out.push(r);
  }
  return out;
}

export async function findEpisode(db: DbOrTx, id: string): Promise<EpisodeRow | undefined> {
  return db.selectFrom('screening_episodes').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function episodesByIds(db: DbOrTx, ids: string[]): Promise<EpisodeRow[]> {
  const out: EpisodeRow[] = [];
  for (const part of chunksOf([...new Set(ids)])) out.push(...await db.selectFrom('screening_episodes').selectAll().where('id', 'in', part).execute());
  return out;
}

export async function testsOf(db: DbOrTx, episodeIds: string[]): Promise<ScheduledTestRow[]> {
  const out: ScheduledTestRow[] = [];
  for (const part of chunksOf([...new Set(episodeIds)])) {
    out.push(...await db.selectFrom('screening_scheduled_tests').selectAll().where('episode_id', 'in', part)
      .orderBy('episode_id').orderBy('due_date').execute());
  }
  return out;
}

/**
 * Tests of open episodes still waiting for a result (due, missed or invalid) of these people. Found
 * through the episodes' person index, then each episode's tests: the tests need no person index of
 * their own, one index less to keep up for every scheduled test written.
 */
export async function waitingTestsOfPeople(db: DbOrTx, personIds: string[]): Promise<ScheduledTestRow[]> {
  const out: ScheduledTestRow[] = [];
  for (const part of keyChunks(db, personIds)) {
    out.push(...await db.selectFrom('screening_episodes as e').innerJoin('screening_scheduled_tests as t', 't.episode_id', 'e.id')
      .selectAll('t').where(amongKeys(db, 'e.person_id', part)).where('e.status', 'in', ['active', 'release_proposed'])
      .where('t.status', 'in', ['due', 'missed', 'invalid']).execute());
  }
  return out;
}

/** Tests of open episodes already filled by a lab result, of these people (a corrected result replaces its own). */
export async function labFilledTestsOfPeople(db: DbOrTx, personIds: string[]): Promise<ScheduledTestRow[]> {
  const out: ScheduledTestRow[] = [];
  for (const part of keyChunks(db, personIds)) {
    out.push(...await db.selectFrom('screening_episodes as e').innerJoin('screening_scheduled_tests as t', 't.episode_id', 'e.id')
      .selectAll('t').where(amongKeys(db, 'e.person_id', part)).where('e.status', 'in', ['active', 'release_proposed'])
      .where('t.source', '=', 'testing').execute());
  }
  return out;
}

/** People with a test of an open episode still waiting for a result: the few a batch of lab results can concern. */
export async function peopleAwaitingTests(db: DbOrTx): Promise<Set<string>> {
  const rows = await db.selectFrom('screening_episodes').select('person_id').distinct()
    .where('status', 'in', ['active', 'release_proposed']).execute();
  return new Set(rows.map((r) => r.person_id));
}

export async function updateEpisode(db: DbOrTx, id: string, patch: Partial<EpisodeRow>): Promise<void> {
  await db.updateTable('screening_episodes').set(patch).where('id', '=', id).execute();
}

export async function fillTest(db: DbOrTx, id: string, patch: Pick<ScheduledTestRow, 'status' | 'result' | 'sampled_at' | 'reported_at'
  | 'source' | 'source_ref' | 'recorded_at' | 'recorded_by'>): Promise<void> {
  await db.updateTable('screening_scheduled_tests').set(patch).where('id', '=', id).execute();
}

export async function setTestPhase(db: DbOrTx, id: string, phaseKind: ScheduledTestRow['phase_kind']): Promise<void> {
  await db.updateTable('screening_scheduled_tests').set({ phase_kind: phaseKind }).where('id', '=', id).execute();
}

export async function deleteTests(db: DbOrTx, ids: string[]): Promise<void> {
  for (const part of chunksOf(ids)) await db.deleteFrom('screening_scheduled_tests').where('id', 'in', part).execute();
}

/** Due tests whose day has passed, under the paths (all of them without paths). */
export async function overdueTests(db: DbOrTx, today: string, paths?: string[]): Promise<ScheduledTestRow[]> {
  let q = db.selectFrom('screening_scheduled_tests as t').innerJoin('screening_episodes as e', 'e.id', 't.episode_id')
    .selectAll('t').where('t.status', '=', 'due').where('t.due_date', '<', today)
    .where('e.status', 'in', ['active', 'release_proposed']);
  if (paths) q = q.where(underAnyPath('t.region_path', paths));
  return q.orderBy('t.region_path').orderBy('t.due_date').execute();
}

/** Claims a due test as missed (false when another node or sweep got there first). */
export async function claimMissed(db: DbOrTx, id: string): Promise<boolean> {
  const res = await db.updateTable('screening_scheduled_tests').set({ status: 'missed' }).where('id', '=', id)
    .where('status', '=', 'due').executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function setTestTask(db: DbOrTx, id: string, taskId: string): Promise<void> {
  await db.updateTable('screening_scheduled_tests').set({ task_id: taskId }).where('id', '=', id).execute();
}

export async function teamOf(db: DbOrTx, episodeIds: string[]): Promise<EpisodeTeamRow[]> {
  const out: EpisodeTeamRow[] = [];
  for (const part of chunksOf([...new Set(episodeIds)])) {
    out.push(...await db.selectFrom('screening_episode_team').selectAll().where('episode_id', 'in', part).execute());
  }
  return out;
}

export async function putTeamMember(db: DbOrTx, row: EpisodeTeamRow): Promise<void> {
  await db.deleteFrom('screening_episode_team').where('episode_id', '=', row.episode_id).where('role', '=', row.role).execute();
  await db.insertInto('screening_episode_team').values(row).execute();
}

export async function removeTeamMember(db: DbOrTx, episodeId: string, role: EpisodeTeamRow['role']): Promise<void> {
  await db.deleteFrom('screening_episode_team').where('episode_id', '=', episodeId).where('role', '=', role).execute();
}

export async function healthChecksOf(db: DbOrTx, episodeId: string): Promise<HealthCheckRow[]> {
  return db.selectFrom('screening_health_checks').selectAll().where('episode_id', '=', episodeId)
    .orderBy('checked_on', 'desc').orderBy('checked_at', 'desc').execute();
}

export async function findHealthCheck(db: DbOrTx, episodeId: string, day: string, period: HealthCheckRow['period']) {
  return db.selectFrom('screening_health_checks').selectAll().where('episode_id', '=', episodeId).where('checked_on', '=', day)
    .where('period', '=', period).executeTakeFirst();
}

export interface EpisodeFilter {
  paths: string[];
  category?: ManagedCategory;
  statuses?: EpisodeStatus[];
  placeKind?: PlaceKind;
  /** Open episodes whose release date is on or before this date. */
  releaseBy?: string;
  /** Prefix of the person's name. */
  name?: string;
}

function filtered(db: DbOrTx, f: EpisodeFilter) {
  let q = db.selectFrom('screening_episodes as e').innerJoin('people as p', 'p.id', 'e.person_id')
    .where(underAnyPath('e.region_path', f.paths));
  if (f.category) q = q.where('e.category', '=', f.category);
  if (f.statuses) q = q.where('e.status', 'in', f.statuses);
  if (f.placeKind) q = q.where('e.place_kind', '=', f.placeKind);
  if (f.releaseBy) q = q.where('e.release_date', '<=', f.releaseBy).where('e.status', 'in', ['active', 'release_proposed']);
  if (f.name) q = q.where('p.name', 'like', `${f.name.replace(/[%_\\]/g, '')}%`);
  return q;
}

export async function listEpisodes(db: DbOrTx, f: EpisodeFilter, page: { offset: number; limit: number }) {
  if (f.paths.length === 0) return { rows: [], total: 0 };
  const [rows, count] = await Promise.all([
    filtered(db, f).selectAll('e').select(['p.name as person_name', 'p.phone_enc as person_phone_enc', 'p.address as person_address'])
      .orderBy(sql`case when e.status in ('active', 'release_proposed') then 0 else 1 end`).orderBy('e.release_date')
      .orderBy('e.id', 'desc').offset(page.offset).limit(page.limit).execute(),
    filtered(db, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Waiting/filled counts of the tests of these episodes, and the next due date of each. */
export async function testCounts(db: DbOrTx, episodeIds: string[]) {
  const out = new Map<string, { total: number; negative: number; next: string | null; missed: number }>();
  for (const t of await testsOf(db, episodeIds)) {
    const c = out.get(t.episode_id) ?? { total: 0, negative: 0, next: null, missed: 0 };
    c.total++;
    if (t.status === 'negative') c.negative++;
    if (t.status === 'missed') c.missed++;
    if ((t.status === 'due' || t.status === 'missed' || t.status === 'invalid') && (c.next === null || t.due_date < c.next)) c.next = t.due_date;
    out.set(t.episode_id, c);
  }
  return out;
}

export type { ScheduledTestStatus };
