import { Menu } from 'antd';
import { useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from '../auth/AuthProvider.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { NAV_ITEMS } from './nav.js';

export function NavMenu({ theme }: { theme: 'light' | 'dark' }) {
  const { can } = useAuth();
  const { t } = useI18n();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const items = NAV_ITEMS.filter((item) => can(item.permission));
  const selected = items.find((item) => pathname === item.path || pathname.startsWith(`${item.path}/`));
  return (
    <Menu
      mode="inline"
      theme={theme}
      className="nav-menu"
      selectedKeys={selected ? [selected.path] : []}
      items={items.map((item) => ({ key: item.path, icon: item.icon, label: t(item.label) }))}
      onClick={({ key }) => navigate(key)}
    />
  );
}
