import type { AppContext } from '../platform/context.js';
import type { Config } from '../platform/config.js';
import { openContext } from '../platform/bootstrap.js';
import { terminalProgress } from '../platform/progress.js';
import { refreshStatistics, type Db } from '../platform/db/index.js';
import type { ProgressFn } from '../platform/progress.js';
import { nowIso } from '../platform/ids.js';
import { districtRoots, insertRegions, setCountsFromLeaves, type RegionRow } from '../modules/regions/index.js';
import { countResidentsByLeaf, loadResidents, type ResidentToLoad } from '../modules/people/index.js';
import { startResponse } from '../modules/response/index.js';
import { addUser } from '../modules/users/index.js';
import { seedOrganizations } from '../modules/organizations/index.js';
import { DEFAULT_PARAMETERS } from '../../shared/response.js';
import { pathOfCode } from '../../shared/regions.js';
import type { Role } from '../../shared/roles.js';
import { generateDemoDistrict, type DemoSize } from './demo-district.js';
import { seedTesting } from './testing.js';
import { seedScreening } from './screening.js';
import { seedIsolation } from './isolation.js';
import { seedScreeningRounds } from './screening-rounds.js';

export type { DemoSize };

export const DEMO_PASSWORD = 'anning2022';

/** One account per role, scoped as such a person would be in Huangzhong (codes exist at both sizes). */
const DEMO_ACCOUNTS: { username: string; displayName: string; role: Role; scope: string; capture?: boolean }[] = [
  { username: 'commander', displayName: '区指挥部 指挥长', role: 'commander', scope: '630106' },
  { username: 'testing_lead', displayName: '核酸检测专班 负责人', role: 'workstream_lead', scope: '630106' },
  { username: 'duoba', displayName: '多巴镇 干部', role: 'township_cadre', scope: '630106105' },
  { username: 'lushaer', displayName: '鲁沙尔镇 干部', role: 'township_cadre', scope: '630106102' },
  { username: 'community', displayName: '多巴镇 社区干部', role: 'community_cadre', scope: '630106105001' },
  { username: 'grid', displayName: '网格员', role: 'grid_worker', scope: '630106105001001' },
  { username: 'sampler', displayName: '采样员', role: 'sampler', scope: '630106105' },
  { username: 'lab', displayName: '检测机构', role: 'lab', scope: '630106' },
  { username: 'checkpoint', displayName: '西宁西收费站 值守', role: 'checkpoint_officer', scope: '630106105' },
  { username: 'market', displayName: '市场监管局 检查员', role: 'market_inspector', scope: '630106' },
  { username: 'dispatcher', displayName: '多巴镇 调度员', role: 'dispatcher', scope: '630106105' },
  { username: 'team', displayName: '应急处突队员', role: 'team_member', scope: '630106105' },
  { username: 'volunteer', displayName: '志愿服务小分队', role: 'volunteer', scope: '630106105' },
  { username: 'admin', displayName: '系统管理员', role: 'admin', scope: '630106', capture: false },
];

export function demoAccounts() {
  return DEMO_ACCOUNTS.map((a) => ({ username: a.username, password: DEMO_PASSWORD, role: a.role, scope: a.scope }));
}

export async function isSeeded(db: Db): Promise<boolean> {
  return (await districtRoots(db)).length > 0;
}

/**
 * Writes the demo district into an empty database in one transaction: regions, households and
 * residents, organizations, the August 2022 response, and the demo accounts.
 */
export async function seedDemo(
  ctx: AppContext,
  opts: { size: DemoSize; seed: number; onProgress?: ProgressFn },
): Promise<{ regions: number; households: number; residents: number; accounts: ReturnType<typeof demoAccounts> }> {
  const db = ctx.handle.db;
  if (await isSeeded(db)) throw new Error('the database already holds regions: seed only an empty database');
  const progress = opts.onProgress ?? (() => {});
  progress(0, 4, 'generating the demo district');
  const district = generateDemoDistrict({ size: opts.size, seed: opts.seed });
  const now = nowIso();
  const regions: RegionRow[] = district.regions.map((r) => ({
    code: r.code, parent_code: r.parentCode, level: r.level, kind: r.kind, name: r.name, path: pathOfCode(r.code),
    depth: pathOfCode(r.code).split('/').length - 1, urban: r.urban ? 1 : 0, no_property_mgmt: r.noPropertyMgmt ? 1 : 0,
    no_owner_unit: r.noOwnerUnit ? 1 : 0, no_self_gov: r.noSelfGov ? 1 : 0, household_count: 0, resident_count: 0,
    created_at: now,
  }));
  const pathOf = new Map(regions.map((r) => [r.code, r.path]));

  await db.transaction().execute(async (tx) => {
    progress(1, 4, 'regions');
    await insertRegions(tx, regions);
    const total = district.residents.length;
    progress(2, 4, `${total} residents`);
    const residents: ResidentToLoad[] = district.residents.map((p) => {
      const h = district.households[p.householdIndex];
      return {
        docType: 'resident_id', docNumber: p.idNumber, name: p.name, phone: p.phone, gender: p.gender,
        birthDate: p.birthDate, region: { code: h.regionCode, path: pathOf.get(h.regionCode)! }, address: h.address,
        tags: p.tags,
      };
    });
    // One load: SQLite then rebuilds the ledger's indexes once, after all rows are in.
    await loadResidents(ctx, tx, residents, null);
    progress(3, 4, 'counts');
    await setCountsFromLeaves(tx, await countResidentsByLeaf(tx));
    await seedOrganizations(ctx, tx);
    await startResponse(tx, null, {
      name: '湟中区新冠肺炎疫情防控应急响应（2022年8月）', level: 'I', ruleSet: 'NINTH_EDITION', mode: 'emergency',
      parameters: DEFAULT_PARAMETERS, startedAt: '2022-08-20T00:00:00.000Z',
    });
    for (const a of DEMO_ACCOUNTS) {
      await addUser(tx, null, { username: a.username, password: DEMO_PASSWORD, displayName: a.displayName, role: a.role,
        scopes: [{ code: a.scope, capture: a.capture ?? true }] });
    }
    await seedTesting(ctx, tx);
    await seedIsolation(ctx, tx);
    await seedScreeningRounds(ctx, tx);
    await seedScreening(ctx, tx, opts.size);
  });
  await refreshStatistics(db, ['regions', 'households', 'people', 'person_tags']);
  return { regions: regions.length, households: district.households.length, residents: district.residents.length,
    accounts: demoAccounts() };
}

/**
 * Seeds from a worker thread on its own connection (`runInWorker(import.meta.url, 'seedInWorker', …)`):
 * the server's first start does this so that the generated district, hundreds of megabytes of
 * garbage once written, never sits in the heap that then serves requests.
 */
export async function seedInWorker(input: { config: Config; size: DemoSize; seed: number }): Promise<void> {
  const { ctx } = await openContext(input.config, { quiet: true });
  const progress = terminalProgress();
  try {
    await seedDemo(ctx, { size: input.size, seed: input.seed, onProgress: progress.update });
  } finally {
    progress.stop();
    await ctx.handle.close();
  }
}
