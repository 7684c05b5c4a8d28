import type { ReactNode } from 'react';
import { Result } from 'antd';
import type { Permission } from '../../shared/roles.js';
import { useAuth } from '../auth/AuthProvider.js';
import { useI18n } from '../i18n/I18nProvider.js';

export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { can } = useAuth();
  const { t } = useI18n();
  if (!can(permission)) return <Result status="403" title={t('error.forbiddenTitle')} subTitle={t('error.forbiddenPage')} />;
  return <>{children}</>;
}
