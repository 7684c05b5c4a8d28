import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/env.js';
import { testDatabase, type TestDatabase } from '../support/db.js';
import { loginAs, testApp } from '../support/http.js';
import { DUOBA_GRID_PATH, DUOBA_OTHER_GRID_PATH, allNegative, residentsOf } from '../support/screening.js';
import { buildWorld, fillTube, labToken, postResults, registerPeople, type ResultsWorld } from './access-cases/testing-results.js';
import { sweepMissedTests } from '../../src/server/modules/screening/index.js';
import { todayInChina } from '../../src/shared/validators/index.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { actorFor } from '../../src/server/platform/auth/index.js';
import { startJob } from '../../src/server/platform/jobs.js';
import { runInWorker } from '../../src/server/platform/worker.js';
import { addDays } from '../../src/shared/dates.js';

const resultsModule = new URL('../../src/server/modules/testing/service/results.ts', import.meta.url).href;

describe.each(DIALECTS)('managed people (管控人员) on %s', (dialect) => {
  let tdb: TestDatabase;
  let w: ResultsWorld;
  let people: Awaited<ReturnType<typeof residentsOf>>;
  let other: Awaited<ReturnType<typeof residentsOf>>;
  let cadre: string;
  beforeAll(async () => {
    tdb = await testDatabase(dialect);
    w = await buildWorld(await testApp(tdb.ctx));
    people = await residentsOf(tdb.ctx, DUOBA_GRID_PATH, 12);
    other = await residentsOf(tdb.ctx, DUOBA_OTHER_GRID_PATH, 2);
    cadre = w.cookies.community;
  });
  afterAll(async () => {
    await w.app.close();
    await tdb.close();
  });

  const get = (url: string, cookie: string) => w.app.inject({ url, headers: { cookie } });
  const post = (url: string, cookie: string, payload: object = {}) => w.app.inject({ method: 'POST', url, headers: { cookie }, payload });
  const count = async (table: 'screening_episodes' | 'screening_scheduled_tests') =>
    Number((await tdb.ctx.handle.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const tasksOf = (sourceId: string) => tdb.ctx.handle.db.selectFrom('tasks').selectAll().where('source_id', '=', sourceId).execute();

  it('a grid worker registers a close contact by ID number: the plan of the preview, tests, team, masked in the ledger', async () => {
    const today = todayInChina();
    const preview = (await post('/api/v1/screening/plan-preview', w.cookies.grid, { category: 'CLOSE_CONTACT', anchorDate: today })).json();
    expect(preview).toMatchObject({ ruleSet: 'NINTH_EDITION', releaseDate: addDays(today, 11) });
    const res = await post('/api/v1/screening/episodes', w.cookies.grid,
      { docNumber: people[0].idNumber, category: 'CLOSE_CONTACT', anchorDate: today, note: '与确诊病例同车' });
    expect(res.statusCode, res.body).toBe(200);
    const ep = res.json();
    expect(ep).toMatchObject({ personId: people[0].id, status: 'active', placeKind: 'central', source: 'manual', ruleSet: 'NINTH_EDITION',
      releaseDate: preview.releaseDate });
    expect(ep.plan).toEqual(preview);
    expect(ep.testList.map((t: { dueDate: string }) => t.dueDate)).toEqual(preview.testDates);
    expect(ep.team.map((m: { role: string }) => m.role).sort()).toEqual(['community_cadre', 'grid_worker']);
    expect(ep.name).not.toBe(people[0].name);
    expect(ep.name[0]).toBe(people[0].name[0]);
    expect(ep.history).toMatchObject([{ from: null, to: 'active' }]);

    const list = (await get('/api/v1/screening/episodes?category=CLOSE_CONTACT', w.cookies.grid)).json();
    expect(list.items.map((i: { id: string }) => i.id)).toContain(ep.id);
    const item = list.items.find((i: { id: string }) => i.id === ep.id);
    expect(item).toMatchObject({ nextTestDate: preview.testDates[0], tests: { total: 6, negative: 0, missed: 0 } });
    expect(item.phone ?? '').toMatch(/^\d{3}\*{4}\d{4}$|^$/);
    expect((await get('/api/v1/screening/episodes?category=INBOUND', w.cookies.grid)).json().items).toEqual([]);
    expect((await get('/api/v1/screening/episodes?placeKind=home', w.cookies.grid)).json().items.map((i: { id: string }) => i.id)).not.toContain(ep.id);
    expect((await get(`/api/v1/screening/episodes?q=${encodeURIComponent(people[0].name.slice(0, 1))}`, w.cookies.grid)).json().total).toBeGreaterThan(0);
    expect((await get(`/api/v1/screening/episodes?releaseBy=${preview.releaseDate}`, w.cookies.grid)).json().items
      .map((i: { id: string }) => i.id)).toContain(ep.id);
    expect((await get(`/api/v1/screening/episodes?releaseBy=${today}`, w.cookies.grid)).json().items.map((i: { id: string }) => i.id)).not.toContain(ep.id);
    // The same person and category again: merged, not doubled.
    const again = await post('/api/v1/screening/episodes', w.cookies.grid, { personId: people[0].id, category: 'CLOSE_CONTACT', anchorDate: today });
    expect(again.json().id).toBe(ep.id);
    const audits = await tdb.ctx.handle.db.selectFrom('audit_log').select('action').where('subject_id', '=', ep.id).execute();
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(['screening.episode.create', 'screening.episode.view', 'screening.episode.merge']));
  });

  it('refuses bad input clearly and writes nothing', async () => {
    const before = [await count('screening_episodes'), await count('screening_scheduled_tests')];
    const future = await post('/api/v1/screening/episodes', w.cookies.grid,
      { personId: people[1].id, category: 'CLOSE_CONTACT', anchorDate: addDays(todayInChina(), 2) });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.details.fields[0]).toMatchObject({ field: 'anchorDate', code: 'DATE_FUTURE' });
    const lacking = await post('/api/v1/screening/episodes', w.cookies.grid,
      { personId: people[1].id, category: 'SECONDARY_CONTACT', anchorDate: '2022-11-20' });
    expect(lacking.statusCode).toBe(422);
    expect(lacking.json().error).toMatchObject({ code: 'CATEGORY_NOT_IN_RULE_SET', message: '《优化防控二十条》中没有“密接的密接”这一类人员' });
    const lapsed = await post('/api/v1/screening/episodes', w.cookies.grid,
      { personId: people[1].id, category: 'HIGH_ZONE_TRAVEL', anchorDate: '2022-08-01' }, );
    expect(lapsed.statusCode).toBe(422);
    expect(lapsed.json().error.code).toBe('NO_MEASURE_NEEDED');
    const unknown = await post('/api/v1/screening/episodes', w.cookies.grid, { docNumber: '630122199001010000', category: 'CLOSE_CONTACT',
      anchorDate: '2022-08-20' });
    expect(unknown.json().error.code).toBe('PERSON_NOT_FOUND_BY_DOC');
    const both = await post('/api/v1/screening/episodes', w.cookies.grid, { category: 'CLOSE_CONTACT', anchorDate: '2022-08-20' });
    expect(both.statusCode).toBe(400);
    // The grid worker of 通海社区's 第1网格 acting on a resident of 新城村.
    const outside = await post('/api/v1/screening/episodes', w.cookies.grid, { personId: other[0].id, category: 'CLOSE_CONTACT',
      anchorDate: '2022-08-20' });
    expect(outside.statusCode).toBe(403);
    expect(outside.json().error.code).toBe('OUT_OF_SCOPE');
    expect([await count('screening_episodes'), await count('screening_scheduled_tests')]).toEqual(before);
    // The township cadre may act there.
    expect((await post('/api/v1/screening/episodes', w.cookies.duoba, { personId: other[0].id, category: 'SECONDARY_CONTACT',
      anchorDate: '2022-08-20' })).statusCode).toBe(200);
  });

  it('health checks: a fever opens a task for the community; the same check twice is refused', async () => {
    const ep = (await post('/api/v1/screening/episodes', w.cookies.grid, { personId: people[2].id, category: 'SECONDARY_CONTACT',
      anchorDate: todayInChina() })).json();
    expect(ep.placeKind).toBe('home');
    const well = await post(`/api/v1/screening/episodes/${ep.id}/health-checks`, w.cookies.grid, { period: 'morning', temperature: 36.5, symptoms: [] });
    expect(well.statusCode, well.body).toBe(200);
    expect(await tasksOf(ep.id)).toEqual([]);
    const again = await post(`/api/v1/screening/episodes/${ep.id}/health-checks`, w.cookies.grid, { period: 'morning', temperature: 36.6 });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('HEALTH_CHECK_RECORDED');
    const fever = await post(`/api/v1/screening/episodes/${ep.id}/health-checks`, w.cookies.grid,
      { period: 'evening', temperature: 37.6, symptoms: ['cough'] });
    expect(fever.json().healthChecks[0]).toMatchObject({ period: 'evening', alarming: true, symptoms: ['cough'] });
    const tasks = await tasksOf(ep.id);
    expect(tasks).toMatchObject([{ kind: 'screening.health_alarm', region_path: '630106/630106105/630106105001', status: 'open' }]);
    const team = await w.app.inject({ method: 'POST', url: `/api/v1/screening/episodes/${ep.id}/team`, headers: { cookie: w.cookies.grid },
      payload: { role: 'doctor', name: '马医生', phone: '13912345678' } });
    expect(team.json().team.find((m: { role: string }) => m.role === 'doctor')).toMatchObject({ name: '马医生', phone: '139****5678' });
    const raw = await tdb.ctx.handle.db.selectFrom('screening_episode_team').select('phone_enc').where('episode_id', '=', ep.id)
      .where('role', '=', 'doctor').executeTakeFirstOrThrow();
    expect(raw.phone_enc).not.toContain('13912345678');
  });

  it('release: proposed by itself when every test is negative, refused while one is missing or positive, confirmed by a cadre', async () => {
    const open = (personId: string) => post('/api/v1/screening/episodes', cadre, { personId, category: 'CLOSE_CONTACT', anchorDate: '2022-08-20' });
    const a = (await open(people[3].id)).json();
    const missing = await post(`/api/v1/screening/episodes/${a.id}/release`, cadre);
    expect(missing.statusCode).toBe(409);
    expect(missing.json().error).toMatchObject({ code: 'RELEASE_TEST_MISSING' });
    expect(missing.json().error.message).toContain('2022-08-21');
    expect((await get(`/api/v1/screening/episodes/${a.id}`, cadre)).json()).toMatchObject({ status: 'active',
      releaseBlocker: { code: 'RELEASE_TEST_MISSING' } });
    const before = await post(`/api/v1/screening/episodes/${a.id}/tests/${a.testList[1].id}/result`, cadre,
      { result: 'negative', sampledAt: '2022-08-21T02:00:00.000Z', reportRef: 'R1' });
    expect(before.json().error.code).toBe('SAMPLED_BEFORE_DUE');
    await allNegative(w.app, cadre, a.id);
    const proposed = (await get(`/api/v1/screening/episodes/${a.id}`, cadre)).json();
    expect(proposed).toMatchObject({ status: 'release_proposed', releaseBlocker: null });
    const refill = await post(`/api/v1/screening/episodes/${a.id}/tests/${a.testList[0].id}/result`, cadre,
      { result: 'negative', sampledAt: '2022-08-21T03:00:00.000Z', reportRef: 'R2' });
    expect(refill.json().error.code).toBe('SCHEDULED_TEST_FILLED');
    expect((await post(`/api/v1/screening/episodes/${a.id}/release`, w.cookies.grid)).statusCode).toBe(403);
    const released = await post(`/api/v1/screening/episodes/${a.id}/release`, cadre);
    expect(released.statusCode, released.body).toBe(200);
    expect(released.json()).toMatchObject({ status: 'released' });
    expect(released.json().history.map((h: { to: string }) => h.to)).toEqual(['active', 'release_proposed', 'released']);
    expect((await post(`/api/v1/screening/episodes/${a.id}/release`, cadre)).json().error.code).toBe('EPISODE_NOT_OPEN');

    // A positive test escalates: a task to transfer the person, and no release.
    const b = (await open(people[4].id)).json();
    const pos = await post(`/api/v1/screening/episodes/${b.id}/tests/${b.testList[2].id}/result`, cadre,
      { result: 'positive', sampledAt: '2022-08-23T01:00:00.000Z', reportRef: '青检2022-0823-17' });
    expect(pos.json().status).toBe('escalated');
    expect(await tasksOf(b.id)).toMatchObject([{ kind: 'screening.escalated', region_path: '630106/630106105/630106105001' }]);
    const refused = await post(`/api/v1/screening/episodes/${b.id}/release`, cadre);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'RELEASE_TEST_POSITIVE' });
    expect((await post(`/api/v1/screening/episodes/${b.id}/close`, cadre, { reason: '已转运定点医院' })).json().status).toBe('closed');
  });

  it('a central episode placed at an isolation site shows its placement; the release ends it', async () => {
    const [idNumber] = await registerPeople(w, 1);
    const ep = (await post('/api/v1/screening/episodes', cadre, { docNumber: idNumber, category: 'CLOSE_CONTACT', anchorDate: '2022-08-20' })).json();
    const sites = (await get('/api/v1/isolation/sites', w.cookies.duoba)).json();
    const site = sites.items.find((x: { name: string }) => x.name === '多巴镇通海宾馆集中隔离点');
    const placed = await post('/api/v1/isolation/placements', w.cookies.duoba, { personId: ep.personId, episodeId: ep.id, siteId: site.id,
      expectedReleaseOn: ep.releaseDate });
    expect(placed.statusCode, placed.body).toBeLessThan(300);
    expect((await get(`/api/v1/screening/episodes/${ep.id}`, cadre)).json().placement).toMatchObject({ siteId: site.id, status: 'active' });
    await allNegative(w.app, cadre, ep.id);
    const released = (await post(`/api/v1/screening/episodes/${ep.id}/release`, cadre)).json();
    expect(released.status).toBe('released');
    expect(released.placement).toMatchObject({ siteId: site.id, status: 'released' });
  });

  it('missed tests become tasks for the grid worker; a later result clears them', async () => {
    const ep = (await post('/api/v1/screening/episodes', cadre, { personId: people[5].id, category: 'SECONDARY_CONTACT', anchorDate: '2022-08-24' })).json();
    const swept = await sweepMissedTests(tdb.ctx.handle.db, '2022-08-29');
    expect(swept).toBeGreaterThanOrEqual(2);
    const missed = (await get(`/api/v1/screening/episodes/${ep.id}`, cadre)).json();
    expect(missed.testList.map((t: { status: string }) => t.status)).toEqual(['missed', 'missed', 'due']);
    expect(missed.releaseDate).toBe('2022-09-01');
    const task = (await tdb.ctx.handle.db.selectFrom('tasks').selectAll().where('id', '=', missed.testList[0].taskId).executeTakeFirstOrThrow());
    expect(task).toMatchObject({ kind: 'screening.missed_test', region_path: DUOBA_GRID_PATH, status: 'open' });
    expect(await sweepMissedTests(tdb.ctx.handle.db, '2022-08-29')).toBe(0);
    const late = await post(`/api/v1/screening/episodes/${ep.id}/tests/${missed.testList[0].id}/result`, w.cookies.grid,
      { result: 'negative', sampledAt: '2022-08-26T02:00:00.000Z', reportRef: '补检' });
    expect(late.json().testList[0].status).toBe('negative');
    expect((await tdb.ctx.handle.db.selectFrom('tasks').select('status').where('id', '=', task.id).executeTakeFirstOrThrow()).status).toBe('done');
  });

  it('a positive pool makes its members managed people; their negative single-tube retests propose the release', async () => {
    const ids = await registerPeople(w, 10);
    const token = await labToken(w, w.labA);
    const pool = await fillTube(w, { site: w.pooledSite, people: ids });
    expect((await postResults(w, token.token, [{ barcode: pool, result: '阳性', ctN: 30.1, ctOrf: 31.2 }])).statusCode).toBe(200);
    const list = (await get('/api/v1/screening/episodes?category=POOL_POSITIVE&pageSize=50', w.cookies.grid)).json();
    expect(list.total).toBe(10);
    expect(list.items[0]).toMatchObject({ source: 'positive_pool', placeKind: 'home', status: 'active', releaseDate: addDays(todayInChina(), 1) });
    const retests = [];
    for (const id of ids) retests.push(await fillTube(w, { site: w.singleSite, people: [id], purpose: 'retest' }));
    const res = await postResults(w, token.token, retests.map((barcode) => ({ barcode, result: '阴性' })));
    expect(res.statusCode, res.body).toBe(200);
    const after = (await get('/api/v1/screening/episodes?category=POOL_POSITIVE&status=release_proposed&pageSize=50', w.cookies.grid)).json();
    expect(after.total).toBe(10);
    const one = (await get(`/api/v1/screening/episodes/${after.items[0].id}`, cadre)).json();
    expect(one.testList).toMatchObject([{ status: 'negative', source: 'testing' }]);
    expect((await post(`/api/v1/screening/episodes/${one.id}/release`, cadre)).json().status).toBe('released');
  });

  it('results recorded in a worker thread (a large upload) fill scheduled tests through the same flows', async () => {
    const [idNumber] = await registerPeople(w, 1);
    const today = todayInChina();
    const ep = (await post('/api/v1/screening/episodes', cadre, { docNumber: idNumber, category: 'CLOSE_CONTACT', anchorDate: addDays(today, -1) })).json();
    expect(ep.testList[0]).toMatchObject({ dueDate: today, status: 'due' });
    const barcode = await fillTube(w, { site: w.singleSite, people: [idNumber] });
    const db = tdb.ctx.handle.db;
    const lab = await db.selectFrom('users').select('id').where('username', '=', 'lab').executeTakeFirstOrThrow();
    const actor = (await actorFor(db, lab.id, null))!;
    const job = await startJob(db, 'testing.results.upload', lab.id);
    const file = path.join(os.tmpdir(), `worker-results-${Date.now()}.csv`);
    fs.writeFileSync(file, `试管条码,结果\n${barcode},阴性\n`);
    await runInWorker(resultsModule, 'runResultsUploadJob', { config: tdb.ctx.config, actor, jobId: job.id, locale: 'zh-CN', file,
      filename: 'results.csv' });
    const after = (await get(`/api/v1/screening/episodes/${ep.id}`, cadre)).json();
    expect(after.testList[0]).toMatchObject({ dueDate: today, status: 'negative', source: 'testing' });
  });

  it("a lab's correction of a result replaces what it filled (negative corrected to positive escalates)", async () => {
    const [idNumber] = await registerPeople(w, 1);
    const today = todayInChina();
    const ep = (await post('/api/v1/screening/episodes', cadre, { docNumber: idNumber, category: 'CLOSE_CONTACT', anchorDate: addDays(today, -1) })).json();
    const barcode = await fillTube(w, { site: w.singleSite, people: [idNumber] });
    const token = await labToken(w, w.labA);
    expect((await postResults(w, token.token, [{ barcode, result: '阴性' }])).statusCode).toBe(200);
    expect((await get(`/api/v1/screening/episodes/${ep.id}`, cadre)).json().testList[0]).toMatchObject({ status: 'negative', source: 'testing' });
    const fixed = await post('/api/v1/testing/results/corrections', w.cookies.lab, { barcode, result: 'positive', reason: '复核为阳性' });
    expect(fixed.statusCode, fixed.body).toBe(200);
    const after = (await get(`/api/v1/screening/episodes/${ep.id}`, cadre)).json();
    expect(after.testList[0]).toMatchObject({ status: 'positive', source: 'testing' });
    expect(after.testList.filter((t: { status: string }) => t.status !== 'due')).toHaveLength(1);
    expect(after.status).toBe('escalated');
  });

  it('the command summary counts managed people by category and place, releases and tests', async () => {
    const commander = await loginAs(w.app, 'commander');
    const res = await get('/api/v1/screening/summary', commander);
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json();
    const open = (await get('/api/v1/screening/episodes?pageSize=200', commander)).json();
    expect(s.managed).toBe(open.total);
    expect(s.byCategory.reduce((n: number, c: { count: number }) => n + c.count, 0)).toBe(open.total);
    expect(s.byPlace.find((p: { placeKind: string }) => p.placeKind === 'central').count)
      .toBe(open.items.filter((i: { placeKind: string }) => i.placeKind === 'central').length);
    expect(s.releasesProposed).toBe(open.items.filter((i: { status: string }) => i.status === 'release_proposed').length);
    expect(s.isolation).toMatchObject({ sites: expect.any(Number) });
    expect(s.zonesByLevel).toMatchObject({ high: expect.any(Number) });
    expect(s.visits).toMatchObject({ openRounds: expect.any(Number) });
  });

  it('a headquarters decision moves open episodes to the 20 measures, keeping results; secondary contacts close', async () => {
    const commander = await loginAs(w.app, 'commander');
    const contact = (await post('/api/v1/screening/episodes', cadre, { personId: people[8].id, category: 'CLOSE_CONTACT', anchorDate: '2022-08-20' })).json();
    const filled = await post(`/api/v1/screening/episodes/${contact.id}/tests/${contact.testList[0].id}/result`, cadre,
      { result: 'negative', sampledAt: '2022-08-21T02:00:00.000Z', reportRef: 'R0821' });
    expect(filled.statusCode, filled.body).toBe(200);
    const secondary = (await post('/api/v1/screening/episodes', cadre, { personId: people[9].id, category: 'SECONDARY_CONTACT', anchorDate: '2022-08-20' })).json();
    const payload = { fromRuleSet: 'NINTH_EDITION', toRuleSet: 'TWENTY_MEASURES', decisionNo: '湟疫指〔2022〕45号', decidedOn: '2022-11-11' };
    expect((await post('/api/v1/screening/plan-moves', cadre, payload)).statusCode).toBe(403);
    expect((await post('/api/v1/screening/plan-moves', commander, { ...payload, toRuleSet: 'NINTH_EDITION' })).json().error.code).toBe('PLAN_MOVE_SAME');
    expect((await post('/api/v1/screening/plan-moves', commander, { ...payload, decidedOn: '2999-01-01' })).statusCode).toBe(400);
    const move = await post('/api/v1/screening/plan-moves', commander, payload);
    expect(move.statusCode, move.body).toBe(200);
    expect(move.json()).toMatchObject({ decisionNo: '湟疫指〔2022〕45号', toRuleSet: 'TWENTY_MEASURES' });
    expect(move.json().episodesMoved).toBeGreaterThanOrEqual(2);
    const moved = (await get(`/api/v1/screening/episodes/${contact.id}`, cadre)).json();
    expect(moved).toMatchObject({ ruleSet: 'TWENTY_MEASURES', releaseDate: '2022-08-29' });
    expect(moved.plan.phases.map((p: { days: number }) => p.days)).toEqual([5, 3]);
    expect(moved.testList.map((t: { dueDate: string; status: string }) => [t.dueDate, t.status])).toEqual([
      ['2022-08-21', 'negative'], ['2022-08-22', 'due'], ['2022-08-23', 'due'], ['2022-08-25', 'due'], ['2022-08-26', 'due'], ['2022-08-28', 'due']]);
    expect(moved.history.at(-1).reason).toContain('湟疫指〔2022〕45号');
    expect((await get(`/api/v1/screening/episodes/${secondary.id}`, cadre)).json().status).toBe('closed');
    expect((await get('/api/v1/screening/plan-moves', cadre)).json()[0]).toMatchObject({ decisionNo: '湟疫指〔2022〕45号' });
  });

  it('a township cadre of another township sees none of it', async () => {
    const lushaer = await loginAs(w.app, 'lushaer');
    expect((await get('/api/v1/screening/episodes', lushaer)).json().total).toBe(0);
  });
});
