import type { z } from 'zod';
import { requirePermission, requireRegion, scopePaths, type Actor } from '../../platform/access.js';
import { audit } from '../../platform/audit.js';
import { withTx, type AppContext } from '../../platform/context.js';
import type { DbOrTx } from '../../platform/db/index.js';
import { AppError, validationError } from '../../platform/errors.js';
import { newId, nowIso } from '../../platform/ids.js';
import { maskPhone } from '../../platform/pii.js';
import { findRegion } from '../regions/index.js';
import { validateMobile } from '../../../shared/validators/index.js';
import type { NewOrganization, OrganizationQuery, OrganizationView } from '../../../shared/organizations.js';
import type { OrganizationRow } from './tables.js';
import * as store from './store.js';

function toView(ctx: AppContext, row: OrganizationRow): OrganizationView {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as OrganizationView['kind'],
    parentId: row.parent_id,
    regionCode: row.region_code,
    workstream: row.workstream as OrganizationView['workstream'],
    contactName: row.contact_name,
    // A unit's contact phone is a person's number: shown masked like any other.
    contactPhone: row.contact_phone_enc ? maskPhone(ctx.pii.decrypt(row.contact_phone_enc)) : null,
    address: row.address,
    status: row.status,
  };
}

export async function searchOrganizations(ctx: AppContext, actor: Actor, q: z.infer<typeof OrganizationQuery>) {
  requirePermission(actor, 'organizations.view');
  const db = ctx.handle.db;
  const region = q.region ? await findRegion(db, q.region) : undefined;
  if (q.region && !region) throw new AppError('NOT_FOUND');
  // Units registered at the district (headquarters, labs, hospitals) serve everyone: always visible.
  const paths = [...new Set([...scopePaths(actor, region?.path), ...(region ? [] : ['630106'])])];
  const { rows, total } = await store.searchOrganizations(db, { paths, kind: q.kind, name: q.name },
    { offset: (q.page - 1) * q.pageSize, limit: q.pageSize });
  return { items: rows.map((r) => toView(ctx, r)), total, page: q.page, pageSize: q.pageSize };
}

export async function getOrganization(ctx: AppContext, actor: Actor, id: string): Promise<OrganizationView> {
  requirePermission(actor, 'organizations.view');
  const row = await store.findOrganization(ctx.handle.db, id);
  if (!row) throw new AppError('NOT_FOUND');
  if (row.region_path !== '630106') requireRegion(actor, row.region_path);
  return toView(ctx, row);
}

export async function registerOrganization(ctx: AppContext, actor: Actor | null, input: NewOrganization): Promise<OrganizationView> {
  if (actor) requirePermission(actor, 'organizations.manage');
  const db = ctx.handle.db;
  const region = await findRegion(db, input.regionCode);
  if (!region) throw validationError([{ field: 'regionCode', code: 'REGION_UNKNOWN', params: { value: input.regionCode } }]);
  if (actor) requireRegion(actor, region.path, 'capture');
  let phone: string | null = null;
  if (input.contactPhone) {
    const p = validateMobile(input.contactPhone);
    if (!p.ok) throw validationError([{ field: 'contactPhone', code: p.code }]);
    phone = p.value;
  }
  if (input.parentId && !(await store.findOrganization(db, input.parentId))) {
    throw validationError([{ field: 'parentId', code: 'REQUIRED', params: { field: 'parentId' } }]);
  }
  const now = nowIso();
  const row: OrganizationRow = {
    id: newId(), name: input.name, kind: input.kind, parent_id: input.parentId ?? null, region_code: region.code,
    region_path: region.path, workstream: input.workstream ?? null, contact_name: input.contactName ?? null,
    contact_phone_enc: phone ? ctx.pii.encrypt(phone) : null, address: input.address ?? null, status: 'active',
    created_at: now, created_by: actor?.userId ?? null, updated_at: now,
  };
  await store.insertOrganization(db, row);
  if (actor) await audit(db, actor, { action: 'organizations.create', subjectType: 'organization', subjectId: row.id,
    regionPath: region.path });
  return toView(ctx, row);
}

/** The units of the demo district: headquarters and workstreams, offices, labs, hospitals, firms. */
export async function seedOrganizations(ctx: AppContext, db: DbOrTx): Promise<void> {
  const seedCtx = withTx(ctx, db);
  const hq = await registerOrganization(seedCtx, null, { name: '湟中区新冠肺炎疫情防控处置工作指挥部', kind: 'headquarters', regionCode: '630106' });
  const workstreams: [string, OrganizationView['workstream']][] = [
    ['核酸检测专班', 'testing'], ['人员排查专班', 'screening'], ['流调溯源专班', 'tracing'], ['隔离管控专班', 'isolation'],
    ['物资保障专班', 'supplies'], ['市场供应专班', 'market'], ['交通管控专班', 'traffic'], ['队伍值守专班', 'duty'],
    ['医疗救治专班', 'medical'],
  ];
  for (const [name, workstream] of workstreams) {
    await registerOrganization(seedCtx, null, { name, kind: 'workstream', parentId: hq.id, regionCode: '630106', workstream });
  }
  const units: NewOrganization[] = [
    { name: '湟中区发展改革和经济商务局', kind: 'department', regionCode: '630106' },
    { name: '湟中区市场监督管理局', kind: 'department', regionCode: '630106' },
    { name: '湟中区农业农村局', kind: 'department', regionCode: '630106' },
    { name: '湟中区卫生健康局', kind: 'department', regionCode: '630106' },
    { name: '湟中区公安分局', kind: 'department', regionCode: '630106' },
    { name: '湟中区交通运输局', kind: 'department', regionCode: '630106' },
    { name: '湟中区第一人民医院', kind: 'hospital', regionCode: '630106102' },
    { name: '湟中区疾病预防控制中心实验室', kind: 'lab', regionCode: '630106102' },
    { name: '青海省第三方医学检验实验室', kind: 'lab', regionCode: '630106' },
    { name: '拦隆口镇中心卫生院', kind: 'clinic', regionCode: '630106106' },
    { name: '多巴镇卫生院', kind: 'clinic', regionCode: '630106105' },
    { name: '多巴镇人民政府', kind: 'township_office', regionCode: '630106105' },
    { name: '鲁沙尔镇人民政府', kind: 'township_office', regionCode: '630106102' },
    { name: '西宁多巴物流有限公司', kind: 'freight_company', regionCode: '630106105' },
    { name: '湟中区蔬菜种植基地', kind: 'vegetable_base', regionCode: '630106106' },
    { name: '多巴镇爱心超市', kind: 'supermarket', regionCode: '630106105' },
    { name: '鲁沙尔镇农贸市场', kind: 'farmers_market', regionCode: '630106102' },
    { name: '多巴镇集中隔离点（酒店）运营方', kind: 'isolation_operator', regionCode: '630106105' },
  ];
  for (const u of units) await registerOrganization(seedCtx, null, u);
}
