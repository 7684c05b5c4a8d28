import { monotonicFactory } from 'ulidx';
import { makeIdNumber } from '../../src/shared/validators/index.js';
import { apiSession, firstDescendants } from './helpers.js';

type Api = Awaited<ReturnType<typeof apiSession>>;

/** Sends JSON and returns the parsed answer; a refusal fails the set-up with the server's words. */
export async function call<T>(api: Api, method: string, path: string, body?: unknown): Promise<T> {
  const res = await api(path, {
    method,
    headers: body === undefined ? undefined : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

export interface Resident {
  name: string;
  idNumber: string;
  phone: string;
  address: string;
}

export interface TestingScene {
  township: { code: string; name: string };
  community: { code: string; name: string };
  grid: { code: string; name: string };
  roundId: string;
  roundName: string;
  siteId: string;
  labId: string;
  residents: Resident[];
  sampler: Api;
  lead: Api;
}

const NAMES = ['马海燕', '祁建国', '李秀英', '韩永福', '赵永花', '谭江波', '冶玉兰', '鲁成林', '星占元', '王桂芳'];
const ulid = monotonicFactory();

/** `张*三` as the server masks a name. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return name;
  if (chars.length === 2) return `${chars[0]}*`;
  return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
}

/**
 * Through the API, as the people who do it: ten residents entered by the township (known ID numbers),
 * a round over the township opened by the testing lead, a site in the community with the demo sampler
 * on it, and the lab account linked to a lab if the seed left it unlinked.
 */
export async function testingScene(baseUrl: string, tag: string): Promise<TestingScene> {
  const [duoba, lead, sampler, admin] = await Promise.all(['duoba', 'testing_lead', 'sampler', 'admin'].map((u) => apiSession(baseUrl, u)));
  const [township, community, grid] = await firstDescendants(duoba, 2);

  const residents: Resident[] = NAMES.map((name, i) => ({
    name,
    idNumber: makeIdNumber('630122', `19${70 + i}-0${(i % 9) + 1}-2${i % 8}`, 700 + i + tag.length * 10),
    phone: `1380971${String(2000 + i).padStart(4, '0')}`,
    address: `${tag}小区${i + 1}号楼${i + 1}单元`,
  }));
  for (const r of residents) {
    await call(duoba, 'POST', '/people', {
      docType: 'resident_id', docNumber: r.idNumber, name: r.name, phone: r.phone, regionCode: grid.code, address: r.address, tags: [],
    });
  }

  const now = Date.now();
  const roundName = `${township.name}全员核酸（${tag}）`;
  const round = await call<{ id: string; status: string }>(lead, 'POST', '/testing/rounds', {
    name: roundName, regionCodes: [township.code],
    startsAt: new Date(now - 3_600_000).toISOString(), endsAt: new Date(now + 23 * 3_600_000).toISOString(),
  });
  // A round whose window has begun opens at once.
  if (round.status !== 'open') await call(lead, 'POST', `/testing/rounds/${round.id}/status`, { to: 'open' });

  const site = await call<{ id: string }>(lead, 'POST', '/testing/sites', {
    name: `${community.name}${tag}采样点`, regionCode: community.code, zoneLevel: 'low', tableCount: 2,
  });
  const me = await call<{ id: string }>(sampler, 'GET', '/auth/me');
  await call(lead, 'POST', `/testing/sites/${site.id}/samplers`, { userId: me.id });

  const labs = await call<{ items: { id: string; name: string }[] }>(admin, 'GET', '/organizations?kind=lab');
  const users = await call<{ id: string; username: string; organizationId: string | null }[]>(admin, 'GET', '/users?search=lab');
  const labUser = users.find((u) => u.username === 'lab')!;
  let labId = labUser.organizationId;
  if (!labId || !labs.items.some((l) => l.id === labId)) {
    labId = labs.items[0].id;
    await call(admin, 'PATCH', `/users/${labUser.id}`, { organizationId: labId });
  }

  return { township, community, grid, roundId: round.id, roundName, siteId: site.id, labId, residents, sampler, lead };
}

/** The sampler opens a tube and swabs these residents into it (a full tube seals itself). */
export async function fillTube(scene: TestingScene, barcode: string, people: Resident[]): Promise<void> {
  await call(scene.sampler, 'POST', '/testing/tubes', { barcode, siteId: scene.siteId });
  for (const p of people) {
    await call(scene.sampler, 'POST', '/testing/scans', {
      id: ulid(), tubeBarcode: barcode, siteId: scene.siteId, sampledAt: new Date().toISOString(), subject: { idNumber: p.idNumber },
    });
  }
}

/** The time on a clock in Beijing, minutes ago, as a lab sheet writes it ("2022-08-21 14:05"). */
export function beijingTime(minutesAgo: number): string {
  return new Date(Date.now() - minutesAgo * 60_000 + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}
