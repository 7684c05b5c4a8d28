import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/env.js';
import { testDatabase, type TestDatabase } from '../support/db.js';
import { signedIn, testApp } from '../support/http.js';
import { multipartFile, xlsxOf } from '../support/files.js';
import { makeIdNumber } from '../../src/shared/validators/index.js';
import { DUOBA, DUOBA_GRID, refused, type Cases, type Fixture } from './access-cases/fixture.js';
import { TESTING_SAMPLING_CASES } from './access-cases/testing-sampling.js';
import { TESTING_RESULTS_CASES } from './access-cases/testing-results.js';
import { TESTING_COVERAGE_CASES } from './access-cases/testing-coverage.js';
import { SCREENING_CASES } from './access-cases/screening.js';
import { SCREENING_EPISODE_CASES } from './access-cases/screening-episodes.js';
import { ISOLATION_CASES } from './access-cases/isolation.js';
import { SCREENING_FIELD_CASES } from './access-cases/screening-field.js';

/**
 * Every endpoint, asked by a cadre of 鲁沙尔镇 about 多巴镇 (or for something their role may not do),
 * is refused. The first test fails when an endpoint is added without a case here.
 */

const BASE_CASES: Cases = {
  'POST /api/v1/auth/login': 'public',
  'POST /api/v1/auth/logout': 'public', // idempotent: signing out without a session is fine
  'GET /api/v1/auth/me': 'self',
  'POST /api/v1/auth/password': 'self',
  'GET /api/v1/response': 'district-wide',
  'GET /api/v1/response/rule-sets': 'district-wide', // the published plans: everyone plans by them
  'GET /api/v1/people/import-template': 'district-wide',
  'GET /api/v1/audit': async ({ app, outsider }) => refused((await app.inject({ url: '/api/v1/audit', headers: { cookie: outsider } })).statusCode),
  'GET /api/v1/jobs/{id}': async ({ app, outsider, jobId }) =>
    refused((await app.inject({ url: `/api/v1/jobs/${jobId}`, headers: { cookie: outsider } })).statusCode),
  'GET /api/v1/files/{id}': async ({ app, outsider, fileId }) =>
    refused((await app.inject({ url: `/api/v1/files/${fileId}`, headers: { cookie: outsider } })).statusCode),
  'GET /api/v1/regions': async ({ app, outsider }) => {
    const roots = (await app.inject({ url: '/api/v1/regions', headers: { cookie: outsider } })).json();
    expect(roots.map((r: { code: string }) => r.code)).toEqual(['630106102']);
  },
  'GET /api/v1/regions/{code}': async ({ app, outsider }) =>
    refused((await app.inject({ url: `/api/v1/regions/${DUOBA}`, headers: { cookie: outsider } })).statusCode),
  'GET /api/v1/regions/{code}/children': async ({ app, outsider }) =>
    refused((await app.inject({ url: `/api/v1/regions/${DUOBA}/children`, headers: { cookie: outsider } })).statusCode),
  'POST /api/v1/response': async ({ app, outsider }) =>
    refused((await app.inject({ method: 'POST', url: '/api/v1/response', headers: { cookie: outsider },
      payload: { name: '测试响应', level: 'II', ruleSet: 'NINTH_EDITION' } })).statusCode),
  'POST /api/v1/response/rule-sets': async ({ app, outsider }) =>
    refused((await app.inject({ method: 'POST', url: '/api/v1/response/rule-sets', headers: { cookie: outsider },
      payload: { code: 'LOCAL_PLAN', name: { 'zh-CN': '乡镇自定方案', en: 'A township plan' }, from: '2030-01-01', to: '2030-12-31',
        categories: {}, zones: { levels: ['high'], downgrades: [] } } })).statusCode),
  'POST /api/v1/response/mode': async ({ app, outsider }) =>
    refused((await app.inject({ method: 'POST', url: '/api/v1/response/mode', headers: { cookie: outsider },
      payload: { mode: 'routine', reason: '测试' } })).statusCode),
  'GET /api/v1/people': async ({ app, outsider }) =>
    refused((await app.inject({ url: `/api/v1/people?region=${DUOBA}`, headers: { cookie: outsider } })).statusCode),
  'POST /api/v1/people': async ({ app, outsider }) =>
    refused((await app.inject({ method: 'POST', url: '/api/v1/people', headers: { cookie: outsider },
      payload: { docNumber: makeIdNumber('630122', '1980-01-01', 7), name: '王五', regionCode: DUOBA_GRID } })).statusCode),
  'GET /api/v1/people/{id}': async ({ app, outsider, personId }) =>
    refused((await app.inject({ url: `/api/v1/people/${personId}`, headers: { cookie: outsider } })).statusCode),
  'POST /api/v1/people/{id}/unmask': async ({ app, outsider, personId }) =>
    refused((await app.inject({ method: 'POST', url: `/api/v1/people/${personId}/unmask`, headers: { cookie: outsider },
      payload: { fields: ['phone'], reason: '核查' } })).statusCode),
  'POST /api/v1/people/import': async ({ app, outsider }) => {
    const file = await xlsxOf([['姓名', '身份证号', '所属村社区/网格'], ['王五', makeIdNumber('630122', '1980-01-01', 8), DUOBA_GRID]]);
    const { payload, headers } = multipartFile('x.xlsx', file);
    const res = await app.inject({ method: 'POST', url: '/api/v1/people/import', headers: { ...headers, cookie: outsider }, payload });
    let job = (await app.inject({ url: `/api/v1/jobs/${res.json().jobId}`, headers: { cookie: outsider } })).json();
    while (job.status === 'running') {
      await new Promise((r) => setTimeout(r, 100));
      job = (await app.inject({ url: `/api/v1/jobs/${res.json().jobId}`, headers: { cookie: outsider } })).json();
    }
    expect(job.status).toBe('failed');
    expect(job.result.errors[0].field).toBe('region');
  },
  'POST /api/v1/people/export': async ({ app, outsider }) =>
    refused((await app.inject({ method: 'POST', url: '/api/v1/people/export', headers: { cookie: outsider },
      payload: { region: DUOBA } })).statusCode),
  'GET /api/v1/users': async ({ app, outsider }) => refused((await app.inject({ url: '/api/v1/users', headers: { cookie: outsider } })).statusCode),
  'POST /api/v1/users': async ({ app, outsider }) =>
    refused((await app.inject({ method: 'POST', url: '/api/v1/users', headers: { cookie: outsider },
      payload: { username: 'sneaky', password: 'abcd1234', displayName: 'x', role: 'commander', scopes: [{ code: '630106' }] } })).statusCode),
  'PATCH /api/v1/users/{id}': async ({ app, outsider, userId }) =>
    refused((await app.inject({ method: 'PATCH', url: `/api/v1/users/${userId}`, headers: { cookie: outsider },
      payload: { role: 'commander' } })).statusCode),
  'POST /api/v1/users/{id}/password': async ({ app, outsider, userId }) =>
    refused((await app.inject({ method: 'POST', url: `/api/v1/users/${userId}/password`, headers: { cookie: outsider },
      payload: { password: 'abcd12345' } })).statusCode),
  'GET /api/v1/organizations': async ({ app, outsider }) =>
    refused((await app.inject({ url: `/api/v1/organizations?region=${DUOBA}`, headers: { cookie: outsider } })).statusCode),
  'GET /api/v1/organizations/{id}': async ({ app, outsider, orgId }) =>
    refused((await app.inject({ url: `/api/v1/organizations/${orgId}`, headers: { cookie: outsider } })).statusCode),
  'POST /api/v1/organizations': async ({ app, outsider }) =>
    refused((await app.inject({ method: 'POST', url: '/api/v1/organizations', headers: { cookie: outsider },
      payload: { name: '多巴某公司', kind: 'other_firm', regionCode: DUOBA } })).statusCode),
  'GET /api/v1/tasks': async ({ app, outsider, taskId }) => {
    const page = (await app.inject({ url: '/api/v1/tasks', headers: { cookie: outsider } })).json();
    expect(page.items.map((t: { id: string }) => t.id)).not.toContain(taskId);
  },
  'POST /api/v1/tasks': async ({ app, outsider }) =>
    refused((await app.inject({ method: 'POST', url: '/api/v1/tasks', headers: { cookie: outsider },
      payload: { title: '越权派单', regionCode: DUOBA } })).statusCode),
  'POST /api/v1/tasks/{id}/status': async ({ app, outsider, taskId }) =>
    refused((await app.inject({ method: 'POST', url: `/api/v1/tasks/${taskId}/status`, headers: { cookie: outsider },
      payload: { to: 'done' } })).statusCode),
};

// Each workstream keeps its endpoints' cases in its own file under access-cases/.
const CASES: Cases = { ...BASE_CASES, ...TESTING_SAMPLING_CASES, ...TESTING_RESULTS_CASES, ...TESTING_COVERAGE_CASES, ...SCREENING_CASES, ...SCREENING_EPISODE_CASES,
  ...ISOLATION_CASES, ...SCREENING_FIELD_CASES };

describe.each(DIALECTS)('access to every endpoint on %s', (dialect) => {
  let tdb: TestDatabase;
  const f = {} as Fixture;
  beforeAll(async () => {
    tdb = await testDatabase(dialect);
    f.app = await testApp(tdb.ctx);
    f.owner = await signedIn(f.app, 'duoba');
    f.outsider = await signedIn(f.app, 'lushaer');
    const person = await f.app.inject({ method: 'POST', url: '/api/v1/people', headers: { cookie: f.owner },
      payload: { docNumber: makeIdNumber('630122', '1990-05-05', 3), name: '多巴人', regionCode: DUOBA_GRID } });
    f.personId = person.json().id;
    f.taskId = (await f.app.inject({ method: 'POST', url: '/api/v1/tasks', headers: { cookie: f.owner },
      payload: { title: '入户走访', regionCode: DUOBA_GRID } })).json().id;
    const orgs = (await f.app.inject({ url: `/api/v1/organizations?region=${DUOBA}`, headers: { cookie: f.owner } })).json();
    f.orgId = orgs.items.find((o: { regionCode: string }) => o.regionCode === DUOBA).id;
    f.jobId = (await f.app.inject({ method: 'POST', url: '/api/v1/people/export', headers: { cookie: f.owner }, payload: {} })).json().jobId;
    for (;;) {
      const job = (await f.app.inject({ url: `/api/v1/jobs/${f.jobId}`, headers: { cookie: f.owner } })).json();
      if (job.status !== 'running') {
        f.fileId = job.result.fileId;
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    const admin = await signedIn(f.app, 'admin');
    f.userId = (await f.app.inject({ url: '/api/v1/users?search=duoba', headers: { cookie: admin } })).json()[0].id;
  });
  afterAll(async () => {
    await f.app.close();
    await tdb.close();
  });

  it('has a case for every endpoint in the API', async () => {
    const doc = (await f.app.inject({ url: '/api/docs/json' })).json();
    const endpoints = Object.entries(doc.paths as Record<string, object>).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    expect(endpoints.filter((e) => !(e in CASES))).toEqual([]);
  });

  it('refuses every endpoint but sign-in without a session', async () => {
    const doc = (await f.app.inject({ url: '/api/docs/json' })).json();
    for (const [p, ops] of Object.entries(doc.paths as Record<string, object>)) {
      for (const m of Object.keys(ops)) {
        if (CASES[`${m.toUpperCase()} ${p}`] === 'public') continue;
        const url = p.replace(/\{(\w+)\}/g, 'X1');
        const res = await f.app.inject({ method: m.toUpperCase() as 'GET', url, payload: m === 'get' ? undefined : {} });
        expect(res.statusCode, `${m} ${p}`).toBe(401);
      }
    }
  });

  for (const [endpoint, check] of Object.entries(CASES)) {
    if (typeof check !== 'function') continue;
    it(`refuses a cadre of another township: ${endpoint}`, async () => {
      await check(f);
    });
  }
});
