import type { z } from 'zod';
import { requirePermission, requireRegion, scopePaths, type Actor } from '../../../platform/access.js';
import { audit } from '../../../platform/audit.js';
import type { AppContext } from '../../../platform/context.js';
import { inTransaction, type DbOrTx } from '../../../platform/db/index.js';
import { AppError, validationError } from '../../../platform/errors.js';
import { newId, nowIso } from '../../../platform/ids.js';
import { maskName, maskPhone } from '../../../platform/pii.js';
import { historyOf, recordTransition } from '../../../platform/workflow.js';
import { endPlacementsOfEpisode, placementsOfEpisodes, zoneLevelAt } from '../../isolation/index.js';
import { peopleByIds, personByDocNumber, type PersonRow } from '../../people/index.js';
import { displayName, findRegion, regionNames } from '../../regions/index.js';
import { ruleSetTable } from '../../response/index.js';
import { createTask } from '../../tasks/index.js';
import { errorMessage, type Locale } from '../../../../shared/messages.js';
import { MANAGED_CATEGORY_LABELS, ZONE_TRAVEL_CATEGORY, type ManagedCategory, type ManagementPlan } from '../../../../shared/screening.js';
import type {
  CloseEpisode, EpisodeDetail, EpisodeQuery, EpisodeView, ManualTestResult, NewEpisode, NewHealthCheck, SetTeamMember,
} from '../../../../shared/contracts/screening/episodes.js';
import { todayInChina } from '../../../../shared/validators/index.js';
import {
  EPISODE_LADDER, OPEN_STATUSES, healthCheckAlarming, isFilled, planOfDraft, planOfEpisode, releaseProblem,
  type DraftProblem, type ReleaseProblem,
} from '../rules/episodes.js';
import * as store from '../store/episodes.js';
import type { EpisodeRow, EpisodeStatus } from '../tables.js';
import { fillTests } from './episode-results.js';
import { openEpisodes, planningContext } from './episodes.js';
import { chinaDay } from '../../../../shared/dates.js';

const codeOf = (path: string) => path.split('/').pop()!;
const communityOf = (path: string) => path.split('/').slice(0, 3).join('/');

/** The error a plan problem is reported as: the same words for the preview and the ledger. */
export function planProblemError(problem: DraftProblem, locale: Locale): AppError {
  switch (problem.code) {
    case 'ANCHOR_IN_FUTURE':
      return validationError([{ field: 'anchorDate', code: 'DATE_FUTURE' }]);
    case 'NO_RULE_SET_IN_FORCE':
      return new AppError('NO_RULE_SET_IN_FORCE', { date: problem.date });
    case 'RULE_SET_UNKNOWN':
      return new AppError('RULE_SET_UNKNOWN', { code: problem.ruleSet });
    case 'CATEGORY_NOT_IN_RULE_SET':
      return new AppError('CATEGORY_NOT_IN_RULE_SET', { category: MANAGED_CATEGORY_LABELS[problem.category][locale],
        ruleSet: problem.ruleSetName[locale] });
    case 'NO_MEASURE_NEEDED':
      return new AppError('NO_MEASURE_NEEDED', { category: MANAGED_CATEGORY_LABELS[problem.category][locale] });
  }
}

function releaseError(problem: ReleaseProblem): AppError {
  if (problem.code === 'RELEASE_TOO_EARLY') return new AppError(problem.code, { lastDay: problem.lastDay });
  return new AppError(problem.code, { dates: problem.dates.join('、') });
}

async function nameOfPaths(db: DbOrTx, paths: string[]): Promise<(path: string) => string> {
  const names = await regionNames(db, [...new Set(paths.flatMap((p) => p.split('/')))]);
  return (path) => displayName(path.split('/').map((c) => ({ name: names.get(c) ?? c })));
}

function phaseOn(plan: ManagementPlan, day: string) {
  return plan.phases.find((p) => p.startDate <= day && day <= p.endDate)?.kind ?? null;
}

interface Listed extends EpisodeRow {
  person_name: string;
  person_phone_enc: string | null;
}

async function toViews(ctx: AppContext, rows: Listed[]): Promise<EpisodeView[]> {
  const db = ctx.handle.db;
  const [nameOf, counts, table] = await Promise.all([nameOfPaths(db, rows.map((r) => r.region_path)),
    store.testCounts(db, rows.map((r) => r.id)), ruleSetTable(db)]);
  const today = todayInChina();
  return rows.map((r) => {
    const c = counts.get(r.id) ?? { total: 0, negative: 0, missed: 0, next: null };
    return {
      id: r.id, personId: r.person_id, name: maskName(r.person_name),
      phone: r.person_phone_enc ? maskPhone(ctx.pii.decrypt(r.person_phone_enc)) : null, category: r.category, ruleSet: r.rule_set,
      anchorDate: r.anchor_date, releaseDate: r.release_date, placeKind: r.place_kind, status: r.status, source: r.source,
      regionCode: r.region_code, regionName: nameOf(r.region_path),
      phaseToday: OPEN_STATUSES.includes(r.status) ? phaseOn(planOfEpisode(r, table), today) : null,
      tests: { total: c.total, negative: c.negative, missed: c.missed }, nextTestDate: c.next, createdAt: r.created_at,
    };
  });
}

/** The episode and whether the actor may see it (view) or act on it (capture); 404 for an unknown id. */
async function episodeFor(db: DbOrTx, actor: Actor, id: string, mode: 'view' | 'capture'): Promise<EpisodeRow> {
  const e = await store.findEpisode(db, id);
  if (!e) throw new AppError('NOT_FOUND');
  requireRegion(actor, e.region_path, mode);
  return e;
}

function requireOpen(e: EpisodeRow, locale: Locale): void {
  if (!OPEN_STATUSES.includes(e.status)) throw new AppError('EPISODE_NOT_OPEN', { status: STATUS_WORDS[e.status][locale] });
}

const STATUS_WORDS: Record<EpisodeStatus, Record<Locale, string>> = {
  active: { 'zh-CN': '在管', en: 'active' },
  release_proposed: { 'zh-CN': '待解除', en: 'awaiting release' },
  released: { 'zh-CN': '解除管控', en: 'released' },
  escalated: { 'zh-CN': '转运救治', en: 'escalated' },
  closed: { 'zh-CN': '关闭', en: 'closed' },
};

/** A person put under management by hand: found by id or ID number, planned, opened (or merged). Audited. */
export async function createEpisode(ctx: AppContext, actor: Actor, input: z.infer<typeof NewEpisode>, locale: Locale): Promise<EpisodeDetail> {
  requirePermission(actor, 'screening.capture');
  const db = ctx.handle.db;
  let person: PersonRow | undefined;
  if (input.personId) {
    [person] = await peopleByIds(db, [input.personId]);
    if (!person || person.status !== 'active') throw new AppError('NOT_FOUND');
  } else {
    person = await personByDocNumber(ctx, db, input.docNumber!);
    await audit(db, actor, { action: 'screening.episode.lookup', subjectType: 'person', subjectId: person?.id,
      regionPath: person?.region_path, result: person ? 'ok' : 'failed' });
    if (!person) throw new AppError('PERSON_NOT_FOUND_BY_DOC');
  }
  requireRegion(actor, person.region_path, 'capture');
  const today = todayInChina();
  const category = input.category ?? await categoryOfStay(db, input.stayRegion!, input.anchorDate);
  const planned = planOfDraft({ ...input, category }, today, await planningContext(db));
  if (!planned.ok) throw planProblemError(planned.problem, locale);
  const id = await inTransaction(db, async (tx) => {
    const out = await openEpisodes(tx, actor, [{ personId: person.id, category, anchorDate: input.anchorDate,
      ruleSet: input.ruleSet, placeKind: input.placeKind, source: 'manual', note: input.note ?? null }], today);
    const episodeId = out.created[0] ?? out.merged[0];
    await audit(tx, actor, { action: out.created.length ? 'screening.episode.create' : 'screening.episode.merge',
      subjectType: 'screening_episode', subjectId: episodeId, regionPath: person.region_path,
      detail: { category, anchorDate: input.anchorDate, stayRegion: input.stayRegion } });
    return episodeId;
  });
  return getEpisode(ctx, actor, id, locale);
}

/** A traveller's category: the zone level the place had on the day they left it, from the zones' history. */
async function categoryOfStay(db: DbOrTx, regionCode: string, date: string): Promise<ManagedCategory> {
  const region = await findRegion(db, regionCode);
  if (!region) throw validationError([{ field: 'stayRegion', code: 'REGION_UNKNOWN', params: { value: regionCode } }]);
  const level = await zoneLevelAt(db, region.path, date);
  if (!level) throw new AppError('STAY_NOT_IN_RISK_ZONE', { region: region.name, date });
  return ZONE_TRAVEL_CATEGORY[level];
}

/** The ledger of managed people in the reader's regions, filtered and paged; names and phones masked. */
export async function listEpisodes(ctx: AppContext, actor: Actor, q: z.infer<typeof EpisodeQuery>) {
  requirePermission(actor, 'screening.view');
  const db = ctx.handle.db;
  let requested: string | undefined;
  if (q.region) {
    const region = await findRegion(db, q.region);
    if (!region) throw new AppError('NOT_FOUND');
    requested = region.path;
  }
  const statuses: EpisodeStatus[] | undefined = q.status === 'open' ? [...OPEN_STATUSES] : q.status === 'all' ? undefined : [q.status];
  const { rows, total } = await store.listEpisodes(db, { paths: scopePaths(actor, requested), category: q.category, statuses,
    placeKind: q.placeKind, releaseBy: q.releaseBy, name: q.q }, { offset: (q.page - 1) * q.pageSize, limit: q.pageSize });
  return { items: await toViews(ctx, rows), total, page: q.page, pageSize: q.pageSize };
}

/** One managed person: plan, tests, 五包一 team, health checks, placement and history. Audited. */
export async function getEpisode(ctx: AppContext, actor: Actor, id: string, locale: Locale): Promise<EpisodeDetail> {
  requirePermission(actor, 'screening.view');
  const db = ctx.handle.db;
  const e = await episodeFor(db, actor, id, 'view');
  const [[person], tests, team, checks, history, placements] = await Promise.all([
    peopleByIds(db, [e.person_id]), store.testsOf(db, [id]), store.teamOf(db, [id]), store.healthChecksOf(db, id),
    historyOf(db, EPISODE_LADDER, id), placementsOfEpisodes(db, [id]),
    audit(db, actor, { action: 'screening.episode.view', subjectType: 'screening_episode', subjectId: id, regionPath: e.region_path }),
  ]);
  const [view] = await toViews(ctx, [{ ...e, person_name: person?.name ?? '—', person_phone_enc: person?.phone_enc ?? null }]);
  const placement = placements.get(id);
  const blocker = OPEN_STATUSES.includes(e.status) ? releaseProblem(tests.map((t) => ({ dueDate: t.due_date, status: t.status })),
    e.release_date, todayInChina()) : null;
  const blockerError = blocker ? releaseError(blocker) : null;
  return {
    ...view,
    address: person?.address ?? null, note: e.note, sourceRef: e.source_ref, plan: planOfEpisode(e, await ruleSetTable(ctx.handle.db)),
    testList: tests.map((t) => ({ id: t.id, dueDate: t.due_date, phaseKind: t.phase_kind, status: t.status, sampledAt: t.sampled_at,
      reportedAt: t.reported_at, source: t.source, taskId: t.task_id })),
    team: team.map((m) => ({ role: m.role, userId: m.user_id, name: m.name,
      phone: m.phone_enc ? maskPhone(ctx.pii.decrypt(m.phone_enc)) : null, assignedAt: m.assigned_at })),
    healthChecks: checks.map((c) => {
      const symptoms = JSON.parse(c.symptoms) as EpisodeDetail['healthChecks'][number]['symptoms'];
      return { id: c.id, checkedOn: c.checked_on, period: c.period, temperature: c.temperature, symptoms, note: c.note,
        alarming: healthCheckAlarming({ temperature: c.temperature, symptoms }), checkedAt: c.checked_at };
    }),
    history: history.map((h) => ({ from: h.from_status, to: h.to_status, at: h.at, by: h.display_name ?? null, reason: h.reason })),
    placement: placement ? { placementId: placement.id, siteId: placement.siteId, siteName: placement.siteName,
      roomLabel: placement.roomLabel, status: placement.status, startedAt: placement.placedAt,
      expectedReleaseOn: placement.expectedReleaseOn } : null,
    releaseBlocker: blockerError ? { code: blockerError.code, message: errorMessage(blockerError.code, locale, blockerError.params) } : null,
    releasedAt: e.released_at,
  };
}

/** Sets one member of the 五包一 team (name and phone, the phone encrypted). */
export async function setTeamMember(ctx: AppContext, actor: Actor, id: string, input: z.infer<typeof SetTeamMember>, locale: Locale) {
  requirePermission(actor, 'screening.capture');
  const db = ctx.handle.db;
  const e = await episodeFor(db, actor, id, 'capture');
  requireOpen(e, locale);
  await inTransaction(db, async (tx) => {
    await store.putTeamMember(tx, { episode_id: id, role: input.role, user_id: null, name: input.name,
      phone_enc: input.phone ? ctx.pii.encrypt(input.phone) : null, assigned_at: nowIso(), assigned_by: actor.userId });
    await audit(tx, actor, { action: 'screening.episode.team', subjectType: 'screening_episode', subjectId: id, regionPath: e.region_path,
      detail: { role: input.role } });
  });
  return getEpisode(ctx, actor, id, locale);
}

/** A morning or evening health check; a symptom or 37.3 °C and above opens a task for the community. */
export async function recordHealthCheck(ctx: AppContext, actor: Actor, id: string, input: z.infer<typeof NewHealthCheck>, locale: Locale) {
  requirePermission(actor, 'screening.capture');
  const db = ctx.handle.db;
  const e = await episodeFor(db, actor, id, 'capture');
  requireOpen(e, locale);
  const today = todayInChina();
  const day = input.checkedOn ?? today;
  if (day > today) throw validationError([{ field: 'checkedOn', code: 'DATE_FUTURE' }]);
  const periodWord = { morning: { 'zh-CN': '上午', en: 'morning' }, evening: { 'zh-CN': '下午', en: 'evening' } }[input.period][locale];
  if (await store.findHealthCheck(db, id, day, input.period)) throw new AppError('HEALTH_CHECK_RECORDED', { date: day, period: periodWord });
  const alarming = healthCheckAlarming({ temperature: input.temperature, symptoms: input.symptoms });
  await inTransaction(db, async (tx) => {
    await store.insertRows(tx, 'screening_health_checks', [{ id: newId(), episode_id: id, checked_on: day, period: input.period,
      temperature: input.temperature, symptoms: JSON.stringify(input.symptoms), note: input.note ?? null, region_path: e.region_path,
      checked_at: nowIso(), checked_by: actor.userId }]);
    if (alarming) {
      const community = communityOf(e.region_path);
      await createTask(tx, actor, {
        title: `管控人员健康监测异常（${input.temperature ?? '—'}℃${input.symptoms.length ? '，有症状' : ''}）`,
        kind: 'screening.health_alarm', sourceModule: 'screening', sourceId: id,
        target: { type: 'region', id: codeOf(community) }, regionPath: community, workstream: 'screening',
        dueAt: new Date(Date.now() + 3_600_000).toISOString(),
        note: `${day} ${periodWord}健康监测：体温 ${input.temperature ?? '未测'}，症状 ${input.symptoms.join('、') || '无'}。请社区医生上门核查，必要时单采核酸并闭环转运。`,
      });
    }
    await audit(tx, actor, { action: 'screening.episode.health_check', subjectType: 'screening_episode', subjectId: id,
      regionPath: e.region_path, detail: { day, period: input.period, alarming } });
  });
  return getEpisode(ctx, actor, id, locale);
}

/** A scheduled test's result copied from a report by hand (audited; replacing a result needs a reason). */
export async function recordTestResult(ctx: AppContext, actor: Actor, id: string, testId: string, input: z.infer<typeof ManualTestResult>,
  locale: Locale) {
  requirePermission(actor, 'screening.capture');
  const db = ctx.handle.db;
  const e = await episodeFor(db, actor, id, 'capture');
  requireOpen(e, locale);
  const test = (await store.testsOf(db, [id])).find((t) => t.id === testId);
  if (!test) throw new AppError('SCHEDULED_TEST_UNKNOWN');
  const sampledOn = chinaDay(input.sampledAt);
  if (Date.parse(input.sampledAt) > Date.now() + 60_000) throw validationError([{ field: 'sampledAt', code: 'DATE_FUTURE' }]);
  if (sampledOn < test.due_date) throw new AppError('SAMPLED_BEFORE_DUE', { sampledOn, dueDate: test.due_date });
  if (isFilled(test.status) && test.status !== 'invalid' && !input.reason) {
    throw new AppError('SCHEDULED_TEST_FILLED', { date: test.due_date, result: test.status === 'positive' ? (locale === 'en' ? 'positive' : '阳性')
      : (locale === 'en' ? 'negative' : '阴性') });
  }
  await inTransaction(db, async (tx) => {
    await fillTests(tx, actor, [{ testId, result: input.result, sampledAt: new Date(input.sampledAt).toISOString(),
      reportedAt: input.reportedAt ? new Date(input.reportedAt).toISOString() : null, source: 'manual', sourceRef: input.reportRef }]);
    await audit(tx, actor, { action: 'screening.episode.test_result', subjectType: 'screening_episode', subjectId: id,
      regionPath: e.region_path, reason: input.reason,
      detail: { testId, dueDate: test.due_date, from: test.status, to: input.result, reportRef: input.reportRef } });
  });
  return getEpisode(ctx, actor, id, locale);
}

/**
 * A person with screening.release confirms the release: refused while a test is missing or
 * positive, or before the plan's last day. The isolation placement ends with it.
 */
export async function confirmRelease(ctx: AppContext, actor: Actor, id: string, locale: Locale) {
  requirePermission(actor, 'screening.release');
  const db = ctx.handle.db;
  const e = await episodeFor(db, actor, id, 'capture');
  if (e.status === 'released' || e.status === 'closed') requireOpen(e, locale);
  const tests = await store.testsOf(db, [id]);
  const problem = releaseProblem(tests.map((t) => ({ dueDate: t.due_date, status: t.status })), e.release_date, todayInChina());
  if (problem) throw releaseError(problem);
  requireOpen(e, locale);
  const now = nowIso();
  await inTransaction(db, async (tx) => {
    let from = e.status;
    if (from === 'active') {
      await recordTransition(tx, EPISODE_LADDER, { recordId: id, from, to: 'release_proposed', actor, reason: '计划检测全部阴性' });
      from = 'release_proposed';
    }
    await recordTransition(tx, EPISODE_LADDER, { recordId: id, from, to: 'released', actor, reason: '确认解除管控' });
    await store.updateEpisode(tx, id, { status: 'released', released_at: now, released_by: actor.userId, updated_at: now,
      release_proposed_at: e.release_proposed_at ?? now });
    await endPlacementsOfEpisode(tx, actor, id, 'released');
    await audit(tx, actor, { action: 'screening.episode.release', subjectType: 'screening_episode', subjectId: id, regionPath: e.region_path });
  });
  return getEpisode(ctx, actor, id, locale);
}

/** Closes an episode with a reason (opened in error, moved away, died); the isolation placement ends. */
export async function closeEpisode(ctx: AppContext, actor: Actor, id: string, input: z.infer<typeof CloseEpisode>, locale: Locale) {
  requirePermission(actor, 'screening.release');
  const db = ctx.handle.db;
  const e = await episodeFor(db, actor, id, 'capture');
  if (e.status !== 'escalated') requireOpen(e, locale);
  await inTransaction(db, async (tx) => {
    await recordTransition(tx, EPISODE_LADDER, { recordId: id, from: e.status, to: 'closed', actor, reason: input.reason });
    await store.updateEpisode(tx, id, { status: 'closed', updated_at: nowIso() });
    await endPlacementsOfEpisode(tx, actor, id, 'closed');
    await audit(tx, actor, { action: 'screening.episode.close', subjectType: 'screening_episode', subjectId: id, regionPath: e.region_path,
      reason: input.reason });
  });
  return getEpisode(ctx, actor, id, locale);
}
