import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/env.js';
import { testDatabase, type TestDatabase } from '../support/db.js';
import { loginAs, testApp } from '../support/http.js';
import type { FastifyInstance } from 'fastify';
import { DUOBA, DUOBA_GRID } from './access-cases/fixture.js';
import { newPerson, newSite } from './access-cases/isolation.js';
import { endPlacementsOfEpisode, placementsOfEpisodes, placePerson } from '../../src/server/modules/isolation/index.js';
import { todayInChina } from '../../src/shared/validators/index.js';

const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

describe.each(DIALECTS)('isolation sites and placements on %s', (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let duoba: string;
  let lushaer: string;
  let grid: string;
  beforeAll(async () => {
    tdb = await testDatabase(dialect);
    app = await testApp(tdb.ctx);
    [duoba, lushaer, grid] = await Promise.all([loginAs(app, 'duoba'), loginAs(app, 'lushaer'), loginAs(app, 'grid')]);
  });
  afterAll(async () => {
    await app.close();
    tdb.ctx.handle.pgPool?.on('error', () => {});
    await tdb.close();
  });

  const get = (url: string, cookie = duoba) => app.inject({ url, headers: { cookie } });
  const post = (url: string, payload: object, cookie = duoba) => app.inject({ method: 'POST', url, headers: { cookie }, payload });
  const patch = (url: string, payload: object, cookie = duoba) => app.inject({ method: 'PATCH', url, headers: { cookie }, payload });
  const site = async (id: string) => (await get(`/api/v1/isolation/sites/${id}`)).json();
  const activeIn = async (siteId: string) =>
    (await get(`/api/v1/isolation/placements?siteId=${siteId}&status=active`)).json().total as number;

  it('opens a site, adds a run of rooms all or none, and shows beds, occupancy and a 14-day forecast', async () => {
    const id = await newSite(app, duoba, { name: '多巴镇隔离酒店（测试）' });
    const rooms = await post(`/api/v1/isolation/sites/${id}/rooms`, { from: 301, to: 330, beds: 1 });
    expect(rooms.statusCode, rooms.body).toBe(201);
    expect(rooms.json()).toEqual({ added: 30 });
    const clash = await post(`/api/v1/isolation/sites/${id}/rooms`, { from: 329, to: 335, beds: 2 });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error.code).toBe('ROOM_LABELS_TAKEN');
    expect(clash.json().error.message).toContain('329');
    const detail = await site(id);
    expect(detail).toMatchObject({ name: '多巴镇隔离酒店（测试）', kind: 'hotel', rooms: 30, capacity: 30, occupied: 0, free: 30, status: 'active',
      regionName: '多巴镇', contact: '前台 0971-1234567' });
    expect(detail.roomList.map((r: { label: string }) => r.label).slice(0, 3)).toEqual(['301', '302', '303']);
    expect(detail.forecast).toHaveLength(14);
    expect(detail.forecast[0]).toEqual({ date: todayInChina(), occupied: 0, free: 30 });
    const list = (await get('/api/v1/isolation/sites')).json();
    expect(list.items.map((s: { id: string }) => s.id)).toContain(id);
    expect(list.total.capacity).toBeGreaterThanOrEqual(30);
    expect(list.total.forecast).toHaveLength(14);
    // A grid worker sees sites but may not open one.
    expect((await get('/api/v1/isolation/sites', grid)).statusCode).toBe(200);
    expect((await post('/api/v1/isolation/sites', { name: '网格员酒店', kind: 'hotel', regionCode: DUOBA_GRID }, grid)).statusCode).toBe(403);
  });

  it('places people until the site is full, then refuses with a clear message and writes nothing', async () => {
    const id = await newSite(app, duoba, { rooms: 2, beds: 1 });
    const [a, b, c] = [await newPerson(app, duoba), await newPerson(app, duoba), await newPerson(app, duoba)];
    const today = todayInChina();
    const first = await post('/api/v1/isolation/placements', { personId: a.id, siteId: id, expectedReleaseOn: addDays(today, 3) });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ personId: a.id, siteId: id, status: 'active', roomId: null });
    expect(first.json().personName).toMatch(/\*/);
    expect(first.json().phone).toMatch(/^138\*+\d{4}$/);
    const again = await post('/api/v1/isolation/placements', { personId: a.id, siteId: id, expectedReleaseOn: null });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ALREADY_PLACED');
    expect((await post('/api/v1/isolation/placements', { personId: b.id, siteId: id, expectedReleaseOn: null })).statusCode).toBe(201);

    const full = await app.inject({ method: 'POST', url: '/api/v1/isolation/placements', headers: { cookie: duoba, 'accept-language': 'zh-CN' },
      payload: { personId: c.id, siteId: id, expectedReleaseOn: null } });
    expect(full.statusCode).toBe(409);
    expect(full.json().error.code).toBe('SITE_FULL');
    expect(full.json().error.message).toContain('已满');
    const fullEn = await app.inject({ method: 'POST', url: '/api/v1/isolation/placements', headers: { cookie: duoba, 'accept-language': 'en' },
      payload: { personId: c.id, siteId: id, expectedReleaseOn: null } });
    expect(fullEn.json().error.message).toContain('is full');
    expect(await activeIn(id)).toBe(2);
    expect((await get(`/api/v1/isolation/people/${c.id}/placements`)).json()).toEqual([]);

    const detail = await site(id);
    expect(detail).toMatchObject({ capacity: 2, occupied: 2, free: 0 });
    // a leaves in three days; b has no date: one bed frees up on day 3, none before.
    expect(detail.forecast.map((d: { free: number }) => d.free).slice(0, 5)).toEqual([0, 0, 0, 1, 1]);
  });

  it('refuses a full room, keeps transfers as history, and releases by status', async () => {
    const id = await newSite(app, duoba, { rooms: 2, beds: 1 });
    const other = await newSite(app, duoba, { rooms: 1, beds: 2 });
    const [r1, r2] = (await site(id)).roomList.map((r: { id: string }) => r.id);
    const [a, b] = [await newPerson(app, duoba), await newPerson(app, duoba)];
    const pa = (await post('/api/v1/isolation/placements', { personId: a.id, siteId: id, roomId: r1, expectedReleaseOn: null })).json();
    const roomFull = await post('/api/v1/isolation/placements', { personId: b.id, siteId: id, roomId: r1, expectedReleaseOn: null });
    expect(roomFull.statusCode).toBe(409);
    expect(roomFull.json().error.code).toBe('ROOM_FULL');
    expect(roomFull.json().error.message).toContain('301');
    const pb = (await post('/api/v1/isolation/placements', { personId: b.id, siteId: id, roomId: r2, expectedReleaseOn: null })).json();
    expect(pb.roomLabel).toBe('302');

    // Into the occupied room: refused; to the other site: done, the first stay kept as transferred.
    expect((await post(`/api/v1/isolation/placements/${pa.id}/transfer`, { siteId: id, roomId: r2, reason: '调换房间' })).json().error.code)
      .toBe('ROOM_FULL');
    const moved = await post(`/api/v1/isolation/placements/${pa.id}/transfer`, { siteId: other, reason: '转至其他隔离点' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ siteId: other, status: 'active', transferredFrom: pa.id });
    const history = (await get(`/api/v1/isolation/people/${a.id}/placements`)).json();
    expect(history.map((h: { status: string; siteId: string }) => [h.status, h.siteId])).toEqual([['transferred', id], ['active', other]]);
    expect((await site(id)).occupied).toBe(1);
    // A room with someone in it keeps its beds and stays open.
    expect((await patch(`/api/v1/isolation/rooms/${r2}`, { status: 'closed' })).json().error.code).toBe('ROOM_OCCUPIED');
    expect((await patch(`/api/v1/isolation/sites/${id}`, { status: 'closed' })).json().error.code).toBe('SITE_OCCUPIED');
    const renamed = await patch(`/api/v1/isolation/sites/${id}`, { name: '多巴镇备用隔离点', status: 'standby', contact: null });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ name: '多巴镇备用隔离点', status: 'standby', contact: null, occupied: 1 });
    // A site on standby takes nobody new.
    expect((await post('/api/v1/isolation/placements', { personId: (await newPerson(app, duoba)).id, siteId: id, expectedReleaseOn: null }))
      .json().error.code).toBe('SITE_NOT_ACTIVE');
    await patch(`/api/v1/isolation/sites/${id}`, { status: 'active' });

    const released = await post(`/api/v1/isolation/placements/${pb.id}/release`, { reason: 'released', note: '解除隔离' });
    expect(released.statusCode, released.body).toBe(200);
    expect(released.json()).toMatchObject({ status: 'released', endReason: 'released' });
    expect((await post(`/api/v1/isolation/placements/${pb.id}/release`, { reason: 'released' })).json().error.code).toBe('PLACEMENT_NOT_ACTIVE');
    expect(await site(id)).toMatchObject({ occupied: 0, free: 2 });
    const closed = await patch(`/api/v1/isolation/rooms/${r2}`, { status: 'closed' });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ capacity: 1 });
  });

  it('two cadres asking for the last bed at once: one gets it, the other is refused', async () => {
    const id = await newSite(app, duoba, { rooms: 1, beds: 1 });
    const township = await loginAs(app, 'commander');
    const people = await Promise.all([newPerson(app, duoba), newPerson(app, duoba)]);
    for (let round = 0; round < 3; round++) {
      const results = await Promise.all(people.map((p, i) => post('/api/v1/isolation/placements',
        { personId: p.id, siteId: id, expectedReleaseOn: null }, i === 0 ? duoba : township)));
      expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
      expect(results.find((r) => r.statusCode === 409)!.json().error.code).toBe('SITE_FULL');
      expect(await activeIn(id)).toBe(1);
      const winner = results.find((r) => r.statusCode === 201)!.json();
      await post(`/api/v1/isolation/placements/${winner.id}/release`, { reason: 'closed' });
    }
  });

  it('one person placed into two sites at once: one stay, the other refused', async () => {
    const [s1, s2] = [await newSite(app, duoba, { rooms: 1 }), await newSite(app, duoba, { rooms: 1 })];
    const commander = await loginAs(app, 'commander');
    const a = await newPerson(app, duoba);
    const results = await Promise.all([s1, s2].map((siteId, i) => post('/api/v1/isolation/placements',
      { personId: a.id, siteId, expectedReleaseOn: null }, i === 0 ? duoba : commander)));
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const refused = results.find((r) => r.statusCode === 409)!.json().error;
    expect(refused.code).toBe('ALREADY_PLACED');
    const stays = (await get(`/api/v1/isolation/people/${a.id}/placements`)).json();
    expect(stays).toHaveLength(1);
    expect(refused.message).toContain(stays[0].siteName);
  });

  it('serves the screening module: a placement per episode, ended with the episode', async () => {
    const id = await newSite(app, duoba, { rooms: 1, beds: 1 });
    const a = await newPerson(app, duoba);
    const db = tdb.ctx.handle.db;
    const { placementId } = await placePerson(db, null, { personId: a.id, episodeId: 'EPISODE-1', siteId: id, expectedReleaseOn: null });
    await expect(placePerson(db, null, { personId: (await newPerson(app, duoba)).id, episodeId: 'EPISODE-2', siteId: id, expectedReleaseOn: null }))
      .rejects.toMatchObject({ code: 'SITE_FULL', status: 409 });
    const byEpisode = await placementsOfEpisodes(db, ['EPISODE-1', 'EPISODE-2']);
    expect([...byEpisode.keys()]).toEqual(['EPISODE-1']);
    expect(byEpisode.get('EPISODE-1')).toMatchObject({ id: placementId, siteId: id, status: 'active' });
    expect(await endPlacementsOfEpisode(db, null, 'EPISODE-1', 'released')).toBe(1);
    expect((await placementsOfEpisodes(db, ['EPISODE-1'])).get('EPISODE-1')).toMatchObject({ status: 'released' });
    expect(await activeIn(id)).toBe(0);
  });

  it('keeps other townships out: their sites, placements and people', async () => {
    const id = await newSite(app, duoba, { rooms: 1 });
    const a = await newPerson(app, duoba);
    const placed = (await post('/api/v1/isolation/placements', { personId: a.id, siteId: id, expectedReleaseOn: null })).json();
    expect((await get(`/api/v1/isolation/sites/${id}`, lushaer)).statusCode).toBe(404);
    expect((await get('/api/v1/isolation/sites', lushaer)).json().items.map((s: { id: string }) => s.id)).not.toContain(id);
    expect((await post(`/api/v1/isolation/placements/${placed.id}/release`, { reason: 'released' }, lushaer)).statusCode).toBe(404);
    expect((await get(`/api/v1/isolation/people/${a.id}/placements`, lushaer)).statusCode).toBe(404);
    expect((await get(`/api/v1/isolation/placements?region=${DUOBA}`, lushaer)).statusCode).toBe(403);
    // A site of 鲁沙尔镇 for a 鲁沙尔镇 cadre is theirs; 多巴镇's resident cannot be placed by them.
    const theirs = await newSite(app, lushaer, { regionCode: '630106102', rooms: 1 });
    expect((await post('/api/v1/isolation/placements', { personId: (await newPerson(app, duoba)).id, siteId: theirs, expectedReleaseOn: null },
      lushaer)).statusCode).toBe(403);
  });
});
