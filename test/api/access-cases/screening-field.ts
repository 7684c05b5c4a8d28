import { expect } from 'vitest';
import { ulid } from 'ulidx';
import { loginAs } from '../../support/http.js';
import { multipartFile, xlsxOf } from '../../support/files.js';
import { makeIdNumber, todayInChina } from '../../../src/shared/validators/index.js';
import { DUOBA, DUOBA_GRID, refused, type Cases, type Fixture } from './fixture.js';

/**
 * Access cases for screening rounds, visits, 协查 imports and the grid worker's day: a cadre of
 * 鲁沙尔镇 neither sees nor touches 多巴镇's rounds, households, lists or grids.
 */

async function duobaRound(f: Fixture): Promise<string> {
  const commander = await loginAs(f.app, 'commander');
  const today = todayInChina();
  const res = await f.app.inject({ method: 'POST', url: '/api/v1/screening/rounds', headers: { cookie: commander },
    payload: { name: '多巴镇入户排查（权限）', regionCodes: [DUOBA], startsOn: today, endsOn: today } });
  expect(res.statusCode).toBe(201);
  return res.json().id;
}

async function duobaHousehold(f: Fixture): Promise<string> {
  const today = (await f.app.inject({ url: `/api/v1/screening/today?grid=${DUOBA_GRID}`, headers: { cookie: f.owner } })).json();
  return today.visits[0].householdId;
}

async function importAs(f: Fixture, cookie: string, idNumber: string): Promise<{ status: string; result: Record<string, unknown> }> {
  const file = await xlsxOf([['姓名', '证件号码', '末次暴露日期', '类别'], ['访客', idNumber, todayInChina(), '密接']]);
  const { payload, headers } = multipartFile(`${ulid()}.xlsx`, file);
  const res = await f.app.inject({ method: 'POST', url: '/api/v1/screening/imports', headers: { ...headers, cookie }, payload });
  expect(res.statusCode).toBe(202);
  for (;;) {
    const job = (await f.app.inject({ url: `/api/v1/jobs/${res.json().jobId}`, headers: { cookie } })).json();
    if (job.status !== 'running') return job;
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function duobaImport(f: Fixture): Promise<{ importId: string; unmatchedId: string }> {
  const job = await importAs(f, f.owner, makeIdNumber('110101', '1985-02-03', 9));
  const importId = job.result.importId as string;
  const list = (await f.app.inject({ url: `/api/v1/screening/imports/${importId}/unmatched`, headers: { cookie: f.owner } })).json();
  return { importId, unmatchedId: list.items[0].id };
}

export const SCREENING_FIELD_CASES: Cases = {
  'GET /api/v1/screening/rounds': async (f) => {
    const id = await duobaRound(f);
    const list = (await f.app.inject({ url: '/api/v1/screening/rounds', headers: { cookie: f.outsider } })).json();
    expect(list.map((r: { id: string }) => r.id)).not.toContain(id);
  },
  'POST /api/v1/screening/rounds': async (f) => {
    const today = todayInChina();
    for (const cookie of [f.outsider, f.owner]) {
      refused((await f.app.inject({ method: 'POST', url: '/api/v1/screening/rounds', headers: { cookie },
        payload: { name: '越权排查', regionCodes: [DUOBA], startsOn: today, endsOn: today } })).statusCode);
    }
  },
  'GET /api/v1/screening/rounds/{id}': async (f) => {
    const id = await duobaRound(f);
    refused((await f.app.inject({ url: `/api/v1/screening/rounds/${id}`, headers: { cookie: f.outsider } })).statusCode);
  },
  'POST /api/v1/screening/rounds/{id}/close': async (f) => {
    const id = await duobaRound(f);
    refused((await f.app.inject({ method: 'POST', url: `/api/v1/screening/rounds/${id}/close`, headers: { cookie: f.outsider } })).statusCode);
    refused((await f.app.inject({ method: 'POST', url: `/api/v1/screening/rounds/${id}/close`, headers: { cookie: f.owner } })).statusCode);
  },
  'GET /api/v1/screening/rounds/{id}/completion': async (f) => {
    const id = await duobaRound(f);
    refused((await f.app.inject({ url: `/api/v1/screening/rounds/${id}/completion?region=${DUOBA}`, headers: { cookie: f.outsider } })).statusCode);
  },
  'GET /api/v1/screening/rounds/{id}/visits': async (f) => {
    const id = await duobaRound(f);
    refused((await f.app.inject({ url: `/api/v1/screening/rounds/${id}/visits`, headers: { cookie: f.outsider } })).statusCode);
  },
  'POST /api/v1/screening/visits': async (f) => {
    const roundId = await duobaRound(f);
    const householdId = await duobaHousehold(f);
    const res = await f.app.inject({ method: 'POST', url: '/api/v1/screening/visits', headers: { cookie: f.outsider },
      payload: { id: ulid(), roundId, householdId, shift: 'day', outcome: 'normal' } });
    expect(res.statusCode).toBe(403);
  },
  'GET /api/v1/screening/today': async (f) => {
    expect((await f.app.inject({ url: `/api/v1/screening/today?grid=${DUOBA_GRID}`, headers: { cookie: f.outsider } })).statusCode).toBe(403);
    // A township cadre has no grid of their own: they must name one.
    expect((await f.app.inject({ url: '/api/v1/screening/today', headers: { cookie: f.outsider } })).statusCode).toBe(400);
  },
  'POST /api/v1/screening/imports': async (f) => {
    // A 多巴镇 resident on 鲁沙尔镇's list is not routed into 多巴镇: listed apart, to pass on.
    const person = (await f.app.inject({ url: `/api/v1/people/${f.personId}`, headers: { cookie: f.owner } })).json();
    expect(person.regionCode).toBe(DUOBA_GRID);
    const job = await importAs(f, f.outsider, makeIdNumber('630122', '1990-05-05', 3));
    expect(job.status).toBe('succeeded');
    expect(job.result).toMatchObject({ matched: 0, elsewhere: 1 });
    const grid = await loginAs(f.app, 'grid');
    const { payload, headers } = multipartFile('x.xlsx', await xlsxOf([['姓名', '证件号码']]));
    expect((await f.app.inject({ method: 'POST', url: '/api/v1/screening/imports', headers: { ...headers, cookie: grid }, payload })).statusCode)
      .toBe(403);
  },
  'GET /api/v1/screening/imports': async (f) => {
    const { importId } = await duobaImport(f);
    const list = (await f.app.inject({ url: '/api/v1/screening/imports', headers: { cookie: f.outsider } })).json();
    expect(list.map((i: { id: string }) => i.id)).not.toContain(importId);
  },
  'GET /api/v1/screening/imports/{id}': async (f) => {
    const { importId } = await duobaImport(f);
    refused((await f.app.inject({ url: `/api/v1/screening/imports/${importId}`, headers: { cookie: f.outsider } })).statusCode);
  },
  'GET /api/v1/screening/imports/{id}/unmatched': async (f) => {
    const { importId } = await duobaImport(f);
    refused((await f.app.inject({ url: `/api/v1/screening/imports/${importId}/unmatched`, headers: { cookie: f.outsider } })).statusCode);
  },
  'POST /api/v1/screening/unmatched/{id}/resolve': async (f) => {
    const { unmatchedId } = await duobaImport(f);
    refused((await f.app.inject({ method: 'POST', url: `/api/v1/screening/unmatched/${unmatchedId}/resolve`, headers: { cookie: f.outsider },
      payload: { outcome: 'not_here' } })).statusCode);
  },
};
