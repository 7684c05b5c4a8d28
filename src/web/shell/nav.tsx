import type { ReactNode } from 'react';
import { ApartmentOutlined, AuditOutlined, CheckSquareOutlined, TeamOutlined, UserSwitchOutlined } from '@ant-design/icons';
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
  { path: '/tasks', label: 'nav.tasks', icon: <CheckSquareOutlined />, permission: 'tasks.view' },
  { path: '/regions', label: 'nav.regions', icon: <ApartmentOutlined />, permission: 'regions.view' },
  { path: '/people', label: 'nav.people', icon: <TeamOutlined />, permission: 'people.view' },
  { path: '/users', label: 'nav.users', icon: <UserSwitchOutlined />, permission: 'users.manage' },
  { path: '/audit', label: 'nav.audit', icon: <AuditOutlined />, permission: 'audit.view' },
];

/** Whether a path leads to a module the user may open (paths outside the menu are left to their pages). */
export function mayOpen(path: string, can: (permission: Permission) => boolean): boolean {
  const item = NAV_ITEMS.find((i) => path === i.path || path.startsWith(`${i.path}/`) || path.startsWith(`${i.path}?`));
  return !item || can(item.permission);
}
