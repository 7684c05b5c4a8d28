import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { ulid } from 'ulidx';
import { signedIn } from '../../support/http.js';
import { DUOBA, DUOBA_GRID, refused, type Cases, type Fixture } from './fixture.js';

/**
 * Access cases for rounds, sites and sampling. A round over 多巴镇 only, a site there with the demo
 * sampler and an open tube are made once per app by the testing lead; 鲁沙尔镇's cadre (who may view
 * testing in their own township, but neither manage nor sample) must get none of it.
 */
interface World {
  roundId: string;
  siteId: string;
  samplerId: string;
  barcode: string;
}

const worlds = new WeakMap<FastifyInstance, Promise<World>>();

function world(f: Fixture): Promise<World> {
  let w = worlds.get(f.app);
  if (!w) worlds.set(f.app, (w = build(f.app)));
  return w;
}

async function build(app: FastifyInstance): Promise<World> {
  const lead = await signedIn(app, 'testing_lead');
  const sampler = await signedIn(app, 'sampler');
  const post = async (url: string, cookie: string, payload: object) => {
    const res = await app.inject({ method: 'POST', url, headers: { cookie }, payload });
    if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const now = Date.now();
  const round = await post('/api/v1/testing/rounds', lead, { name: '多巴镇专轮', regionCodes: [DUOBA],
    startsAt: new Date(now - 3_600_000).toISOString(), endsAt: new Date(now + 3_600_000).toISOString() });
  const site = await post('/api/v1/testing/sites', lead, { name: '多巴镇访问测试采样点', regionCode: DUOBA_GRID });
  const samplerId = (await app.inject({ url: '/api/v1/auth/me', headers: { cookie: sampler } })).json().id;
  await post(`/api/v1/testing/sites/${site.id}/samplers`, lead, { userId: samplerId });
  const barcode = `ACC-${ulid().slice(-8)}`;
  await post('/api/v1/testing/tubes', sampler, { barcode, siteId: site.id });
  return { roundId: round.id, siteId: site.id, samplerId, barcode };
}

const call = async (f: Fixture, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
  (await f.app.inject({ method, url, headers: { cookie: f.outsider }, payload })).statusCode;

export const TESTING_SAMPLING_CASES: Cases = {
  'GET /api/v1/testing/rounds': async (f) => {
    const { roundId } = await world(f);
    const rounds = (await f.app.inject({ url: '/api/v1/testing/rounds', headers: { cookie: f.outsider } })).json();
    expect(rounds.map((r: { id: string }) => r.id)).not.toContain(roundId);
  },
  'POST /api/v1/testing/rounds': async (f) =>
    refused(await call(f, 'POST', '/api/v1/testing/rounds', { name: '越权轮次', regionCodes: [DUOBA],
      startsAt: new Date().toISOString(), endsAt: new Date(Date.now() + 3_600_000).toISOString() })),
  'GET /api/v1/testing/rounds/{id}': async (f) => refused(await call(f, 'GET', `/api/v1/testing/rounds/${(await world(f)).roundId}`)),
  'POST /api/v1/testing/rounds/{id}/status': async (f) =>
    refused(await call(f, 'POST', `/api/v1/testing/rounds/${(await world(f)).roundId}/status`, { to: 'closed' })),
  'GET /api/v1/testing/plan': async (f) => refused(await call(f, 'GET', `/api/v1/testing/plan?regions=${DUOBA}`)),
  'GET /api/v1/testing/sites': async (f) => {
    const { siteId } = await world(f);
    refused(await call(f, 'GET', `/api/v1/testing/sites?region=${DUOBA}`));
    const own = (await f.app.inject({ url: '/api/v1/testing/sites', headers: { cookie: f.outsider } })).json();
    expect(own.map((s: { id: string }) => s.id)).not.toContain(siteId);
  },
  'POST /api/v1/testing/sites': async (f) =>
    refused(await call(f, 'POST', '/api/v1/testing/sites', { name: '越权采样点', regionCode: DUOBA_GRID })),
  'PATCH /api/v1/testing/sites/{id}': async (f) =>
    refused(await call(f, 'PATCH', `/api/v1/testing/sites/${(await world(f)).siteId}`, { status: 'closed' })),
  'POST /api/v1/testing/sites/{id}/samplers': async (f) => {
    const w = await world(f);
    refused(await call(f, 'POST', `/api/v1/testing/sites/${w.siteId}/samplers`, { userId: w.samplerId }));
  },
  'DELETE /api/v1/testing/sites/{id}/samplers/{userId}': async (f) => {
    const w = await world(f);
    refused(await call(f, 'DELETE', `/api/v1/testing/sites/${w.siteId}/samplers/${w.samplerId}`));
  },
  'GET /api/v1/testing/samplers': async (f) => refused(await call(f, 'GET', `/api/v1/testing/samplers?region=${DUOBA}`)),
  'GET /api/v1/testing/my-sites': async (f) => refused(await call(f, 'GET', '/api/v1/testing/my-sites')),
  'POST /api/v1/testing/tubes': async (f) =>
    refused(await call(f, 'POST', '/api/v1/testing/tubes', { barcode: `X-${ulid().slice(-8)}`, siteId: (await world(f)).siteId })),
  'GET /api/v1/testing/tubes/{barcode}': async (f) => refused(await call(f, 'GET', `/api/v1/testing/tubes/${(await world(f)).barcode}`)),
  'POST /api/v1/testing/tubes/{barcode}/seal': async (f) =>
    refused(await call(f, 'POST', `/api/v1/testing/tubes/${(await world(f)).barcode}/seal`, {})),
  'POST /api/v1/testing/scans': async (f) => {
    const w = await world(f);
    refused(await call(f, 'POST', '/api/v1/testing/scans', { id: ulid(), tubeBarcode: w.barcode, siteId: w.siteId,
      sampledAt: new Date().toISOString(), subject: { idNumber: '630122199001011234' } }));
  },
  'POST /api/v1/testing/scans/batch': async (f) => {
    const w = await world(f);
    refused(await call(f, 'POST', '/api/v1/testing/scans/batch', { scans: [{ id: ulid(), tubeBarcode: w.barcode, siteId: w.siteId,
      sampledAt: new Date().toISOString(), subject: { idNumber: '630122199001011234' } }] }));
  },
};
