import { useState } from 'react';
import { Avatar, Button, Dropdown } from 'antd';
import { KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { ROLE_LABELS } from '../../shared/roles.js';
import { useAuth, useMe } from '../auth/AuthProvider.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { ChangePasswordModal } from './ChangePasswordModal.js';

export function UserMenu({ compact }: { compact: boolean }) {
  const me = useMe();
  const { logout } = useAuth();
  const { t, pick } = useI18n();
  const [changing, setChanging] = useState(false);
  const role = pick(ROLE_LABELS[me.role]);
  const scopes = me.scopes.map((s) => s.name).join('、');

  return (
    <>
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            { key: 'who', disabled: true, label: <div className="user-menu-who"><b>{me.displayName}</b><div>{role} · {scopes}</div></div> },
            { type: 'divider' },
            { key: 'password', icon: <KeyOutlined />, label: t('auth.changePassword'), onClick: () => setChanging(true) },
            { key: 'logout', icon: <LogoutOutlined />, danger: true, label: t('auth.logout'), onClick: () => void logout() },
          ],
        }}
      >
        <Button type="text" className="user-button" aria-label={t('shell.userMenu')} data-testid="user-menu">
          <Avatar size="small" icon={<UserOutlined />} className="user-avatar" />
          {!compact && (
            <span className="user-name">
              {me.displayName}
              <span className="user-role">{role}</span>
            </span>
          )}
        </Button>
      </Dropdown>
      {changing && <ChangePasswordModal onClose={() => setChanging(false)} />}
    </>
  );
}
