import { requirePermission, requireRegion, scopePaths, type Actor } from '../../../platform/access.js';
import { audit } from '../../../platform/audit.js';
import type { AppContext } from '../../../platform/context.js';
import type { DbOrTx } from '../../../platform/db/index.js';
import { AppError } from '../../../platform/errors.js';
import { maskName } from '../../../platform/pii.js';
import { displayName, findRegion, findRegions } from '../../regions/index.js';
import { householdsUnder, peopleByIds, residentsWithHouseholds } from '../../people/index.js';
import { ruleSetTable } from '../../response/index.js';
import { openTasksUnder } from '../../tasks/index.js';
import { todayInChina } from '../../../../shared/validators/index.js';
import type { TodayList } from '../../../../shared/contracts/screening/today.js';
import { householdStates, type VisitFact } from '../rules/rounds.js';
import { planOfEpisode } from '../rules/episodes.js';
import { healthCheckDue, phaseOn, releaseOnList, testOnList } from '../rules/today.js';
import { openRoundsHolding } from '../store/rounds.js';
import { visitFacts } from '../store/visits.js';
import * as store from '../store/today.js';
import { addDays } from '../../../../shared/dates.js';

const GRID_DEPTH = 4;
/** Tasks on the day list, soonest due first; the inbox has them all. */
const MAX_TASKS = 100;
/** Code-point order: addresses sort by street and number alike, without the cost of a locale's collation. */
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The grid a day list is for: the one asked for (in the actor's scope), else the grid worker's own. */
async function gridOf(ctx: AppContext, actor: Actor, code?: string) {
  const db = ctx.handle.db;
  if (!code) {
    const grids = scopePaths(actor).filter((p) => p.split('/').length === GRID_DEPTH);
    if (grids.length !== 1 || scopePaths(actor).length !== 1) throw new AppError('GRID_REQUIRED');
    code = grids[0].split('/').pop()!;
  }
  const grid = await findRegion(db, code);
  if (!grid) throw new AppError('NOT_FOUND');
  requireRegion(actor, grid.path);
  if (grid.level !== 'grid') throw new AppError('NOT_A_GRID', { code });
  return grid;
}

/** The open screening rounds holding the grid today, with its households and their visits so far (none without a round). */
async function roundsToVisit(db: DbOrTx, path: string, today: string) {
  const rounds = await openRoundsHolding(db, path, today);
  if (rounds.length === 0) return { rounds, households: [], facts: [] };
  const [households, facts] = await Promise.all([householdsUnder(db, [path]), visitFacts(db, rounds.map((r) => r.id), [path])]);
  return { rounds, households, facts };
}

/**
 * The grid worker's day (今日工作) for one grid: households still to visit in open screening rounds,
 * scheduled tests due today and yesterday's without a result, health checks due (episodes in a home
 * phase not yet checked today), releases due or proposed, and the grid's open testing and screening
 * tasks. Every read is by region-path prefix on an index; names are masked; the view is audited.
 */
export async function todayList(ctx: AppContext, actor: Actor, gridCode?: string, now = new Date()): Promise<TodayList> {
  requirePermission(actor, 'screening.view');
  const db = ctx.handle.db;
  const grid = await gridOf(ctx, actor, gridCode);
  const today = todayInChina(now);
  const yesterday = addDays(today, -1);
  const path = grid.path;

  const [trail, { rounds, households, facts }, episodes, tests, checked, tasks, residents] = await Promise.all([
    // Recorded while the list is read, not after it.
    audit(db, actor, { action: 'screening.today.view', subjectType: 'region', subjectId: grid.code, regionPath: path, detail: { date: today } })
      .then(() => findRegions(db, path.split('/'))),
    roundsToVisit(db, path, today),
    store.openEpisodesUnder(db, path),
    store.testsOn(db, path, [yesterday, today]),
    store.checkedOn(db, path, today),
    openTasksUnder(db, path, ['testing', 'screening'], MAX_TASKS),
    // One range of the people index gives the names of members and of managed people alike.
    residentsWithHouseholds(db, path),
  ]);

  // Visits: each household not yet found at home, once, for the open round ending first that still lacks it.
  const due = new Map<string, { round: (typeof rounds)[number]; last: 'absent' | null }>();
  const roundFigures: TodayList['rounds'] = [];
  for (const round of [...rounds].sort((a, b) => byText(a.ends_on, b.ends_on) || byText(a.id, b.id))) {
    const states = householdStates(facts.filter((f) => f.round_id === round.id).map((v): VisitFact => ({
      id: v.id, householdId: v.household_id, regionPath: v.region_path, outcome: v.outcome, shift: v.shift, visitedAt: v.visited_at })));
    let visited = 0;
    for (const h of households) {
      const s = states.get(h.id);
      if (s?.done) visited++;
      else if (!due.has(h.id)) due.set(h.id, { round, last: s ? 'absent' : null });
    }
    roundFigures.push({ id: round.id, name: round.name, endsOn: round.ends_on, households: households.length, visited });
  }
  const membersOf = new Map<string, { id: string; name: string }[]>();
  for (const r of residents) {
    if (r.household_id && due.has(r.household_id)) {
      const list = membersOf.get(r.household_id);
      if (list) list.push({ id: r.id, name: maskName(r.name) });
      else membersOf.set(r.household_id, [{ id: r.id, name: maskName(r.name) }]);
    }
  }

  // Managed people: tests, health checks, releases.
  const open = new Map(episodes.map((e) => [e.id, e]));
  const listedTests = tests.map((t) => ({ t, when: testOnList(t, today) })).filter((x) => x.when && open.has(x.t.episode_id));
  const table = await ruleSetTable(db);
  const dueChecks = episodes.map((e) => ({ e, plan: planOfEpisode(e, table) }))
    .filter(({ e, plan }) => e.status === 'active' && healthCheckDue(plan, today, checked.has(e.id)));
  const releases = episodes.map((e) => ({ e, state: releaseOnList(e, today) })).filter((x) => x.state);
  const people = new Map<string, { name: string; address: string | null }>(residents.map((r) => [r.id, r]));
  // People who moved out of the grid since their episode began are read by id.
  const moved = [...new Set([...listedTests.map((x) => x.t.person_id), ...dueChecks.map((x) => x.e.person_id),
    ...releases.map((x) => x.e.person_id)])].filter((id) => !people.has(id));
  for (const p of await peopleByIds(db, moved)) people.set(p.id, p);
  const who = (episodeId: string, personId: string) => {
    const p = people.get(personId);
    return { episodeId, personId, name: p ? maskName(p.name) : '', address: p?.address ?? '', category: open.get(episodeId)!.category };
  };

  const names = new Map(trail.map((r) => [r.code, r.name]));
  return {
    grid: { code: grid.code, name: displayName(path.split('/').map((c) => ({ name: names.get(c) ?? c }))) },
    date: today,
    rounds: roundFigures,
    visits: households.filter((h) => due.has(h.id)).map((h) => {
      const { round, last } = due.get(h.id)!;
      return { roundId: round.id, householdId: h.id, address: h.address, lastOutcome: last, members: membersOf.get(h.id) ?? [] };
    }),
    tests: listedTests.map(({ t, when }) => ({ ...who(t.episode_id, t.person_id), scheduledTestId: t.id, dueDate: t.due_date,
      phaseKind: t.phase_kind, missed: when === 'missed' }))
      .sort((a, b) => Number(b.missed) - Number(a.missed) || byText(a.address, b.address)),
    healthChecks: dueChecks.map(({ e, plan }) => {
      const phase = phaseOn(plan, today)!;
      return { ...who(e.id, e.person_id), phaseKind: phase.kind, day: phase.day, days: phase.days };
    }).sort((a, b) => byText(a.address, b.address)),
    releases: releases.map(({ e, state }) => ({ ...who(e.id, e.person_id), releaseDate: e.release_date, status: state! })),
    tasks: tasks.map((t) => ({
      id: t.id, title: t.title, kind: t.kind, sourceModule: t.source_module, dueAt: t.due_at, status: t.status,
      overdue: t.due_at !== null && t.due_at < now.toISOString() })),
  };
}
