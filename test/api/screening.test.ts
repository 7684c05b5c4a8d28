import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { DIALECTS } from '../support/env.js';
import { testDatabase, type TestDatabase } from '../support/db.js';
import { loginAs, testApp } from '../support/http.js';

describe.each(DIALECTS)('management plan preview on %s', (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let grid: string;
  beforeAll(async () => {
    tdb = await testDatabase(dialect);
    app = await testApp(tdb.ctx);
    grid = await loginAs(app, 'grid');
  });
  afterAll(async () => {
    await app.close();
    await tdb.close();
  });

  const preview = (payload: object, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url: '/api/v1/screening/plan-preview', headers: { cookie: grid, ...headers }, payload });

  it('gives a close contact of August 2022 the 7+3 of the 9th edition, with test dates', async () => {
    const res = await preview({ category: 'CLOSE_CONTACT', anchorDate: '2022-08-20' });
    expect(res.statusCode).toBe(200);
    const plan = res.json();
    expect(plan.ruleSet).toBe('NINTH_EDITION');
    expect(plan.phases.map((p: { kind: string; days: number }) => [p.kind, p.days])).toEqual([['central_isolation', 7], ['home_health_monitoring', 3]]);
    expect(plan.testDates).toEqual(['2022-08-21', '2022-08-22', '2022-08-23', '2022-08-25', '2022-08-27', '2022-08-30']);
    expect(plan.releaseDate).toBe('2022-08-31');
  });

  it('uses the plan asked for, and says clearly when a plan lacks the category, or no plan was in force', async () => {
    expect((await preview({ category: 'CLOSE_CONTACT', anchorDate: '2022-11-20' })).json().phases[0].days).toBe(5);
    expect((await preview({ category: 'CLOSE_CONTACT', anchorDate: '2022-11-20', ruleSet: 'NINTH_EDITION' })).json().phases[0].days).toBe(7);
    const lacking = await preview({ category: 'SECONDARY_CONTACT', anchorDate: '2022-11-20' });
    expect(lacking.statusCode).toBe(422);
    expect(lacking.json().error).toMatchObject({ code: 'CATEGORY_NOT_IN_RULE_SET', message: '《优化防控二十条》中没有“密接的密接”这一类人员' });
    const english = await preview({ category: 'SECONDARY_CONTACT', anchorDate: '2022-11-20' }, { 'accept-language': 'en' });
    expect(english.json().error.message).toBe('The 20 measures has no category "Secondary contact"');
    const before = await preview({ category: 'CLOSE_CONTACT', anchorDate: '2021-06-01' });
    expect(before.statusCode).toBe(422);
    expect(before.json().error.code).toBe('NO_RULE_SET_IN_FORCE');
  });

  it('refuses an anchor date in the future, a category it does not know and a malformed date', async () => {
    const future = await preview({ category: 'CLOSE_CONTACT', anchorDate: '2999-01-01' });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.details.fields[0]).toMatchObject({ field: 'anchorDate', code: 'DATE_FUTURE' });
    expect((await preview({ category: 'TOURIST', anchorDate: '2022-08-20' })).statusCode).toBe(400);
    expect((await preview({ category: 'CLOSE_CONTACT', anchorDate: '20/08/2022' })).statusCode).toBe(400);
  });
});
