import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { DIALECTS } from '../support/env.js';
import { testDatabase, type TestDatabase } from '../support/db.js';
import { loginAs, testApp } from '../support/http.js';
import { todayInChina } from '../../src/shared/validators/index.js';
import { openEpisodes } from '../../src/server/modules/screening/service/episodes.js';
import { addDays } from '../../src/shared/dates.js';

const GRID_PATH = '630106/630106105/630106105001/630106105001001';

describe.each(DIALECTS)("the grid worker's day list on %s", (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let grid: string;
  const today = todayInChina();
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    tdb = await testDatabase(dialect);
    app = await testApp(tdb.ctx);
    grid = await loginAs(app, 'grid');
    const people = await tdb.ctx.handle.db.selectFrom('people').select('id').where('region_path', '>=', GRID_PATH)
      .where('region_path', '<', `${GRID_PATH}0`).orderBy('id').limit(3).execute();
    // Central isolation from today (test today), home isolation since yesterday (yesterday's test missed), one whose plan has ended.
    const drafts = [
      { personId: people[0].id, category: 'CLOSE_CONTACT' as const, anchorDate: addDays(today, -1), source: 'manual' as const },
      { personId: people[1].id, category: 'SECONDARY_CONTACT' as const, anchorDate: addDays(today, -2), source: 'manual' as const },
      { personId: people[2].id, category: 'SECONDARY_CONTACT' as const, anchorDate: addDays(today, -8), source: 'manual' as const },
    ];
    const { created } = await openEpisodes(tdb.ctx.handle.db, null, drafts, today);
    [ids.central, ids.home, ids.ended] = created;
  });
  afterAll(async () => {
    await app.close();
    await tdb.close();
  });

  const day = async () => {
    const res = await app.inject({ url: '/api/v1/screening/today', headers: { cookie: grid } });
    expect(res.statusCode).toBe(200);
    return res.json();
  };

  it("lists today's tests and yesterday's missed one, health checks in home phases only, and releases due", async () => {
    const list = await day();
    expect(list.grid).toMatchObject({ code: '630106105001001' });
    expect(list.date).toBe(today);
    const tests = list.tests.map((t: { episodeId: string; missed: boolean; dueDate: string }) => [t.episodeId, t.missed, t.dueDate]);
    expect(tests).toContainEqual([ids.central, false, today]);
    expect(tests).toContainEqual([ids.home, true, addDays(today, -1)]);
    expect(list.healthChecks.map((h: { episodeId: string }) => h.episodeId)).toEqual([ids.home]);
    expect(list.healthChecks[0]).toMatchObject({ phaseKind: 'home_isolation', day: 2, days: 7 });
    expect(list.releases).toEqual([expect.objectContaining({ episodeId: ids.ended, status: 'due' })]);
    // Names are masked.
    for (const t of list.tests) expect(t.name).toMatch(/\*/);
  });

  it("drops a health check once it is made today", async () => {
    const res = await app.inject({ method: 'POST', url: `/api/v1/screening/episodes/${ids.home}/health-checks`, headers: { cookie: grid },
      payload: { period: 'morning', temperature: 36.5, symptoms: [] } });
    expect(res.statusCode).toBeLessThan(300);
    expect((await day()).healthChecks).toEqual([]);
  });

  it('needs a grid for someone without one, and refuses a region that is not a grid', async () => {
    const duoba = await loginAs(app, 'duoba');
    const none = await app.inject({ url: '/api/v1/screening/today', headers: { cookie: duoba } });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.code).toBe('GRID_REQUIRED');
    const community = await app.inject({ url: '/api/v1/screening/today?grid=630106105001', headers: { cookie: duoba } });
    expect(community.json().error.code).toBe('NOT_A_GRID');
    const named = await app.inject({ url: '/api/v1/screening/today?grid=630106105001001', headers: { cookie: duoba } });
    expect(named.json().tests.length).toBeGreaterThan(0);
  });
});
