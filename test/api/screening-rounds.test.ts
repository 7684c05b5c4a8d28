import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { ulid } from 'ulidx';
import { DIALECTS } from '../support/env.js';
import { testDatabase, type TestDatabase } from '../support/db.js';
import { loginAs, testApp } from '../support/http.js';
import { todayInChina } from '../../src/shared/validators/index.js';
import { DEMO_SCREENING_ROUND } from '../../src/server/seed/screening-rounds.js';
import { addDays } from '../../src/shared/dates.js';

const DUOBA = '630106105';
const GRID = '630106105001001';

describe.each(DIALECTS)('screening rounds and door-to-door visits on %s', (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let commander: string;
  let grid: string;
  let duoba: string;
  let roundId: string;
  const today = todayInChina();

  beforeAll(async () => {
    tdb = await testDatabase(dialect);
    app = await testApp(tdb.ctx);
    [commander, grid, duoba] = await Promise.all([loginAs(app, 'commander'), loginAs(app, 'grid'), loginAs(app, 'duoba')]);
    const res = await app.inject({ method: 'POST', url: '/api/v1/screening/rounds', headers: { cookie: commander },
      payload: { name: '多巴镇第2轮入户排查', regionCodes: [DUOBA], startsOn: addDays(today, -1), endsOn: addDays(today, 1) } });
    expect(res.statusCode).toBe(201);
    roundId = res.json().id;
  });
  afterAll(async () => {
    await app.close();
    await tdb.close();
  });

  /** Households of the grid, or (other) of another grid of 多巴镇. */
  const households = async (gridCode: string, other = false) => {
    const rows = await tdb.ctx.handle.db.selectFrom('households').select(['id', 'region_path'])
      .where('region_path', other ? 'not like' : 'like', `%/${gridCode}%`).where('region_path', 'like', `%/${DUOBA}/%`)
      .orderBy('id').limit(20).execute();
    const members = await tdb.ctx.handle.db.selectFrom('people').select(['id', 'household_id'])
      .where('household_id', 'in', rows.map((r) => r.id)).execute();
    return rows.map((r) => ({ id: r.id, region_path: r.region_path, members: members.filter((m) => m.household_id === r.id).map((m) => m.id) }));
  };
  const visit = (cookie: string, payload: Record<string, unknown>) =>
    app.inject({ method: 'POST', url: '/api/v1/screening/visits', headers: { cookie }, payload: { id: ulid(), roundId, ...payload } });

  it('has the demo round over 多巴镇 with yesterday\'s day and night visits in the demo grid', async () => {
    const list = (await app.inject({ url: '/api/v1/screening/rounds', headers: { cookie: grid } })).json();
    const demo = list.find((r: { name: string }) => r.name === DEMO_SCREENING_ROUND);
    expect(demo).toMatchObject({ status: 'open', regions: [{ code: DUOBA }] });
    const report = (await app.inject({ url: `/api/v1/screening/rounds/${demo.id}/completion?region=${GRID}`, headers: { cookie: grid } })).json();
    expect(report.region.figures).toMatchObject({ visited: 5, outstanding: 2, dayVisits: 3, nightVisits: 4 });
    expect(report.region.figures.byOutcome).toMatchObject({ normal: 4, new_arrival: 1, absent: 2 });
  });

  it('lets only the headquarters declare a round, and refuses a window that ends before it starts', async () => {
    const byCadre = await app.inject({ method: 'POST', url: '/api/v1/screening/rounds', headers: { cookie: duoba },
      payload: { name: '越权轮次', regionCodes: [DUOBA], startsOn: today, endsOn: today } });
    expect(byCadre.statusCode).toBe(403);
    const backwards = await app.inject({ method: 'POST', url: '/api/v1/screening/rounds', headers: { cookie: commander },
      payload: { name: '倒序轮次', regionCodes: [DUOBA], startsOn: today, endsOn: addDays(today, -2) } });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.code).toBe('SCREENING_ROUND_WINDOW');
    const list = (await app.inject({ url: '/api/v1/screening/rounds', headers: { cookie: grid } })).json();
    expect(list.map((r: { id: string }) => r.id)).toContain(roundId);
    const lushaer = await loginAs(app, 'lushaer');
    expect((await app.inject({ url: `/api/v1/screening/rounds/${roundId}`, headers: { cookie: lushaer } })).statusCode).toBe(404);
  });

  it('records a night visit once however often the phone sends it, and counts it in the completion', async () => {
    const [h] = await households(GRID);
    const id = ulid();
    const body = { id, householdId: h.id, shift: 'night', present: h.members.slice(0, 1), outcome: 'normal' };
    const first = await visit(grid, body);
    expect(first.statusCode).toBe(201);
    const again = await visit(grid, body);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id, outcome: 'normal', shift: 'night' });
    const other = await visit(grid, { ...body, outcome: 'refused' });
    expect(other.statusCode).toBe(409);
    expect(other.json().error.code).toBe('VISIT_ID_REUSED');
    const count = await tdb.ctx.handle.db.selectFrom('screening_visits').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('id', '=', id).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);

    const report = (await app.inject({ url: `/api/v1/screening/rounds/${roundId}/completion?region=${GRID}`, headers: { cookie: grid } })).json();
    expect(report.region.figures).toMatchObject({ visited: 1, nightVisits: 1, dayVisits: 0 });
    expect(report.region.figures.byOutcome.normal).toBe(1);
    expect(report.region.figures.households).toBeGreaterThan(1);
  });

  it('turns outcomes into work: new arrival for the grid, symptoms for the community doctor, refusal escalated; absent stays outstanding', async () => {
    const [, h1, h2, h3, h4] = await households(GRID);
    const arrival = await visit(grid, { householdId: h1.id, shift: 'day', outcome: 'new_arrival', note: '外省返回1人' });
    const sick = await visit(grid, { householdId: h2.id, shift: 'day', outcome: 'symptoms' });
    const refused = await visit(grid, { householdId: h3.id, shift: 'night', outcome: 'refused' });
    const absent = await visit(grid, { householdId: h4.id, shift: 'day', outcome: 'absent' });
    for (const r of [arrival, sick, refused, absent]) expect(r.statusCode).toBe(201);
    expect(absent.json().taskId).toBeNull();
    const tasks = await tdb.ctx.handle.db.selectFrom('tasks').select(['id', 'kind', 'region_path', 'source_id'])
      .where('source_module', '=', 'screening').execute();
    const byVisit = new Map(tasks.map((t) => [t.source_id, t]));
    expect(byVisit.get(arrival.json().id)).toMatchObject({ kind: 'screening.new_arrival', region_path: '630106/630106105/630106105001/630106105001001' });
    expect(byVisit.get(sick.json().id)).toMatchObject({ kind: 'screening.symptoms', region_path: '630106/630106105/630106105001' });
    expect(byVisit.get(refused.json().id)).toMatchObject({ kind: 'screening.refused', region_path: '630106/630106105/630106105001' });
    expect(byVisit.has(absent.json().id)).toBe(false);

    const day = (await app.inject({ url: '/api/v1/screening/today', headers: { cookie: grid } })).json();
    const ours = day.visits.filter((v: { roundId: string }) => v.roundId === roundId);
    const listed = ours.map((v: { householdId: string }) => v.householdId);
    expect(listed).toContain(h4.id);
    expect(listed).not.toContain(h1.id);
    expect(ours.find((v: { householdId: string }) => v.householdId === h4.id).lastOutcome).toBe('absent');
    expect(day.rounds.find((r: { id: string }) => r.id === roundId)).toMatchObject({ visited: 4 });
    expect(day.tasks.map((t: { id: string }) => t.id)).toContain(arrival.json().taskId);

    const community = (await app.inject({ url: `/api/v1/screening/rounds/${roundId}/completion?region=630106105001`,
      headers: { cookie: duoba } })).json();
    const gridNode = community.children.find((c: { code: string }) => c.code === GRID);
    expect(gridNode.figures).toMatchObject({ visited: 4, outstanding: 1 });
    expect(gridNode.figures.byOutcome).toMatchObject({ normal: 1, new_arrival: 1, symptoms: 1, refused: 1, absent: 1 });
    expect(community.region.figures.visited).toBe(4);
    const township = (await app.inject({ url: `/api/v1/screening/rounds/${roundId}/completion`, headers: { cookie: duoba } })).json();
    expect(township.region.code).toBe(DUOBA);
    expect(township.region.figures.visited).toBe(4);
  });

  it('refuses a grid worker outside their grid, people not of the household, and a closed round', async () => {
    const [h] = await households(GRID, true);
    const otherGrid = h.region_path.split('/')[3];
    const outside = await visit(grid, { householdId: h.id, shift: 'day', outcome: 'normal' });
    expect(outside.statusCode).toBe(403);
    expect(outside.json().error.code).toBe('OUT_OF_SCOPE');
    expect((await app.inject({ url: `/api/v1/screening/today?grid=${otherGrid}`, headers: { cookie: grid } })).statusCode).toBe(403);
    const [mine, other] = await households(GRID);
    const stranger = await visit(grid, { householdId: mine.id, shift: 'day', outcome: 'normal', present: other.members });
    expect(stranger.statusCode).toBe(400);
    expect(stranger.json().error.code).toBe('VISIT_PRESENT_NOT_MEMBER');
    expect((await app.inject({ method: 'POST', url: `/api/v1/screening/rounds/${roundId}/close`, headers: { cookie: duoba } })).statusCode).toBe(403);
    const closed = await app.inject({ method: 'POST', url: `/api/v1/screening/rounds/${roundId}/close`, headers: { cookie: commander } });
    expect(closed.json().status).toBe('closed');
    const late = await visit(grid, { householdId: mine.id, shift: 'day', outcome: 'normal' });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('SCREENING_ROUND_NOT_OPEN');
    const day = (await app.inject({ url: '/api/v1/screening/today', headers: { cookie: grid } })).json();
    expect(day.visits.filter((v: { roundId: string }) => v.roundId === roundId)).toEqual([]);
  });
});
