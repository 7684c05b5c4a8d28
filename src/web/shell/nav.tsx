import type { ReactNode } from 'react';
import { ApartmentOutlined, AuditOutlined, CheckSquareOutlined, TeamOutlined, UserSwitchOutlined } from '@ant-design/icons';
import { ScanOutlined } from '@ant-design/icons';
import { FieldTimeOutlined, FileSearchOutlined, ScheduleOutlined } from '@ant-design/icons';
import { AlertOutlined, DashboardOutlined, EnvironmentOutlined, ExperimentOutlined, PieChartOutlined } from '@ant-design/icons';
import { HomeOutlined, WarningOutlined } from '@ant-design/icons';
import { SolutionOutlined } from '@ant-design/icons';
import type { UiKey } from '../../shared/i18n/index.js';
import type { Permission } from '../../shared/roles.js';

export interface NavItem {
  path: string;
  label: UiKey;
  icon: ReactNode;
  permission: Permission;
}

/** The modules in the side menu, each shown only to users holding its permission. */
export const NAV_ITEMS: NavItem[] = [
  { path: '/sampling', label: 'sampling.title', icon: <ScanOutlined />, permission: 'testing.sample' }, // first: a sampler's start page
  { path: '/today', label: 'field.nav.today', icon: <ScheduleOutlined />, permission: 'screening.capture' }, // a grid worker's start page
  { path: '/tasks', label: 'nav.tasks', icon: <CheckSquareOutlined />, permission: 'tasks.view' },
  { path: '/regions', label: 'nav.regions', icon: <ApartmentOutlined />, permission: 'regions.view' },
  { path: '/people', label: 'nav.people', icon: <TeamOutlined />, permission: 'people.view' },
  { path: '/testing', label: 'testing.nav.desk', icon: <DashboardOutlined />, permission: 'testing.view' },
  { path: '/testing/coverage', label: 'testing.nav.coverage', icon: <PieChartOutlined />, permission: 'testing.view' },
  { path: '/testing/incidents', label: 'testing.nav.incidents', icon: <AlertOutlined />, permission: 'testing.incidents' },
  { path: '/testing/lab', label: 'testing.nav.lab', icon: <ExperimentOutlined />, permission: 'testing.results' },
  { path: '/testing/sites', label: 'testing.nav.sites', icon: <EnvironmentOutlined />, permission: 'testing.manage' },
  { path: '/screening', label: 'episodes.nav', icon: <SolutionOutlined />, permission: 'screening.view' },
  { path: '/screening/rounds', label: 'field.nav.rounds', icon: <FieldTimeOutlined />, permission: 'screening.view' },
  { path: '/screening/imports', label: 'field.nav.imports', icon: <FileSearchOutlined />, permission: 'screening.import' },
  { path: '/isolation', label: 'isolation.nav.sites', icon: <HomeOutlined />, permission: 'isolation.view' },
  { path: '/isolation/zones', label: 'isolation.nav.zones', icon: <WarningOutlined />, permission: 'isolation.view' },
  { path: '/users', label: 'nav.users', icon: <UserSwitchOutlined />, permission: 'users.manage' },
  { path: '/audit', label: 'nav.audit', icon: <AuditOutlined />, permission: 'audit.view' },
];

/** Whether a path leads to a module the user may open (paths outside the menu are left to their pages). */
export function mayOpen(path: string, can: (permission: Permission) => boolean): boolean {
  const item = NAV_ITEMS.filter((i) => path === i.path || path.startsWith(`${i.path}/`) || path.startsWith(`${i.path}?`)).sort((a, b) => b.path.length - a.path.length)[0];
  return !item || can(item.permission);
}
