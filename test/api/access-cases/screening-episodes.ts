import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { refused, type Cases, type Fixture } from './fixture.js';

/** One close contact of 多巴镇 (opened by its township cadre) per app, for the cases below. */
const episodes = new WeakMap<FastifyInstance, Promise<{ id: string; testId: string }>>();
function episodeOf(f: Fixture): Promise<{ id: string; testId: string }> {
  let p = episodes.get(f.app);
  if (!p) {
    p = (async () => {
      const res = await f.app.inject({ method: 'POST', url: '/api/v1/screening/episodes', headers: { cookie: f.owner },
        payload: { personId: f.personId, category: 'CLOSE_CONTACT', anchorDate: '2022-08-20' } });
      expect(res.statusCode, res.body).toBe(200);
      return { id: res.json().id, testId: res.json().testList[0].id };
    })();
    episodes.set(f.app, p);
  }
  return p;
}

const post = (f: Fixture, url: string, cookie: string, payload: object = {}) => f.app.inject({ method: 'POST', url, headers: { cookie }, payload });

/** Managed people: 鲁沙尔镇's cadre is refused everything of 多巴镇; roles without the permission are refused too. */
export const SCREENING_EPISODE_CASES: Cases = {
  'POST /api/v1/screening/episodes': async (f) => {
    refused((await post(f, '/api/v1/screening/episodes', f.outsider,
      { personId: f.personId, category: 'CLOSE_CONTACT', anchorDate: '2022-08-20' })).statusCode);
  },
  'GET /api/v1/screening/episodes': async (f) => {
    await episodeOf(f);
    const res = await f.app.inject({ url: '/api/v1/screening/episodes', headers: { cookie: f.outsider } });
    expect(res.json().total).toBe(0);
    refused((await f.app.inject({ url: '/api/v1/screening/episodes?region=630106105', headers: { cookie: f.outsider } })).statusCode);
  },
  'GET /api/v1/screening/episodes/{id}': async (f) => {
    const { id } = await episodeOf(f);
    refused((await f.app.inject({ url: `/api/v1/screening/episodes/${id}`, headers: { cookie: f.outsider } })).statusCode);
  },
  'POST /api/v1/screening/episodes/{id}/team': async (f) => {
    const { id } = await episodeOf(f);
    refused((await f.app.inject({ method: 'POST', url: `/api/v1/screening/episodes/${id}/team`, headers: { cookie: f.outsider },
      payload: { role: 'doctor', name: '外乡医生' } })).statusCode);
  },
  'POST /api/v1/screening/episodes/{id}/health-checks': async (f) => {
    const { id } = await episodeOf(f);
    refused((await post(f, `/api/v1/screening/episodes/${id}/health-checks`, f.outsider, { period: 'morning', temperature: 36.5 })).statusCode);
  },
  'POST /api/v1/screening/episodes/{id}/tests/{testId}/result': async (f) => {
    const { id, testId } = await episodeOf(f);
    refused((await post(f, `/api/v1/screening/episodes/${id}/tests/${testId}/result`, f.outsider,
      { result: 'negative', sampledAt: '2022-08-21T02:00:00.000Z', reportRef: 'R1' })).statusCode);
  },
  'POST /api/v1/screening/episodes/{id}/release': async (f) => {
    const { id } = await episodeOf(f);
    refused((await post(f, `/api/v1/screening/episodes/${id}/release`, f.outsider)).statusCode);
    // (In scope, a grid worker may not confirm a release: test/api/screening-episodes.test.ts, without spending a login here.)
  },
  'POST /api/v1/screening/episodes/{id}/close': async (f) => {
    const { id } = await episodeOf(f);
    refused((await post(f, `/api/v1/screening/episodes/${id}/close`, f.outsider, { reason: '外乡关闭' })).statusCode);
  },
  'POST /api/v1/screening/plan-moves': async (f) => {
    const payload = { fromRuleSet: 'NINTH_EDITION', toRuleSet: 'TWENTY_MEASURES', decisionNo: '湟疫指〔2022〕99号', decidedOn: '2022-11-11' };
    expect((await post(f, '/api/v1/screening/plan-moves', f.owner, payload)).statusCode).toBe(403);
    expect((await post(f, '/api/v1/screening/plan-moves', f.outsider, payload)).statusCode).toBe(403);
  },
  // The headquarters' decisions themselves (number, date, plans, counts) are no one's personal or regional data.
  'GET /api/v1/screening/plan-moves': 'district-wide',
  'GET /api/v1/screening/summary': async (f) => {
    await episodeOf(f);
    const res = await f.app.inject({ url: '/api/v1/screening/summary', headers: { cookie: f.outsider } });
    expect(res.json().managed).toBe(0);
    const mine = await f.app.inject({ url: '/api/v1/screening/summary', headers: { cookie: f.owner } });
    expect(mine.json().managed).toBeGreaterThan(0);
  },
};
