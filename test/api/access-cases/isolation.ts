import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { signedIn } from '../../support/http.js';
import { makeIdNumber } from '../../../src/shared/validators/index.js';
import { DUOBA, DUOBA_GRID, refused, type Cases, type Fixture } from './fixture.js';

/** Buildings of 多巴镇's first grid in the small demo district: 丽景家园1号楼, 2号楼, 3号楼. */
export const DUOBA_BUILDINGS = ['630106105001001002', '630106105001001003', '630106105001001004'] as const;

let serial = Math.floor(Math.random() * 500);

/** Registers a resident (with a phone) through the API as the 多巴镇 cadre; returns the person's id. */
export async function newPerson(app: FastifyInstance, cookie: string, regionCode: string = DUOBA_GRID): Promise<{ id: string; idNumber: string }> {
  for (;;) {
    const seq = serial++;
    const idNumber = makeIdNumber('630122', `19${60 + (seq % 40)}-0${1 + (seq % 9)}-2${seq % 8}`, 100 + (seq % 800));
    const res = await app.inject({ method: 'POST', url: '/api/v1/people', headers: { cookie }, payload: {
      docNumber: idNumber, name: `隔离${'甲乙丙丁戊己庚辛壬癸'[seq % 10]}${'子丑寅卯辰巳午未申酉戌亥'[Math.floor(seq / 10) % 12]}`, regionCode,
      phone: `138${String(20_000_000 + seq).slice(-8)}` } });
    if (res.statusCode === 409) continue;
    if (res.statusCode !== 201) throw new Error(`person: ${res.statusCode} ${res.body}`);
    return { id: res.json().id, idNumber };
  }
}

/** An isolation site in a region with a run of rooms, made through the API. */
export async function newSite(app: FastifyInstance, cookie: string, opts: { regionCode?: string; rooms?: number; beds?: number; name?: string } = {}) {
  const site = await app.inject({ method: 'POST', url: '/api/v1/isolation/sites', headers: { cookie }, payload: {
    name: opts.name ?? `隔离酒店${serial++}`, kind: 'hotel', regionCode: opts.regionCode ?? DUOBA, address: '多巴镇通海路1号', contact: '前台 0971-1234567' } });
  if (site.statusCode !== 201) throw new Error(`site: ${site.statusCode} ${site.body}`);
  const id = site.json().id as string;
  if (opts.rooms) {
    const rooms = await app.inject({ method: 'POST', url: `/api/v1/isolation/sites/${id}/rooms`, headers: { cookie },
      payload: { from: 301, to: 300 + opts.rooms, beds: opts.beds ?? 1 } });
    if (rooms.statusCode !== 201) throw new Error(`rooms: ${rooms.statusCode} ${rooms.body}`);
  }
  return id;
}

/** Days before today, as an instant in the middle of that local day (China time). */
export function daysAgo(n: number): string {
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  return new Date(Date.parse(`${today}T12:00:00+08:00`) - n * 86_400_000).toISOString();
}

/** What the access cases share: a site of 多巴镇 with a placement, a high zone on a building, its pending proposal. */
interface IsolationWorld {
  siteId: string;
  roomId: string;
  placementId: string;
  zoneId: string;
  proposalId: string;
  commander: string;
}
const worlds = new WeakMap<FastifyInstance, Promise<IsolationWorld>>();

function isolationWorld(f: Fixture): Promise<IsolationWorld> {
  let p = worlds.get(f.app);
  if (!p) {
    p = (async () => {
      const siteId = await newSite(f.app, f.owner, { rooms: 3 });
      const detail = (await f.app.inject({ url: `/api/v1/isolation/sites/${siteId}`, headers: { cookie: f.owner } })).json();
      const person = await newPerson(f.app, f.owner);
      const placed = await f.app.inject({ method: 'POST', url: '/api/v1/isolation/placements', headers: { cookie: f.owner },
        payload: { personId: person.id, siteId, roomId: detail.roomList[0].id, expectedReleaseOn: null } });
      const commander = await signedIn(f.app, 'commander');
      const zone = await f.app.inject({ method: 'POST', url: '/api/v1/isolation/zones', headers: { cookie: commander },
        payload: { name: '丽景家园3号楼', level: 'high', buildingCodes: [DUOBA_BUILDINGS[2]], decisionNo: '湟防指〔2022〕99号', decidedAt: daysAgo(2) } });
      const proposal = await f.app.inject({ method: 'POST', url: `/api/v1/isolation/zones/${zone.json().id}/proposals`, headers: { cookie: commander },
        payload: {} });
      return { siteId, roomId: detail.roomList[1].id, placementId: placed.json().id, zoneId: zone.json().id, proposalId: proposal.json().id, commander };
    })();
    worlds.set(f.app, p);
  }
  return p;
}

const status = async (f: Fixture, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, cookie = f.outsider) =>
  (await f.app.inject({ method, url, headers: { cookie }, payload })).statusCode;

/**
 * Access cases for isolation. Sites and zones are seen in their region's scope; placements by the
 * people's region; the 鲁沙尔镇 cadre is refused 多巴镇's. Zone decisions need zones.manage (leads,
 * commander) or zones.approve (commander): a township cadre is refused them whatever the region.
 */
export const ISOLATION_CASES: Cases = {
  'GET /api/v1/isolation/sites': async (f) => {
    const { siteId } = await isolationWorld(f);
    refused(await status(f, 'GET', `/api/v1/isolation/sites?region=${DUOBA}`));
    const own = (await f.app.inject({ url: '/api/v1/isolation/sites', headers: { cookie: f.outsider } })).json();
    expect(own.items.map((s: { id: string }) => s.id)).not.toContain(siteId);
  },
  'POST /api/v1/isolation/sites': async (f) =>
    refused(await status(f, 'POST', '/api/v1/isolation/sites', { name: '越权酒店', kind: 'hotel', regionCode: DUOBA })),
  'GET /api/v1/isolation/sites/{id}': async (f) =>
    refused(await status(f, 'GET', `/api/v1/isolation/sites/${(await isolationWorld(f)).siteId}`)),
  'PATCH /api/v1/isolation/sites/{id}': async (f) =>
    refused(await status(f, 'PATCH', `/api/v1/isolation/sites/${(await isolationWorld(f)).siteId}`, { name: '改名' })),
  'POST /api/v1/isolation/sites/{id}/rooms': async (f) =>
    refused(await status(f, 'POST', `/api/v1/isolation/sites/${(await isolationWorld(f)).siteId}/rooms`, { from: 901, to: 902, beds: 1 })),
  'PATCH /api/v1/isolation/rooms/{id}': async (f) =>
    refused(await status(f, 'PATCH', `/api/v1/isolation/rooms/${(await isolationWorld(f)).roomId}`, { beds: 3 })),
  'GET /api/v1/isolation/placements': async (f) => {
    const { placementId } = await isolationWorld(f);
    refused(await status(f, 'GET', `/api/v1/isolation/placements?region=${DUOBA}`));
    const own = (await f.app.inject({ url: '/api/v1/isolation/placements', headers: { cookie: f.outsider } })).json();
    expect(own.items.map((p: { id: string }) => p.id)).not.toContain(placementId);
  },
  'POST /api/v1/isolation/placements': async (f) => {
    const { siteId } = await isolationWorld(f);
    // Their own resident into 多巴镇's site, and 多巴镇's resident anywhere: both refused.
    const mine = await newPerson(f.app, f.outsider, '630106102001001');
    refused(await status(f, 'POST', '/api/v1/isolation/placements', { personId: mine.id, siteId, expectedReleaseOn: null }));
    refused(await status(f, 'POST', '/api/v1/isolation/placements', { personId: f.personId, siteId, expectedReleaseOn: null }));
  },
  'POST /api/v1/isolation/placements/{id}/transfer': async (f) => {
    const { placementId, siteId } = await isolationWorld(f);
    refused(await status(f, 'POST', `/api/v1/isolation/placements/${placementId}/transfer`, { siteId, reason: '越权转运' }));
  },
  'POST /api/v1/isolation/placements/{id}/release': async (f) =>
    refused(await status(f, 'POST', `/api/v1/isolation/placements/${(await isolationWorld(f)).placementId}/release`, { reason: 'released' })),
  'GET /api/v1/isolation/people/{id}/placements': async (f) =>
    refused(await status(f, 'GET', `/api/v1/isolation/people/${f.personId}/placements`)),
  'GET /api/v1/isolation/zones': async (f) => {
    const { zoneId } = await isolationWorld(f);
    refused(await status(f, 'GET', `/api/v1/isolation/zones?region=${DUOBA}`));
    const own = (await f.app.inject({ url: '/api/v1/isolation/zones', headers: { cookie: f.outsider } })).json();
    expect(own.map((z: { id: string }) => z.id)).not.toContain(zoneId);
  },
  'POST /api/v1/isolation/zones': async (f) =>
    refused(await status(f, 'POST', '/api/v1/isolation/zones', { name: '越权划定', level: 'high', regionCode: '630106102001', decisionNo: '无权1号' })),
  'GET /api/v1/isolation/zones/{id}': async (f) =>
    refused(await status(f, 'GET', `/api/v1/isolation/zones/${(await isolationWorld(f)).zoneId}`)),
  'POST /api/v1/isolation/zones/{id}/level': async (f) =>
    refused(await status(f, 'POST', `/api/v1/isolation/zones/${(await isolationWorld(f)).zoneId}/level`,
      { action: 'lift', decisionNo: '无权2号', reason: '越权解除' })),
  'POST /api/v1/isolation/zones/{id}/proposals': async (f) =>
    refused(await status(f, 'POST', `/api/v1/isolation/zones/${(await isolationWorld(f)).zoneId}/proposals`, {})),
  'GET /api/v1/isolation/proposals': async (f) => {
    const { proposalId } = await isolationWorld(f);
    const own = (await f.app.inject({ url: '/api/v1/isolation/proposals', headers: { cookie: f.outsider } })).json();
    expect(own.map((p: { id: string }) => p.id)).not.toContain(proposalId);
  },
  'POST /api/v1/isolation/proposals/{id}/approve': async (f) =>
    refused(await status(f, 'POST', `/api/v1/isolation/proposals/${(await isolationWorld(f)).proposalId}/approve`, { decisionNo: '无权3号' })),
  'POST /api/v1/isolation/proposals/{id}/reject': async (f) => {
    const { proposalId } = await isolationWorld(f);
    refused(await status(f, 'POST', `/api/v1/isolation/proposals/${proposalId}/reject`, { reason: '越权驳回' }));
    // A workstream lead runs the zones but does not decide downgrades either.
    const lead = await signedIn(f.app, 'testing_lead');
    refused(await status(f, 'POST', `/api/v1/isolation/proposals/${proposalId}/reject`, { reason: '越权驳回' }, lead));
  },
  'POST /api/v1/isolation/zones/restore-routine': async (f) =>
    refused(await status(f, 'POST', '/api/v1/isolation/zones/restore-routine', { decisionNo: '无权4号' })),
  'POST /api/v1/isolation/zones/daily-run': async (f) =>
    refused(await status(f, 'POST', '/api/v1/isolation/zones/daily-run', {})),
  'GET /api/v1/isolation/zones/published': async (f) => {
    const market = await signedIn(f.app, 'market');
    refused(await status(f, 'GET', '/api/v1/isolation/zones/published', undefined, market));
  },
  'GET /api/v1/isolation/zone-level': async (f) => {
    const market = await signedIn(f.app, 'market');
    refused(await status(f, 'GET', `/api/v1/isolation/zone-level?region=${DUOBA_BUILDINGS[2]}&date=2022-09-01`, undefined, market));
  },
  'GET /api/v1/isolation/summary': async (f) => {
    await isolationWorld(f);
    const own = (await f.app.inject({ url: '/api/v1/isolation/summary', headers: { cookie: f.outsider } })).json();
    const owner = (await f.app.inject({ url: '/api/v1/isolation/summary', headers: { cookie: f.owner } })).json();
    expect(owner.occupied).toBeGreaterThan(0);
    expect(own.zonesByLevel.high).toBe(0);
    const market = await signedIn(f.app, 'market');
    refused(await status(f, 'GET', '/api/v1/isolation/summary', undefined, market));
  },
};
