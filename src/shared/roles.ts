/** Roles (DESIGN.md "Who uses it") and what each may do. Region scope is checked separately. */
export const ROLES = [
  'commander',
  'workstream_lead',
  'township_cadre',
  'community_cadre',
  'grid_worker',
  'sampler',
  'lab',
  'checkpoint_officer',
  'market_inspector',
  'dispatcher',
  'team_member',
  'volunteer',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'regions.view',
  'people.view',
  'people.capture',
  'people.unmask',
  'people.export',
  'organizations.view',
  'organizations.manage',
  'tasks.view',
  'tasks.act',
  'tasks.assign',
  'response.view',
  'response.manage',
  'users.manage',
  'audit.view',
  'testing.view',
  'testing.manage',
  'testing.sample',
  'testing.results',
  'testing.incidents',
  'testing.followup',
  'screening.view',
  'screening.capture',
  'screening.release',
  'screening.import',
  'screening.manage',
  'isolation.view',
  'isolation.manage',
  'zones.manage',
  'zones.approve',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const FIELD: Permission[] = ['regions.view', 'organizations.view', 'tasks.view', 'tasks.act', 'response.view'];
// Ledger keepers record managed people, visits and health checks, and see isolation and zones in their regions.
const LEDGER: Permission[] = [...FIELD, 'people.view', 'people.capture', 'people.unmask', 'screening.view', 'screening.capture',
  'isolation.view'];
// Cadres above the grid confirm releases and take in the 协查 lists pushed down to them.
const CADRE: Permission[] = ['screening.release', 'screening.import'];
// The headquarters and its workstream leads run screening rounds, isolation sites and the zone map.
const HEADQUARTERS: Permission[] = [...CADRE, 'screening.manage', 'isolation.manage', 'zones.manage'];
// Cadres watch coverage and positive pools in their regions and knock on the doors of the missing.
const TESTING_FIELD: Permission[] = ['testing.view', 'testing.incidents', 'testing.followup'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  // Only the commander approves a zone's downgrade (after the expert panel's review).
  commander: [...LEDGER, ...TESTING_FIELD, ...HEADQUARTERS, 'zones.approve', 'testing.manage', 'people.export', 'tasks.assign',
    'response.manage', 'audit.view', 'organizations.manage'],
  workstream_lead: [...LEDGER, ...TESTING_FIELD, ...HEADQUARTERS, 'testing.manage', 'people.export', 'tasks.assign'],
  township_cadre: [...LEDGER, ...TESTING_FIELD, ...CADRE, 'isolation.manage', 'people.export', 'tasks.assign'],
  community_cadre: [...LEDGER, ...TESTING_FIELD, ...CADRE, 'people.export', 'tasks.assign'],
  grid_worker: [...LEDGER, ...TESTING_FIELD],
  sampler: [...FIELD, 'testing.sample'],
  lab: [...FIELD, 'testing.results'],
  checkpoint_officer: FIELD,
  market_inspector: FIELD,
  dispatcher: [...FIELD, 'people.view'],
  team_member: FIELD,
  volunteer: FIELD,
  // Administrators run accounts and configuration; they see no personal data unless also given a ledger role.
  admin: ['regions.view', 'organizations.view', 'organizations.manage', 'tasks.view', 'response.view',
    'response.manage', 'users.manage', 'audit.view'],
};

export function roleCan(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  commander: { zh: '指挥长', en: 'Commander' },
  workstream_lead: { zh: '专班负责人', en: 'Workstream lead' },
  township_cadre: { zh: '乡镇干部', en: 'Township cadre' },
  community_cadre: { zh: '村社区干部', en: 'Community cadre' },
  grid_worker: { zh: '网格员', en: 'Grid worker' },
  sampler: { zh: '采样员', en: 'Sampler' },
  lab: { zh: '检测机构', en: 'Lab' },
  checkpoint_officer: { zh: '卡口值守人员', en: 'Checkpoint officer' },
  market_inspector: { zh: '市场监管员', en: 'Market inspector' },
  dispatcher: { zh: '调度员', en: 'Dispatcher' },
  team_member: { zh: '应急队员', en: 'Team member' },
  volunteer: { zh: '志愿者', en: 'Volunteer' },
  admin: { zh: '系统管理员', en: 'Administrator' },
};
