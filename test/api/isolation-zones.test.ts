import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { DIALECTS } from '../support/env.js';
import { testDatabase, type TestDatabase } from '../support/db.js';
import { testApp } from '../support/http.js';
import { buildWorld, fillTube, labToken, postResults, registerPeople, type ResultsWorld } from './access-cases/testing-results.js';
import { daysAgo, DUOBA_BUILDINGS, newPerson, newSite } from './access-cases/isolation.js';
import { recordInfection, runZoneDay, zoneLevelAt } from '../../src/server/modules/isolation/index.js';
import { addDays, chinaDay } from '../../src/shared/dates.js';
import { todayInChina } from '../../src/shared/validators/index.js';


describe.each(DIALECTS)('risk zones on %s', (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let w: ResultsWorld;
  let commander: string;
  let lead: string;
  let duoba: string;
  const pathOf = (code: string) => [6, 9, 12, 15, 18].filter((n) => n <= code.length).map((n) => code.slice(0, n)).join('/');
  beforeAll(async () => {
    tdb = await testDatabase(dialect);
    app = await testApp(tdb.ctx);
    w = await buildWorld(app);
    [commander, lead, duoba] = [w.cookies.commander, w.cookies.lead, w.cookies.duoba];
  });
  afterAll(async () => {
    await app.close();
    tdb.ctx.handle.pgPool?.on('error', () => {});
    await tdb.close();
  });

  const get = (url: string, cookie = commander) => app.inject({ url, headers: { cookie } });
  const post = (url: string, payload: object, cookie = commander) => app.inject({ method: 'POST', url, headers: { cookie }, payload });
  const zone = async (id: string) => (await get(`/api/v1/isolation/zones/${id}`)).json();

  /** People of a building sampled today in one 10-in-1 tube, and the lab's result for it. */
  async function sampleToday(building: string, result: 'negative' | 'positive' | null, n = 2) {
    const people = await registerPeople(w, n, building);
    const barcode = await fillTube(w, { site: w.pooledSite, people });
    if (result) await report(barcode, result);
    return barcode;
  }
  async function report(barcode: string, result: 'negative' | 'positive') {
    const { token } = await labToken(w, w.labA);
    const res = await postResults(w, token, [{ barcode, result }]);
    expect(res.statusCode, res.body).toBe(200);
  }

  it('designates by buildings with decision number and time, under the plan in force, and keeps the history', async () => {
    const made = await post('/api/v1/isolation/zones', { name: '丽景家园1、2号楼', level: 'high', buildingCodes: DUOBA_BUILDINGS.slice(0, 2),
      decisionNo: '湟防指〔2022〕31号', decidedAt: daysAgo(3), reason: '确诊病例居住楼栋' });
    expect(made.statusCode, made.body).toBe(201);
    const z = made.json();
    expect(z).toMatchObject({ level: 'high', status: 'active', ruleSet: 'NINTH_EDITION', scopeKind: 'buildings', regionCode: '630106105001001',
      decisionNo: '湟防指〔2022〕31号', since: chinaDay(daysAgo(3)) });
    expect(z.regions.map((r: { name: string }) => r.name)).toEqual(['丽景家园1号楼', '丽景家园2号楼']);
    expect(z.regionName).toBe('多巴镇 / 通海社区 / 第1网格');
    expect(z.history).toMatchObject([{ action: 'designate', fromLevel: null, toLevel: 'high', decisionNo: '湟防指〔2022〕31号' }]);
    expect((await zone(z.id)).advice).toMatchObject({ eligible: false, cleanDays: 3, needDays: 7, missing: 'days' });

    // The 9th edition has all three levels; a township cadre may not designate; a future decision is refused.
    expect((await post('/api/v1/isolation/zones', { name: '越权划定', level: 'high', regionCode: '630106105001', decisionNo: '湟防指1号' }, duoba)).statusCode)
      .toBe(403);
    const future = await post('/api/v1/isolation/zones', { name: '未来', level: 'medium', regionCode: '630106105001',
      decisionNo: '湟防指2号', decidedAt: new Date(Date.now() + 86_400_000).toISOString() });
    expect(future.json().error.code).toBe('DECISION_TIME_FUTURE');
    expect((await post('/api/v1/isolation/zones', { name: '乡镇', level: 'medium', regionCode: '630106105', decisionNo: '湟防指3号' })).statusCode).toBe(400);
  });

  it('answers a place\'s level on a date from the history; the rest of the district is low while zones are in force', async () => {
    const building = pathOf(DUOBA_BUILDINGS[0]);
    const today = todayInChina();
    const db = tdb.ctx.handle.db;
    expect(await zoneLevelAt(db, building, addDays(today, -30))).toBeNull();
    // The demo district's own zones (seeded twelve days ago) make the rest of the district low before this one was drawn.
    expect(await zoneLevelAt(db, building, addDays(today, -10))).toBe('low');
    expect(await zoneLevelAt(db, building, addDays(today, -2))).toBe('high');
    expect(await zoneLevelAt(db, `${building}/`.slice(0, -1), today)).toBe('high');
    expect(await zoneLevelAt(db, pathOf('630106102001001'), today)).toBe('low');
    expect(await zoneLevelAt(db, pathOf('630106102001001'), addDays(today, -30))).toBeNull();
    const answer = await get(`/api/v1/isolation/zone-level?region=${DUOBA_BUILDINGS[1]}&date=${addDays(today, -1)}`, w.cookies.grid);
    expect(answer.json()).toEqual({ region: DUOBA_BUILDINGS[1], date: addDays(today, -1), level: 'high' });
  });

  it('gives a traveller the category of the place\'s level on the day they left it', async () => {
    const today = todayInChina();
    const [traveller] = await registerPeople(w, 1);
    const open = (anchorDate: string) => post('/api/v1/screening/episodes', { docNumber: traveller, stayRegion: DUOBA_BUILDINGS[1], anchorDate }, duoba);
    // Left the building once it was high (designated three days ago): 7 days of central isolation.
    const high = await open(addDays(today, -1));
    expect(high.statusCode, high.body).toBe(200);
    expect(high.json()).toMatchObject({ category: 'HIGH_ZONE_TRAVEL', placeKind: 'central' });
    // Left it ten days ago, when only the rest of the district was low: two tests in three days.
    expect((await open(addDays(today, -10))).json()).toMatchObject({ category: 'LOW_ZONE_TRAVEL' });
    // A month ago the district had no zones at all: nothing to manage, said plainly.
    const none = await open(addDays(today, -30));
    expect(none.statusCode).toBe(422);
    expect(none.json().error.code).toBe('STAY_NOT_IN_RISK_ZONE');
  });

  it('shows every zone of the district as announced to a cadre whose own regions hold none, for the arrival form', async () => {
    const lushaer = w.cookies.lushaer;
    const mine = await get('/api/v1/isolation/zones?status=all', lushaer);
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().map((z: { name: string }) => z.name)).not.toContain('丽景家园1、2号楼');
    const published = await get('/api/v1/isolation/zones/published', lushaer);
    expect(published.statusCode, published.body).toBe(200);
    const announced = published.json().find((z: { name: string }) => z.name === '丽景家园1、2号楼');
    // What the notice says, and nothing more: no advice, no history, no one's name.
    expect(announced).toEqual({ id: expect.any(String), name: '丽景家园1、2号楼', level: 'high', status: 'active', decisionNo: '湟防指〔2022〕31号',
      designatedAt: expect.any(String), regions: [{ code: DUOBA_BUILDINGS[0], name: '丽景家园1号楼' }, { code: DUOBA_BUILDINGS[1], name: '丽景家园2号楼' }] });
    // A traveller from there, opened by that cadre for one of their own residents, gets the zone's category.
    const traveller = await newPerson(app, lushaer, '630106102001001');
    const opened = await post('/api/v1/screening/episodes', { personId: traveller.id, stayRegion: announced.regions[0].code,
      anchorDate: addDays(todayInChina(), -1) }, lushaer);
    expect(opened.statusCode, opened.body).toBe(200);
    expect(opened.json()).toMatchObject({ category: 'HIGH_ZONE_TRAVEL' });
    // Neither managing people nor zones: no list.
    expect((await get('/api/v1/isolation/zones/published', w.cookies.lab)).statusCode).toBe(403);
  });

  it('refuses to approve a downgrade before the zone is eligible, changing nothing', async () => {
    const z = (await post('/api/v1/isolation/zones', { name: '新城村', level: 'medium', regionCode: '630106105200',
      decisionNo: '湟防指〔2022〕40号', decidedAt: daysAgo(4) })).json();
    const proposed = await post(`/api/v1/isolation/zones/${z.id}/proposals`, { note: '专家组建议' }, lead);
    expect(proposed.statusCode, proposed.body).toBe(201);
    expect(proposed.json()).toMatchObject({ status: 'proposed', fromLevel: 'medium', toLevel: 'low', advice: { eligible: false } });
    expect((await post(`/api/v1/isolation/zones/${z.id}/proposals`, {}, lead)).json().error.code).toBe('ZONE_PROPOSAL_PENDING');
    const early = await post(`/api/v1/isolation/proposals/${proposed.json().id}/approve`, { decisionNo: '湟防指〔2022〕41号' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('ZONE_NOT_ELIGIBLE');
    expect(early.json().error.message).toContain('4 天');
    const after = await zone(z.id);
    expect(after).toMatchObject({ level: 'medium', status: 'active' });
    expect(after.history).toHaveLength(1);
    expect((await get('/api/v1/isolation/proposals?status=proposed')).json().map((p: { id: string }) => p.id)).toContain(proposed.json().id);
    // The lead cannot approve; a decision needs its number; the commander may reject with a reason.
    expect((await post(`/api/v1/isolation/proposals/${proposed.json().id}/approve`, { decisionNo: '湟防指〔2022〕42号' }, lead)).statusCode).toBe(403);
    expect((await post(`/api/v1/isolation/proposals/${proposed.json().id}/approve`, {})).statusCode).toBe(400);
    const rejected = await post(`/api/v1/isolation/proposals/${proposed.json().id}/reject`, { reason: '仍有密接未解除' });
    expect(rejected.json()).toMatchObject({ status: 'rejected', decisionReason: '仍有密接未解除' });
  });

  it('proposes an eligible downgrade each day (7 clean days and an all-negative day-7 round); the commander approves it', async () => {
    const building = DUOBA_BUILDINGS[2];
    const z = (await post('/api/v1/isolation/zones', { name: '丽景家园3号楼', level: 'high', buildingCodes: [building],
      decisionNo: '湟防指〔2022〕50号', decidedAt: daysAgo(7) })).json();
    const db = tdb.ctx.handle.db;
    const today = todayInChina();
    // Day 7, but no round yet: no proposal.
    expect((await zone(z.id)).advice).toMatchObject({ eligible: false, cleanDays: 7, missing: 'negative_round' });
    await runZoneDay(db, today);
    expect((await get('/api/v1/isolation/proposals?status=proposed')).json().filter((p: { zoneId: string }) => p.zoneId === z.id)).toEqual([]);

    // Sampled, results not yet in: not yet.
    const pending = await sampleToday(building, null);
    expect((await zone(z.id)).advice).toMatchObject({ eligible: false, missing: 'negative_round' });
    await report(pending, 'negative');
    expect((await zone(z.id)).advice).toMatchObject({ eligible: true, to: 'medium', cleanDays: 7 });
    const run = await post('/api/v1/isolation/zones/daily-run', {}, lead);
    expect(run.json()).toMatchObject({ today, proposed: 1 });
    expect((await runZoneDay(db, today)).proposed).toBe(0); // idempotent for the day
    const [proposal] = (await get('/api/v1/isolation/proposals?status=proposed')).json().filter((p: { zoneId: string }) => p.zoneId === z.id);
    expect(proposal).toMatchObject({ fromLevel: 'high', toLevel: 'medium', cleanDays: 7, proposedBy: null, advice: { eligible: true } });

    const approved = await post(`/api/v1/isolation/proposals/${proposal.id}/approve`, { decisionNo: '湟防指〔2022〕57号', reason: '专家组研判同意' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', decisionNo: '湟防指〔2022〕57号' });
    const after = await zone(z.id);
    expect(after).toMatchObject({ level: 'medium', since: today });
    expect(after.history.map((h: { action: string; toLevel: string }) => [h.action, h.toLevel])).toEqual([['designate', 'high'], ['downgrade', 'medium']]);
    expect(after.history[1].decisionNo).toBe('湟防指〔2022〕57号');
    expect((await post(`/api/v1/isolation/proposals/${proposal.id}/approve`, { decisionNo: 'x号文' })).json().error.code).toBe('INVALID_STATE');
    // A traveller there today counts as from a high zone (its level for the day); medium from high needs 3 more days.
    expect(await zoneLevelAt(db, pathOf(building), today)).toBe('high');
    expect(after.advice).toMatchObject({ eligible: false, to: 'low', needDays: 3, missing: 'days' });
  });

  it('a positive in the round or a new infection keeps or sends the zone back to the start', async () => {
    const db = tdb.ctx.handle.db;
    const today = todayInChina();
    const z = (await post('/api/v1/isolation/zones', { name: '信用社家属院', level: 'high', regionCode: '630106105001001001',
      decisionNo: '湟防指〔2022〕60号', decidedAt: daysAgo(8) })).json();
    const building = '630106105001001001';
    await sampleToday(building, 'positive');
    expect((await zone(z.id)).advice).toMatchObject({ eligible: false, missing: 'negative_round' });
    const manual = (await post(`/api/v1/isolation/zones/${z.id}/proposals`, {}, lead)).json();
    // A new infection in the zone withdraws the proposal and restarts the clock.
    expect(await recordInfection(db, null, { regionPath: pathOf(building), date: addDays(today, -1) })).toBe(1);
    expect(await recordInfection(db, null, { regionPath: pathOf('630106102001001'), date: today })).toBe(0);
    const after = await zone(z.id);
    expect(after).toMatchObject({ lastInfectionOn: addDays(today, -1), advice: { cleanDays: 1, missing: 'days' } });
    const proposals = (await get('/api/v1/isolation/proposals')).json().filter((p: { id: string }) => p.id === manual.id);
    expect(proposals[0].status).toBe('withdrawn');
  });

  it('raises a level, and the summary counts beds, releases due and zones by level', async () => {
    const z = (await post('/api/v1/isolation/zones', { name: '通海社区', level: 'medium', regionCode: '630106105001',
      decisionNo: '湟防指〔2022〕70号' })).json();
    const up = await post(`/api/v1/isolation/zones/${z.id}/level`, { action: 'upgrade', level: 'high', decisionNo: '湟防指〔2022〕71号', reason: '新增阳性' }, lead);
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json().history.map((h: { action: string }) => h.action)).toEqual(['designate', 'upgrade']);
    expect((await post(`/api/v1/isolation/zones/${z.id}/level`, { action: 'lift', decisionNo: '湟防指〔2022〕72号', reason: '解除' }, lead)).statusCode)
      .toBe(403);
    const other = (await post('/api/v1/isolation/zones', { name: '新城村第1网格', level: 'low', regionCode: '630106105200001',
      decisionNo: '湟防指〔2022〕73号' })).json();
    const lifted = await post(`/api/v1/isolation/zones/${other.id}/level`, { action: 'lift', decisionNo: '湟防指〔2022〕74号', reason: '解除低风险区' });
    expect(lifted.statusCode, lifted.body).toBe(200);
    expect(lifted.json()).toMatchObject({ status: 'lifted', level: null });
    expect(lifted.json().history.map((h: { action: string; toLevel: string | null }) => [h.action, h.toLevel])).toEqual([['designate', 'low'], ['lift', null]]);
    expect((await post(`/api/v1/isolation/zones/${other.id}/level`, { action: 'lift', decisionNo: '湟防指〔2022〕75号', reason: '再次解除' })).json()
      .error.code).toBe('ZONE_NOT_ACTIVE');

    const site = await newSite(app, duoba, { rooms: 3 });
    const person = await newPerson(app, duoba);
    const today = todayInChina();
    await post('/api/v1/isolation/placements', { personId: person.id, siteId: site, expectedReleaseOn: addDays(today, 2) }, duoba);
    const summary = (await get('/api/v1/isolation/summary')).json();
    expect(summary.sites).toBeGreaterThanOrEqual(1);
    expect(summary.beds).toBeGreaterThanOrEqual(3);
    expect(summary.occupied).toBeGreaterThanOrEqual(1);
    expect(summary.free).toBe(summary.beds - summary.occupied);
    expect(summary.releasesDue.find((d: { date: string }) => d.date === addDays(today, 2)).count).toBeGreaterThanOrEqual(1);
    const active = (await get('/api/v1/isolation/zones')).json() as { level: string }[];
    expect(summary.zonesByLevel).toEqual({
      high: active.filter((a) => a.level === 'high').length, medium: active.filter((a) => a.level === 'medium').length,
      low: active.filter((a) => a.level === 'low').length });
    expect(summary.zonesByLevel.high).toBeGreaterThanOrEqual(2);
  });

  it('恢复正常秩序 lifts every zone in one decision, records it and switches the response to routine', async () => {
    const before = (await get('/api/v1/isolation/zones')).json() as { id: string }[];
    expect(before.length).toBeGreaterThan(0);
    expect((await post('/api/v1/isolation/zones/restore-routine', { decisionNo: '湟防指〔2022〕99号' }, lead)).statusCode).toBe(403);
    const res = await post('/api/v1/isolation/zones/restore-routine', { decisionNo: '湟防指〔2022〕99号', reason: '全区恢复正常生产生活秩序' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ lifted: before.length, responseMode: 'routine' });
    expect((await get('/api/v1/isolation/zones')).json()).toEqual([]);
    const lifted = await zone(before[0].id);
    expect(lifted).toMatchObject({ status: 'lifted', level: null });
    expect(lifted.history.at(-1)).toMatchObject({ action: 'restore', toLevel: null, decisionNo: '湟防指〔2022〕99号' });
    expect((await get('/api/v1/response')).json().mode).toBe('routine');
    expect((await get('/api/v1/isolation/summary')).json().zonesByLevel).toEqual({ high: 0, medium: 0, low: 0 });
    const again = await post('/api/v1/isolation/zones/restore-routine', { decisionNo: '湟防指〔2022〕100号' });
    expect(again.json().error.code).toBe('NO_ACTIVE_ZONES');
    expect(await zoneLevelAt(tdb.ctx.handle.db, pathOf(DUOBA_BUILDINGS[0]), addDays(todayInChina(), 1))).toBeNull();
  });
});
