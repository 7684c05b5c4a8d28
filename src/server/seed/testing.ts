import { withTx, type AppContext } from '../platform/context.js';
import type { DbOrTx } from '../platform/db/index.js';
import { listAccounts } from '../platform/auth/index.js';
import { regionsUnder, type RegionRow } from '../modules/regions/index.js';
import { findOrganizationByName } from '../modules/organizations/index.js';
import { linkUserToOrganization } from '../modules/users/index.js';
import { assignSampler, createRound, createSite } from '../modules/testing/index.js';
import { todayInChina } from '../../shared/validators/index.js';
import { SWABS_PER_SAMPLER_DAY, planFor } from '../modules/testing/rules/plan.js';

export const DEMO_ROUND_NAME = '湟中区第5轮全员核酸检测';
export const DEMO_LAB_NAME = '湟中区疾病预防控制中心实验室';
/** The township whose first site the demo sampler works at. */
export const DEMO_SAMPLER_TOWNSHIP = '630106105';

/**
 * Splits a township's sites over its communities in proportion to their residents (largest
 * remainder), so that each site serves about 2,000–3,000 people. Deterministic: ties go to the lower code.
 */
export function allocateSites(sites: number, communities: { code: string; residents: number }[]): Map<string, number> {
  const total = communities.reduce((n, c) => n + c.residents, 0);
  const out = new Map<string, number>();
  if (sites <= 0 || total <= 0) return out;
  const shares = communities.map((c) => ({ code: c.code, exact: (c.residents / total) * sites }));
  let given = 0;
  for (const s of shares) {
    const n = Math.floor(s.exact);
    if (n > 0) out.set(s.code, n);
    given += n;
  }
  const byRemainder = [...shares].sort((a, b) => (b.exact - Math.floor(b.exact)) - (a.exact - Math.floor(a.exact)) || (a.code < b.code ? -1 : 1));
  for (const s of byRemainder.slice(0, sites - given)) out.set(s.code, (out.get(s.code) ?? 0) + 1);
  return out;
}

/**
 * The demo district's testing: the lab account linked to its lab, an open district-wide round (第5轮,
 * from yesterday 00:00 China time for four days) with its coverage counters, sampling sites by the plan
 * rule in every township, and the demo sampler at the first site of 多巴镇. Runs inside the seed's transaction.
 */
export async function seedTesting(ctx: AppContext, tx: DbOrTx): Promise<{ roundId: string; sites: number }> {
  const c = withTx(ctx, tx);
  const lab = await findOrganizationByName(tx, DEMO_LAB_NAME);
  if (lab) await linkUserToOrganization(tx, 'lab', lab.id);

  const yesterday = Date.parse(`${todayInChina()}T00:00:00+08:00`) - 86_400_000;
  const round = await createRound(c, null, {
    name: DEMO_ROUND_NAME, regionCodes: ['630106'],
    startsAt: new Date(yesterday).toISOString(), endsAt: new Date(yesterday + 4 * 86_400_000).toISOString(),
  });

  const regions = await regionsUnder(tx, ['630106'], ['township', 'community']);
  const townships = regions.filter((r) => r.level === 'township').sort((a, b) => (a.code < b.code ? -1 : 1));
  const [sampler] = (await listAccounts(tx, { search: 'sampler' })).filter((a) => a.username === 'sampler');
  let count = 0;
  for (const township of townships) {
    const communities = regions.filter((r) => r.parent_code === township.code).sort((a, b) => (a.code < b.code ? -1 : 1));
    const allocation = allocateSites(planFor(township.resident_count).sites.min, communities.map((r) => ({ code: r.code, residents: r.resident_count })));
    let first: string | undefined;
    for (const community of communities) {
      const n = allocation.get(community.code) ?? 0;
      for (let i = 1; i <= n; i++) {
        const site = await createSite(c, null, {
          name: siteName(township, community, n > 1 ? i : 0), regionCode: community.code,
          address: `${community.name}${community.urban ? '社区服务中心' : '村委会'}广场`, zoneLevel: 'low',
          opensAt: '07:00', closesAt: '22:00',
          tableCount: Math.min(100, Math.max(2, Math.ceil(community.resident_count / n / SWABS_PER_SAMPLER_DAY / 2))),
        });
        first ??= site.id;
        count++;
      }
    }
    if (township.code === DEMO_SAMPLER_TOWNSHIP && first && sampler) await assignSampler(c, null, first, sampler.id);
  }
  return { roundId: round.id, sites: count };
}

function siteName(township: RegionRow, community: RegionRow, nth: number): string {
  return `${township.name}${community.name}${nth > 0 ? `第${nth}` : ''}采样点`;
}

