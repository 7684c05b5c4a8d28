import { useEffect, useState } from 'react';
import { Button, Drawer, Layout } from 'antd';
import { MenuOutlined } from '@ant-design/icons';
import { Outlet, useLocation } from 'react-router-dom';
import { LanguageSwitch } from '../components/LanguageSwitch.js';
import { PageErrorBoundary } from '../components/PageErrorBoundary.js';
import { useIsMobile } from '../components/media.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { Brand } from './Brand.js';
import { NavMenu } from './NavMenu.js';
import { ResponseBadge } from './ResponseBadge.js';
import { UserMenu } from './UserMenu.js';

/** The signed-in frame: side menu on a desktop, a drawer behind a menu button on a phone. */
export function Shell() {
  const mobile = useIsMobile();
  const { t } = useI18n();
  const { pathname } = useLocation();
  const [drawerOpen, setDrawerOpen] = useState(false);

  useEffect(() => setDrawerOpen(false), [pathname, mobile]);

  return (
    <Layout className="shell">
      {!mobile && (
        <Layout.Sider width={220} className="shell-sider">
          <Brand />
          <NavMenu theme="dark" />
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header className="shell-header">
          {mobile && (
            <Button
              type="text"
              size="large"
              icon={<MenuOutlined />}
              onClick={() => setDrawerOpen(true)}
              aria-label={t('shell.openMenu')}
              data-testid="menu-button"
              className="menu-button"
            />
          )}
          {mobile && <Brand compact />}
          <ResponseBadge compact={mobile} />
          <div className="shell-header-spacer" />
          <LanguageSwitch compact={mobile} />
          <UserMenu compact={mobile} />
        </Layout.Header>
        <Layout.Content className="shell-content">
          <PageErrorBoundary key={pathname} title={t('error.pageFailed')} retry={t('error.reload')}>
            <Outlet />
          </PageErrorBoundary>
        </Layout.Content>
      </Layout>
      {mobile && (
        <Drawer
          placement="left"
          size={280}
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          title={<Brand />}
          className="nav-drawer"
          styles={{ body: { padding: 0 } }}
        >
          <NavMenu theme="light" />
        </Drawer>
      )}
    </Layout>
  );
}
