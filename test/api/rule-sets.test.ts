import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { DIALECTS } from '../support/env.js';
import { testDatabase, type TestDatabase } from '../support/db.js';
import { signedIn, testApp } from '../support/http.js';

/** 新十条 (7 Dec 2022): contacts isolate 5 days at home, tested on days 1, 3 and 5; zones by building, high only. */
const NEW_TEN = {
  code: 'NEW_TEN_MEASURES',
  name: { 'zh-CN': '新十条', en: 'The new 10 measures' },
  from: '2022-12-07',
  to: '2023-01-07',
  categories: {
    CLOSE_CONTACT: { anchor: 'last_exposure', firstDayOffset: 1, phases: [{ kind: 'home_isolation', days: 5, testDays: [1, 3, 5] }] },
  },
  zones: { levels: ['high', 'low'], downgrades: [{ from: 'high', to: 'low', days: 5, needsNegativeRoundOnLastDay: true }] },
};

/** A new prevention plan is data: the headquarters adds it and the rules engine plans with it at once. */
describe.each(DIALECTS)('prevention plans as data on %s', (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let commander: string;
  beforeAll(async () => {
    tdb = await testDatabase(dialect);
    app = await testApp(tdb.ctx);
    commander = await signedIn(app, 'commander');
  });
  afterAll(async () => {
    await app.close();
    await tdb.close();
  });

  const post = (url: string, payload: object, cookie = commander, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url, headers: { cookie, ...headers }, payload });

  it('lists the two plans of 2022 as the migration wrote them', async () => {
    const plans = (await app.inject({ url: '/api/v1/response/rule-sets', headers: { cookie: await signedIn(app, 'grid') } })).json();
    expect(plans.map((p: { code: string }) => p.code)).toEqual(['NINTH_EDITION', 'TWENTY_MEASURES']);
    expect(plans[0].categories.CLOSE_CONTACT.phases).toEqual([
      { kind: 'central_isolation', days: 7, testDays: [1, 2, 3, 5, 7] }, { kind: 'home_health_monitoring', days: 3, testDays: [3] }]);
    expect(plans[1].categories.SECONDARY_CONTACT).toBeUndefined();
    expect(plans[1].zones.levels).toEqual(['high', 'low']);
  });

  it('plans with a plan added by the headquarters at once, without a release', async () => {
    // Past the 20 measures' end, the response in force lends its plan (the 9th edition of the demo district's response).
    const before = await post('/api/v1/screening/plan-preview', { category: 'CLOSE_CONTACT', anchorDate: '2022-12-10' });
    expect(before.json().ruleSet).toBe('NINTH_EDITION');
    const added = await post('/api/v1/response/rule-sets', NEW_TEN);
    expect(added.statusCode).toBe(201);
    const plan = (await post('/api/v1/screening/plan-preview', { category: 'CLOSE_CONTACT', anchorDate: '2022-12-10' })).json();
    expect(plan).toMatchObject({ ruleSet: 'NEW_TEN_MEASURES', testDates: ['2022-12-11', '2022-12-13', '2022-12-15'],
      releaseDate: '2022-12-16' });
    expect(plan.phases).toEqual([{ kind: 'home_isolation', days: 5, startDate: '2022-12-11', endDate: '2022-12-15',
      testDates: ['2022-12-11', '2022-12-13', '2022-12-15'] }]);
    const lacking = await post('/api/v1/screening/plan-preview', { category: 'INBOUND', anchorDate: '2022-12-10' });
    expect(lacking.json().error.message).toBe('《新十条》中没有“入境人员”这一类人员');
  });

  it('refuses a plan whose dates overlap another, a code used before, a malformed plan, and anyone but the headquarters', async () => {
    const overlap = await post('/api/v1/response/rule-sets', { ...NEW_TEN, code: 'OVERLAPPING', from: '2022-12-01' });
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json().error.message).toBe('新方案的生效期与《优化防控二十条》（2022-11-11 至 2022-12-06）重叠：同一天只能有一个方案生效');
    const again = await post('/api/v1/response/rule-sets', { ...NEW_TEN, from: '2024-01-01', to: '2024-02-01' }, commander, { 'accept-language': 'en' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe('The plan NEW_TEN_MEASURES exists already; give a new plan a new code');
    const beyond = await post('/api/v1/response/rule-sets', { ...NEW_TEN, code: 'BROKEN', from: '2025-01-01', to: '2025-02-01',
      categories: { CLOSE_CONTACT: { anchor: 'last_exposure', firstDayOffset: 1, phases: [{ kind: 'home_isolation', days: 5, testDays: [7] }] } } });
    expect(beyond.statusCode).toBe(400);
    const cadre = await post('/api/v1/response/rule-sets', { ...NEW_TEN, code: 'TOWNSHIP', from: '2026-01-01', to: '2026-02-01' },
      await signedIn(app, 'duoba'));
    expect(cadre.statusCode).toBe(403);
    const plans = (await app.inject({ url: '/api/v1/response/rule-sets', headers: { cookie: commander } })).json();
    expect(plans.map((p: { code: string }) => p.code)).toEqual(['NINTH_EDITION', 'TWENTY_MEASURES', 'NEW_TEN_MEASURES']);
  });

  it('refuses a response or a preview naming a plan that does not exist', async () => {
    const response = await post('/api/v1/response', { name: '测试响应', level: 'II', ruleSet: 'NO_SUCH_PLAN' });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.message).toBe('没有代码为 NO_SUCH_PLAN 的防控方案');
    const preview = await post('/api/v1/screening/plan-preview', { category: 'CLOSE_CONTACT', anchorDate: '2022-08-20', ruleSet: 'NO_SUCH_PLAN' });
    expect(preview.statusCode).toBe(422);
    expect(preview.json().error.code).toBe('RULE_SET_UNKNOWN');
  });
});
