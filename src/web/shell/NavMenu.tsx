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
  // The longest matching path: /testing/lab is 检测结果, not the testing desk at /testing.
  const selected = items.filter((item) => pathname === item.path || pathname.startsWith(`${item.path}/`))
    .sort((a, b) => b.path.length - a.path.length)[0];
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
