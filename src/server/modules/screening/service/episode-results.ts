import type { Actor } from '../../../platform/access.js';
import { inTransaction, type DbOrTx } from '../../../platform/db/index.js';
import { nowIso } from '../../../platform/ids.js';
import { recordTransition } from '../../../platform/workflow.js';
import { endPlacementsOfEpisode, recordInfection } from '../../isolation/index.js';
import { createTask, finishTasks } from '../../tasks/index.js';
import { MANAGED_CATEGORY_LABELS } from '../../../../shared/screening.js';
import { EPISODE_LADDER, missedBy, statusAfterResults, testForSample } from '../rules/episodes.js';
import * as store from '../store/episodes.js';
import type { EpisodeRow, ScheduledTestRow } from '../tables.js';
import { chinaDay } from '../../../../shared/dates.js';

const communityOf = (path: string) => path.split('/').slice(0, 3).join('/');
const gridOf = (path: string) => path.split('/').slice(0, 4).join('/');
const codeOf = (path: string) => path.split('/').pop()!;

/** A result that fills a scheduled test: from a lab (testing) or copied from a report by hand. */
export interface TestFill {
  testId: string;
  result: 'negative' | 'positive' | 'invalid';
  sampledAt: string;
  reportedAt: string | null;
  source: 'testing' | 'manual';
  sourceRef: string | null;
}

/**
 * Writes results onto scheduled tests and moves their episodes along the ladder: a positive test
 * escalates (a task to the community to transfer the person, a new infection for the zones, the
 * isolation placement ended); every test negative proposes the release. A missed test's task is
 * finished by its result. Runs in the caller's transaction.
 */
export async function fillTests(db: DbOrTx, actor: Actor | null, fills: TestFill[]): Promise<void> {
  if (fills.length === 0) return;
  await inTransaction(db, async (tx) => {
    const now = nowIso();
    const tests = new Map((await testsByIds(tx, fills.map((f) => f.testId))).map((t) => [t.id, t]));
    const finished: string[] = [];
    for (const f of fills) {
      const t = tests.get(f.testId);
      if (!t) continue;
      await store.fillTest(tx, f.testId, { status: f.result, result: f.result, sampled_at: f.sampledAt, reported_at: f.reportedAt,
        source: f.source, source_ref: f.sourceRef, recorded_at: now, recorded_by: actor?.userId ?? null });
      if (t.task_id) finished.push(t.task_id);
    }
    await finishTasks(tx, actor, finished, '检测结果已到，漏检已补');
    const episodeIds = [...new Set([...tests.values()].map((t) => t.episode_id))];
    await settleEpisodes(tx, actor, episodeIds, fills);
  });
}

async function testsByIds(db: DbOrTx, ids: string[]): Promise<ScheduledTestRow[]> {
  const out: ScheduledTestRow[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    out.push(...await db.selectFrom('screening_scheduled_tests').selectAll().where('id', 'in', ids.slice(i, i + 500)).execute());
  }
  return out;
}

/** The ladder move each episode's tests now imply (escalation or a proposed release), with what follows it. */
export async function settleEpisodes(db: DbOrTx, actor: Actor | null, episodeIds: string[], fills: TestFill[] = []): Promise<void> {
  if (episodeIds.length === 0) return;
  const episodes = await store.episodesByIds(db, episodeIds);
  const tests = await store.testsOf(db, episodeIds);
  for (const e of episodes) {
    const own = tests.filter((t) => t.episode_id === e.id);
    const to = statusAfterResults(e.status, own);
    if (to === e.status) continue;
    if (to === 'escalated') {
      const positive = own.find((t) => t.status === 'positive')!;
      const fill = fills.find((f) => f.testId === positive.id);
      await escalate(db, actor, e, chinaDay(fill?.sampledAt ?? positive.sampled_at ?? nowIso()), positive.due_date);
    } else {
      await recordTransition(db, EPISODE_LADDER, { recordId: e.id, from: e.status, to, actor,
        reason: to === 'release_proposed' ? '计划检测全部阴性，提请解除管控' : undefined });
      await store.updateEpisode(db, e.id, { status: to, updated_at: nowIso(), release_proposed_at: to === 'release_proposed' ? nowIso() : null });
    }
  }
}

/** A positive test: the episode escalates, the community transfers the person, the zones learn of a new infection, the stay ends. */
async function escalate(db: DbOrTx, actor: Actor | null, e: EpisodeRow, sampledOn: string, dueDate: string): Promise<void> {
  const reason = `${dueDate} 计划检测阳性（采样 ${sampledOn}）`;
  await recordTransition(db, EPISODE_LADDER, { recordId: e.id, from: e.status, to: 'escalated', actor, reason });
  await store.updateEpisode(db, e.id, { status: 'escalated', updated_at: nowIso() });
  const community = communityOf(e.region_path);
  await createTask(db, actor, {
    title: `管控人员核酸阳性：请立即转运定点医院（${MANAGED_CATEGORY_LABELS[e.category]['zh-CN']}）`,
    kind: 'screening.escalated', sourceModule: 'screening', sourceId: e.id,
    target: { type: 'region', id: codeOf(community) }, regionPath: community, workstream: 'screening',
    dueAt: new Date(Date.now() + 2 * 3_600_000).toISOString(),
    note: `${reason}。请联系120负压救护车闭环转运至定点医院，并配合流调。`,
  });
  await recordInfection(db, actor, { regionPath: e.region_path, date: sampledOn });
  await endPlacementsOfEpisode(db, actor, e.id, 'escalated');
}

/** A sample's result as the testing module announces it. */
export interface SampleResult {
  personId: string;
  sampledAt: string;
  result: 'negative' | 'positive' | 'invalid';
  reportedAt: string;
  /** The tube's barcode (what a cadre can look up). */
  sourceRef: string;
}

/**
 * Lab results of people under management fill their scheduled tests: a sample counts for the test
 * due on its local date, or else the nearest earlier one still waiting (a missed test made up). A
 * result for a tube that already filled one of the person's tests (a lab's correction) replaces it.
 */
export async function applySampleResults(db: DbOrTx, actor: Actor | null, results: SampleResult[]): Promise<number> {
  if (results.length === 0) return 0;
  const watched = await store.peopleAwaitingTests(db);
  const relevant = results.filter((r) => watched.has(r.personId));
  if (relevant.length === 0) return 0;
  const ids = relevant.map((r) => r.personId);
  const [waiting, labFilled] = [await store.waitingTestsOfPeople(db, ids), await store.labFilledTestsOfPeople(db, ids)];
  // A result for a sample whose tube already filled a test is a lab's correction: it replaces that result.
  const filledBy = new Map(labFilled.map((t) => [`${t.person_id}|${t.source_ref}`, t]));
  const byPerson = new Map<string, { id: string; dueDate: string; status: ScheduledTestRow['status'] }[]>();
  for (const t of waiting) byPerson.set(t.person_id, [...(byPerson.get(t.person_id) ?? []), { id: t.id, dueDate: t.due_date, status: t.status }]);
  const fills: TestFill[] = [];
  // Earliest samples first, so a day's sample fills its own day before a make-up fills an earlier one.
  for (const r of [...relevant].sort((a, b) => a.sampledAt.localeCompare(b.sampledAt))) {
    const earlier = filledBy.get(`${r.personId}|${r.sourceRef}`);
    if (earlier) {
      if (earlier.status !== r.result) {
        fills.push({ testId: earlier.id, result: r.result, sampledAt: r.sampledAt, reportedAt: r.reportedAt, source: 'testing', sourceRef: r.sourceRef });
      }
      continue;
    }
    const slots = byPerson.get(r.personId);
    if (!slots) continue;
    const slot = testForSample(slots, chinaDay(r.sampledAt));
    if (!slot) continue;
    slot.status = r.result;
    fills.push({ testId: slot.id, result: r.result, sampledAt: r.sampledAt, reportedAt: r.reportedAt, source: 'testing', sourceRef: r.sourceRef });
  }
  await fillTests(db, actor, fills);
  return fills.length;
}

/**
 * The day's sweep: every due test of an open episode whose day has passed without a result becomes
 * 'missed' with a task for the person's grid (never a silent extension). Returns how many.
 */
export async function sweepMissedTests(db: DbOrTx, today: string, actor: Actor | null = null): Promise<number> {
  return inTransaction(db, async (tx) => {
    const overdue = missedBy((await store.overdueTests(tx, today)).map((t) => ({ ...t, dueDate: t.due_date })), today);
    let marked = 0;
    for (const t of overdue) {
      if (!(await store.claimMissed(tx, t.id))) continue;
      const grid = gridOf(t.region_path);
      const taskId = await createTask(tx, actor, {
        title: `管控人员漏检：${t.due_date} 计划核酸检测未采样`,
        kind: 'screening.missed_test', sourceModule: 'screening', sourceId: t.id,
        target: { type: 'region', id: codeOf(grid) }, regionPath: grid, workstream: 'screening',
        dueAt: new Date(Date.now() + 4 * 3_600_000).toISOString(),
        note: `管控人员 ${t.due_date} 的计划检测没有结果。请核实原因并尽快上门单采补检；补检结果会自动补入该次检测。`,
      });
      await store.setTestTask(tx, t.id, taskId);
      marked++;
    }
    return marked;
  });
}
