import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { ulid } from 'ulidx';
import { loginAs } from '../../support/http.js';
import { makeIdNumber } from '../../../src/shared/validators/index.js';
import { DUOBA, DUOBA_GRID, refused, type Cases, type Fixture } from './fixture.js';

/**
 * A small testing world built through the HTTP API, for the results tests and the access cases:
 * an open round over 多巴镇, sites with the demo sampler, people registered in a grid, two labs
 * (the demo lab account works for the first), and tubes filled and sealed.
 */
export interface ResultsWorld {
  app: FastifyInstance;
  cookies: Record<'lead' | 'commander' | 'admin' | 'lab' | 'lab2' | 'sampler' | 'duoba' | 'lushaer' | 'grid' | 'community', string>;
  roundId: string;
  labA: string;
  labB: string;
  samplerId: string;
  /** A site in 多巴镇 with 10-in-1 tubes (low-risk zone) and one with single tubes (high-risk zone). */
  pooledSite: string;
  singleSite: string;
}

let serial = 0;
const unique = () => `${Date.now().toString(36)}${(serial++).toString(36)}`.toUpperCase();

async function ok<T>(res: { statusCode: number; body: string; json(): T }, ...expected: number[]): Promise<T> {
  if (!(expected.length ? expected : [200, 201]).includes(res.statusCode)) {
    throw new Error(`unexpected ${res.statusCode}: ${res.body}`);
  }
  return res.json();
}

export async function buildWorld(app: FastifyInstance): Promise<ResultsWorld> {
  const names = ['testing_lead', 'commander', 'admin', 'lab', 'sampler', 'duoba', 'lushaer', 'grid', 'community'] as const;
  const signed = await Promise.all(names.map((n) => loginAs(app, n)));
  const c = Object.fromEntries(names.map((n, i) => [n === 'testing_lead' ? 'lead' : n, signed[i]])) as ResultsWorld['cookies'];
  const get = (url: string, cookie: string) => app.inject({ url, headers: { cookie } });
  const post = (url: string, cookie: string, payload: object) => app.inject({ method: 'POST', url, headers: { cookie }, payload });

  const labs = await ok<{ items: { id: string; name: string }[] }>(await get('/api/v1/organizations?kind=lab&pageSize=200', c.commander));
  const labA = labs.items.find((o) => o.name === '湟中区疾病预防控制中心实验室')!.id;
  const labB = (await ok<{ id: string }>(await post('/api/v1/organizations', c.commander,
    { name: `第二检测机构${unique()}`, kind: 'lab', regionCode: '630106' }))).id;
  const users = await ok<{ id: string; username: string }[]>(await get('/api/v1/users?search=lab', c.admin));
  const labUser = users.find((u) => u.username === 'lab')!;
  await ok(await app.inject({ method: 'PATCH', url: `/api/v1/users/${labUser.id}`, headers: { cookie: c.admin },
    payload: { organizationId: labA } }));
  const lab2 = `lab2_${unique().toLowerCase()}`;
  await ok(await post('/api/v1/users', c.admin, { username: lab2, password: 'anning2022', displayName: '第二检测机构', role: 'lab',
    organizationId: labB, scopes: [{ code: '630106' }] }));
  c.lab = await loginAs(app, 'lab');
  c.lab2 = await loginAs(app, lab2);
  const samplerId = (await ok<{ id: string; username: string }[]>(await get('/api/v1/users?search=sampler', c.admin)))
    .find((u) => u.username === 'sampler')!.id;

  const now = Date.now();
  const round = await ok<{ id: string; status: string }>(await post('/api/v1/testing/rounds', c.lead, { name: `多巴镇全员核酸${unique()}`,
    regionCodes: [DUOBA], startsAt: new Date(now - 3_600_000).toISOString(), endsAt: new Date(now + 23 * 3_600_000).toISOString() }));
  if (round.status === 'planned') await ok(await post(`/api/v1/testing/rounds/${round.id}/status`, c.lead, { to: 'open' }));
  const site = async (zoneLevel: string) => {
    const s = await ok<{ id: string }>(await post('/api/v1/testing/sites', c.lead,
      { name: `采样点${unique()}`, regionCode: DUOBA_GRID, zoneLevel }));
    await ok(await post(`/api/v1/testing/sites/${s.id}/samplers`, c.lead, { userId: samplerId }));
    return s.id;
  };
  return { app, cookies: c, roundId: round.id, labA, labB, samplerId, pooledSite: await site('low'), singleSite: await site('high') };
}

/** Registers people in a grid of 多巴镇 (with phones), returning their ID numbers. */
export async function registerPeople(w: ResultsWorld, n: number, regionCode = DUOBA_GRID): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const seq = serial++;
    const birth = `19${50 + (seq % 45)}-0${1 + (seq % 9)}-1${seq % 10}`;
    const idNumber = makeIdNumber('630122', birth, 100 + (seq % 800));
    const res = await w.app.inject({ method: 'POST', url: '/api/v1/people', headers: { cookie: w.cookies.duoba },
      payload: { docNumber: idNumber, name: `测试${'甲乙丙丁戊己庚辛壬癸'[seq % 10]}${'子丑寅卯辰巳午未申酉戌亥'[Math.floor(seq / 10) % 12]}`,
        regionCode, phone: `139${String(10_000_000 + seq).slice(-8)}`, address: `多巴镇测试路${seq}号` } });
    if (res.statusCode === 409) continue; // the generated number happened to be taken: try the next
    await ok(res);
    ids.push(idNumber);
  }
  while (ids.length < n) ids.push(...await registerPeople(w, n - ids.length, regionCode));
  return ids;
}

/** Opens a tube at a site, swabs the people into it and seals it (a full tube seals itself). */
export async function fillTube(w: ResultsWorld, opts: { site: string; people: string[]; barcode?: string; purpose?: 'round' | 'retest' }):
  Promise<string> {
  const barcode = opts.barcode ?? `T${unique()}`;
  const purpose = opts.purpose ?? 'round';
  await ok(await w.app.inject({ method: 'POST', url: '/api/v1/testing/tubes', headers: { cookie: w.cookies.sampler },
    payload: { barcode, siteId: opts.site, purpose } }));
  for (const idNumber of opts.people) {
    await ok(await w.app.inject({ method: 'POST', url: '/api/v1/testing/scans', headers: { cookie: w.cookies.sampler },
      payload: { id: ulid(), tubeBarcode: barcode, siteId: opts.site, sampledAt: new Date().toISOString(), subject: { idNumber }, purpose,
        // A member swabbed again the same day for a retest says why (SAMPLED_TODAY otherwise).
        ...(purpose === 'retest' ? { repeatReason: '混管阳性单管复核' } : {}) } }));
  }
  const tube = await ok<{ status: string }>(await w.app.inject({ url: `/api/v1/testing/tubes/${encodeURIComponent(barcode)}`,
    headers: { cookie: w.cookies.sampler } }));
  if (tube.status === 'open') {
    await ok(await w.app.inject({ method: 'POST', url: `/api/v1/testing/tubes/${encodeURIComponent(barcode)}/seal`,
      headers: { cookie: w.cookies.sampler }, payload: {} }));
  }
  return barcode;
}

/** An open tube that has a swab but was never sealed. */
export async function openTubeWith(w: ResultsWorld, site: string, idNumber: string): Promise<string> {
  const barcode = `O${unique()}`;
  await ok(await w.app.inject({ method: 'POST', url: '/api/v1/testing/tubes', headers: { cookie: w.cookies.sampler },
    payload: { barcode, siteId: site } }));
  await ok(await w.app.inject({ method: 'POST', url: '/api/v1/testing/scans', headers: { cookie: w.cookies.sampler },
    payload: { id: ulid(), tubeBarcode: barcode, siteId: site, sampledAt: new Date().toISOString(), subject: { idNumber } } }));
  return barcode;
}

/** A lab token made by the testing lead. */
export async function labToken(w: ResultsWorld, labId: string): Promise<{ id: string; token: string }> {
  return ok<{ id: string; token: string }>(await w.app.inject({ method: 'POST', url: '/api/v1/testing/lab-tokens', headers: { cookie: w.cookies.lead },
    payload: { labId, label: `LIS ${unique()}` } }));
}

export async function postResults(w: ResultsWorld, token: string, results: object[]) {
  return w.app.inject({ method: 'POST', url: '/api/v1/testing/lab/results', headers: { authorization: `Bearer ${token}` },
    payload: { results } });
}

export function uniqueBarcode(prefix = 'B'): string {
  return `${prefix}${unique()}`;
}

/** A positive 10-in-1 tube of 多巴镇 and its incident; a bag of sealed tubes; a lab token: built once per app. */
interface AccessWorld {
  w: ResultsWorld;
  incidentId: string;
  bagId: string;
  tokenId: string;
  tokenA: string;
  resultBarcode: string;
  handoverBag: string;
  receiveBag: string;
}
const worlds = new WeakMap<FastifyInstance, Promise<AccessWorld>>();

export function accessWorld(app: FastifyInstance): Promise<AccessWorld> {
  let p = worlds.get(app);
  if (!p) {
    p = (async () => {
      const w = await buildWorld(app);
      const people = await registerPeople(w, 12);
      const positive = await fillTube(w, { site: w.pooledSite, people: people.slice(0, 10) });
      const a = await fillTube(w, { site: w.singleSite, people: [people[10]] });
      const b = await fillTube(w, { site: w.singleSite, people: [people[11]] });
      const token = await labToken(w, w.labA);
      await ok(await postResults(w, token.token, [{ barcode: positive, result: '阳性' }]));
      const incidents = await ok<{ items: { id: string }[] }>(await app.inject({ url: '/api/v1/testing/incidents',
        headers: { cookie: w.cookies.duoba } }));
      const pack = async (tube: string) => (await ok<{ id: string; barcode: string }>(await app.inject({ method: 'POST',
        url: '/api/v1/testing/bags', headers: { cookie: w.cookies.sampler },
        payload: { barcode: uniqueBarcode('BAG'), siteId: w.singleSite, labId: w.labA, tubes: [tube] } })));
      const bagA = await pack(a);
      const bagB = await pack(b);
      await ok(await app.inject({ method: 'POST', url: '/api/v1/testing/bags/handover', headers: { cookie: w.cookies.sampler },
        payload: { barcode: bagB.barcode, carrier: '转运员', count: 1 } }));
      return { w, incidentId: incidents.items[0].id, bagId: bagA.id, tokenId: token.id, tokenA: token.token, resultBarcode: positive,
        handoverBag: bagA.barcode, receiveBag: bagB.barcode };
    })();
    worlds.set(app, p);
  }
  return p;
}

const inject = (f: Fixture, method: 'GET' | 'POST', url: string, cookie: string, payload?: object) =>
  f.app.inject({ method, url, headers: { cookie }, payload });

/** Access cases for the testing module's results endpoints (transport, results, lab tokens, incidents). */
export const TESTING_RESULTS_CASES: Cases = {
  'GET /api/v1/testing/bags': async (f) => {
    const { bagId } = await accessWorld(f.app);
    const page = (await inject(f, 'GET', '/api/v1/testing/bags', f.outsider)).json();
    expect(page.items.map((b: { id: string }) => b.id)).not.toContain(bagId);
  },
  'GET /api/v1/testing/bags/{id}': async (f) => {
    const { bagId, w } = await accessWorld(f.app);
    refused((await inject(f, 'GET', `/api/v1/testing/bags/${bagId}`, f.outsider)).statusCode);
    // A lab sees only bags addressed to it.
    refused((await inject(f, 'GET', `/api/v1/testing/bags/${bagId}`, w.cookies.lab2)).statusCode);
  },
  'POST /api/v1/testing/bags': async (f) => {
    const { w } = await accessWorld(f.app);
    refused((await inject(f, 'POST', '/api/v1/testing/bags', f.outsider,
      { barcode: uniqueBarcode(), siteId: w.singleSite, labId: w.labA, tubes: ['T0000'] })).statusCode);
  },
  'POST /api/v1/testing/bags/handover': async (f) => {
    const { handoverBag } = await accessWorld(f.app);
    refused((await inject(f, 'POST', '/api/v1/testing/bags/handover', f.outsider,
      { barcode: handoverBag, carrier: 'x', count: 1 })).statusCode);
  },
  'POST /api/v1/testing/bags/receive': async (f) => {
    const { receiveBag, w } = await accessWorld(f.app);
    refused((await inject(f, 'POST', '/api/v1/testing/bags/receive', f.outsider, { barcode: receiveBag, count: 1 })).statusCode);
    // The bag is addressed to lab A: lab B may not receive it.
    const other = await inject(f, 'POST', '/api/v1/testing/bags/receive', w.cookies.lab2, { barcode: receiveBag, count: 1 });
    expect(other.json().error.code).toBe('BAG_OTHER_LAB');
  },
  'POST /api/v1/testing/lab/results': async (f) => {
    const { w, resultBarcode } = await accessWorld(f.app);
    // A token of another lab is refused for lab A's tube; no token at all is a 401.
    const tokenB = await labToken(w, w.labB);
    const res = await postResults(w, tokenB.token, [{ barcode: resultBarcode, result: 'positive' }]);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.rows[0].code).toBe('TUBE_OTHER_LAB');
    expect((await inject(f, 'POST', '/api/v1/testing/lab/results', f.outsider,
      { results: [{ barcode: resultBarcode, result: 'negative' }] })).statusCode).toBe(401);
  },
  'POST /api/v1/testing/results/upload': async (f) => {
    const res = await f.app.inject({ method: 'POST', url: '/api/v1/testing/results/upload',
      headers: { cookie: f.outsider, 'content-type': 'multipart/form-data; boundary=x' }, payload: '--x--\r\n' });
    refused(res.statusCode);
  },
  'GET /api/v1/testing/results': async (f) => {
    const { resultBarcode, w } = await accessWorld(f.app);
    refused((await inject(f, 'GET', `/api/v1/testing/results?barcode=${resultBarcode}`, f.outsider)).statusCode);
    refused((await inject(f, 'GET', `/api/v1/testing/results?barcode=${resultBarcode}`, w.cookies.lab2)).statusCode);
  },
  'POST /api/v1/testing/results/corrections': async (f) => {
    const { resultBarcode, w } = await accessWorld(f.app);
    const body = { barcode: resultBarcode, result: 'negative', reason: '复核更正' };
    refused((await inject(f, 'POST', '/api/v1/testing/results/corrections', f.outsider, body)).statusCode);
    refused((await inject(f, 'POST', '/api/v1/testing/results/corrections', w.cookies.lab2, body)).statusCode);
  },
  'GET /api/v1/testing/lab-tokens': async (f) => {
    refused((await inject(f, 'GET', '/api/v1/testing/lab-tokens', f.outsider)).statusCode);
  },
  'POST /api/v1/testing/lab-tokens': async (f) => {
    const { w } = await accessWorld(f.app);
    refused((await inject(f, 'POST', '/api/v1/testing/lab-tokens', f.outsider, { labId: w.labA, label: 'x' })).statusCode);
    refused((await inject(f, 'POST', '/api/v1/testing/lab-tokens', w.cookies.lab, { labId: w.labA, label: 'x' })).statusCode);
  },
  'POST /api/v1/testing/lab-tokens/{id}/revoke': async (f) => {
    const { tokenId } = await accessWorld(f.app);
    refused((await inject(f, 'POST', `/api/v1/testing/lab-tokens/${tokenId}/revoke`, f.outsider, {})).statusCode);
  },
  'GET /api/v1/testing/incidents': async (f) => {
    const { incidentId } = await accessWorld(f.app);
    const owner = (await inject(f, 'GET', '/api/v1/testing/incidents', f.owner)).json();
    expect(owner.items.map((i: { id: string }) => i.id)).toContain(incidentId);
    const page = (await inject(f, 'GET', '/api/v1/testing/incidents', f.outsider)).json();
    expect(page.items.map((i: { id: string }) => i.id)).not.toContain(incidentId);
  },
  'GET /api/v1/testing/incidents/{id}': async (f) => {
    const { incidentId } = await accessWorld(f.app);
    refused((await inject(f, 'GET', `/api/v1/testing/incidents/${incidentId}`, f.outsider)).statusCode);
  },
  'POST /api/v1/testing/incidents/{id}/notified': async (f) => {
    const { incidentId } = await accessWorld(f.app);
    refused((await inject(f, 'POST', `/api/v1/testing/incidents/${incidentId}/notified`, f.outsider, {})).statusCode);
  },
  'POST /api/v1/testing/incidents/{id}/close': async (f) => {
    const { incidentId } = await accessWorld(f.app);
    refused((await inject(f, 'POST', `/api/v1/testing/incidents/${incidentId}/close`, f.outsider, { reason: '越权结案' })).statusCode);
    // A township cadre of the incident's own township may not close it either: closing is the workstream's.
    refused((await inject(f, 'POST', `/api/v1/testing/incidents/${incidentId}/close`, f.owner, { reason: '越权结案' })).statusCode);
  },
};
