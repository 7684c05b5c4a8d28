import type { Actor } from '../../../platform/access.js';
import { accountsCovering } from '../../../platform/auth/index.js';
import { chunksOf, inTransaction, type DbOrTx } from '../../../platform/db/index.js';
import { AppError } from '../../../platform/errors.js';
import { newId, nowIso } from '../../../platform/ids.js';
import { recordTransition, recordTransitions, type Move } from '../../../platform/workflow.js';
import { residencesOf } from '../../people/index.js';
import { responseInForce, ruleSetTable } from '../../response/index.js';
import { recordInfection } from '../../isolation/index.js';
import type { ManagementPlan } from '../../../../shared/screening.js';
import {
  EPISODE_LADDER, defaultPlace, mergedAnchor, planOfDraft, replanTests, testsOfPlan,
  type EpisodeDraft, type PlanningContext,
} from '../rules/episodes.js';
import * as store from '../store/episodes.js';
import type { EpisodeRow, EpisodeStatus, EpisodeTeamRow, ScheduledTestRow } from '../tables.js';
import { chinaDay } from '../../../../shared/dates.js';

export type { EpisodeDraft };

/** What the plan rules need: the prevention plans, and the response in force (its plan, the local date it was declared). */
export async function planningContext(db: DbOrTx): Promise<PlanningContext> {
  const [table, r] = await Promise.all([ruleSetTable(db), responseInForce(db)]);
  return { table, response: r ? { ruleSet: r.ruleSet, startedOn: chinaDay(r.startedAt) } : null };
}

const gridOf = (path: string) => path.split('/').slice(0, 4).join('/');
const covers = (scope: string, path: string) => path === scope || path.startsWith(`${scope}/`);

/**
 * The default 五包一 members the accounts give: for each path, the grid worker and the community
 * cadre whose scope covers it most closely (a grid worker of the grid before one of the community).
 */
export async function defaultTeamFor(db: DbOrTx, paths: string[]): Promise<Map<string, { role: EpisodeTeamRow['role']; id: string; name: string }[]>> {
  const grids = [...new Set(paths.map(gridOf))];
  const found: { role: EpisodeTeamRow['role']; id: string; display_name: string; scope_path: string }[] = [];
  for (const part of chunksOf(grids, 300)) {
    for (const role of ['grid_worker', 'community_cadre'] as const) {
      for (const a of await accountsCovering(db, role, part)) found.push({ role, ...a });
    }
  }
  const out = new Map<string, { role: EpisodeTeamRow['role']; id: string; name: string }[]>();
  for (const path of new Set(paths)) {
    const team: { role: EpisodeTeamRow['role']; id: string; name: string }[] = [];
    for (const role of ['community_cadre', 'grid_worker'] as const) {
      let best: (typeof found)[number] | undefined;
      for (const a of found) {
        if (a.role === role && covers(a.scope_path, path) && (!best || a.scope_path.length > best.scope_path.length)) best = a;
      }
      if (best) team.push({ role, id: best.id, name: best.display_name });
    }
    out.set(path, team);
  }
  return out;
}

/**
 * Opens episodes for many people at once (a cadre's form, a 协查 list, a positive pool's members),
 * inside the caller's transaction or one of its own. Each draft's plan comes from `planOfDraft`
 * (the plan named, in force on the anchor date, or the response's; see rules/episodes.ts); one
 * scheduled test per test date; the default team from the accounts covering the person's grid. A
 * draft for a person already open in the same category merges into that episode (a later anchor
 * re-plans it, keeping its results). No access check: callers check and validate drafts first with
 * `checkDraft`; a draft that cannot be planned, or for an unknown person, fails the whole batch.
 */
export async function openEpisodes(db: DbOrTx, actor: Actor | null, drafts: EpisodeDraft[], today: string):
  Promise<{ created: string[]; merged: string[] }> {
  if (drafts.length === 0) return { created: [], merged: [] };
  return inTransaction(db, async (tx) => {
    const response = await planningContext(tx);
    const people = new Map((await residencesOf(tx, drafts.map((d) => d.personId))).map((p) => [p.id, p]));
    const open = new Map((await store.openEpisodesOf(tx, drafts.map((d) => d.personId))).map((e) => [`${e.person_id}|${e.category}`, e]));
    const now = nowIso();
    const by = actor?.userId ?? null;

    const created: string[] = [];
    const merged: string[] = [];
    const episodes: EpisodeRow[] = [];
    const tests: ScheduledTestRow[] = [];
    const history: Move<EpisodeStatus>[] = [];
    const infections = new Map<string, string>();
    // Within the batch too: the same person and category twice becomes one episode, from the latest anchor.
    const fresh = new Map<string, EpisodeRow>();
    const latest = new Map<string, EpisodeDraft>();
    for (const d of drafts) {
      const key = `${d.personId}|${d.category}`;
      const seen = latest.get(key);
      if (!seen || d.anchorDate > seen.anchorDate) latest.set(key, d);
    }
    const toReplan = new Map<string, { episode: EpisodeRow; anchor: string }>();
    const plans = new Map<string, { plan: ManagementPlan; tests: ReturnType<typeof testsOfPlan> }>();

    for (const draft of drafts) {
      const person = people.get(draft.personId);
      if (!person) throw new AppError('EPISODE_PERSON_UNKNOWN', { id: draft.personId });
      const key = `${draft.personId}|${draft.category}`;
      if (fresh.has(key)) continue;
      const existing = open.get(key);
      if (existing) {
        const anchor = mergedAnchor(existing.anchor_date, draft.anchorDate);
        const pending = toReplan.get(existing.id);
        if (anchor && (!pending || anchor > pending.anchor)) toReplan.set(existing.id, { episode: existing, anchor });
        merged.push(existing.id);
        continue;
      }
      const d = latest.get(key)!;
      // A list holds few distinct (category, anchor, plan) triples: each is planned once.
      const planKey = `${d.category}|${d.anchorDate}|${d.ruleSet ?? ''}`;
      let planned = plans.get(planKey);
      if (!planned) {
        const r = planOfDraft(d, today, response);
        if (!r.ok) throw new AppError('EPISODE_DRAFT_INVALID', { problem: r.problem.code, id: d.personId }, r.problem);
        planned = { plan: r.plan, tests: testsOfPlan(r.plan) };
        plans.set(planKey, planned);
      }
      const plan = planned.plan;
      const id = newId();
      const row: EpisodeRow = {
        id, person_id: d.personId, category: d.category, rule_set: plan.ruleSet, anchor_date: d.anchorDate,
        release_date: plan.releaseDate, place_kind: d.placeKind ?? defaultPlace(plan), status: EPISODE_LADDER.initial, source: d.source,
        source_ref: d.sourceRef ?? null, region_code: person.region_code, region_path: person.region_path, note: d.note ?? null,
        created_at: now, created_by: by, updated_at: now, release_proposed_at: null, released_at: null, released_by: null,
      };
      episodes.push(row);
      fresh.set(key, row);
      created.push(id);
      for (const t of planned.tests) {
        tests.push({ id: newId(), episode_id: id, person_id: d.personId, due_date: t.dueDate, phase_kind: t.phaseKind, status: 'due',
          result: null, sampled_at: null, reported_at: null, source: null, source_ref: null, task_id: null,
          region_path: person.region_path, recorded_at: null, recorded_by: null });
      }
      history.push({ recordId: id, from: null, to: row.status, actor, reason: d.note ?? null });
      // A confirmed or asymptomatic infection restarts the clean-day clock of the zones around it (dated by its anchor).
      if (d.category === 'CONFIRMED' || d.category === 'ASYMPTOMATIC') {
        const seen = infections.get(person.region_path);
        if (!seen || d.anchorDate > seen) infections.set(person.region_path, d.anchorDate);
      }
    }

    const teams = await defaultTeamFor(tx, episodes.map((e) => e.region_path));
    const team: EpisodeTeamRow[] = episodes.flatMap((e) => (teams.get(e.region_path) ?? []).map((m) => ({
      episode_id: e.id, role: m.role, user_id: m.id, name: m.name, phone_enc: null, assigned_at: now, assigned_by: by,
    })));
    await store.insertRows(tx, 'screening_episodes', episodes);
    await store.insertRows(tx, 'screening_scheduled_tests', tests);
    await store.insertRows(tx, 'screening_episode_team', team);
    await recordTransitions(tx, EPISODE_LADDER, history);
    for (const r of toReplan.values()) {
      await replanEpisode(tx, actor, r.episode, { anchorDate: r.anchor }, `同类人员再次报告，锚定日期更新为 ${r.anchor}`);
    }
    for (const [regionPath, date] of infections) await recordInfection(tx, actor, { regionPath, date });
    return { created, merged: [...new Set(merged)] };
  });
}

/**
 * Recomputes an open episode's plan from a new anchor date or under another plan, keeping the tests
 * already filled, and records the move in its history (active → active, or back to active from a
 * proposed release when tests are added). Returns the new plan.
 */
export async function replanEpisode(db: DbOrTx, actor: Actor | null, episode: EpisodeRow,
  change: { anchorDate?: string; ruleSet?: EpisodeRow['rule_set'] }, reason: string): Promise<ManagementPlan> {
  const anchorDate = change.anchorDate ?? episode.anchor_date;
  const ruleSet = change.ruleSet ?? episode.rule_set;
  // Planned as of its anchor: a re-plan neither lapses nor refuses (the anchor was checked when it came in).
  const planned = planOfDraft({ category: episode.category, anchorDate, ruleSet }, anchorDate,
    { table: await ruleSetTable(db), response: null });
  if (!planned.ok) throw new AppError('EPISODE_DRAFT_INVALID', { problem: planned.problem.code, id: episode.person_id }, planned.problem);
  const plan = planned.plan;
  const existing = await store.testsOf(db, [episode.id]);
  const { keep, drop, add } = replanTests(existing.map((t) => ({ id: t.id, dueDate: t.due_date, status: t.status, phaseKind: t.phase_kind })), plan);
  for (const k of keep) {
    const before = existing.find((t) => t.id === k.id)!;
    if (before.phase_kind !== k.phaseKind) await store.setTestPhase(db, k.id, k.phaseKind);
  }
  await store.deleteTests(db, drop);
  await store.insertRows(db, 'screening_scheduled_tests', add.map((t) => ({
    id: newId(), episode_id: episode.id, person_id: episode.person_id, due_date: t.dueDate, phase_kind: t.phaseKind, status: 'due' as const,
    result: null, sampled_at: null, reported_at: null, source: null, source_ref: null, task_id: null, region_path: episode.region_path,
    recorded_at: null, recorded_by: null,
  })));
  const to = episode.status === 'release_proposed' && add.length > 0 ? 'active' : episode.status;
  await recordTransition(db, EPISODE_LADDER, { recordId: episode.id, from: episode.status, to, actor, reason });
  await store.updateEpisode(db, episode.id, {
    anchor_date: anchorDate, rule_set: plan.ruleSet, release_date: plan.releaseDate, status: to,
    updated_at: nowIso(), ...(to === 'active' ? { release_proposed_at: null } : {}),
  });
  return plan;
}
