import { lazy, Suspense } from 'react';
import { Result, Spin } from 'antd';
import { Route, Routes } from 'react-router-dom';
import { RequirePermission } from '../../components/RequirePermission.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import './isolation.css';

const SitesPage = lazy(() => import('./SitesPage.js').then((m) => ({ default: m.SitesPage })));
const SiteDetailPage = lazy(() => import('./SiteDetailPage.js').then((m) => ({ default: m.SiteDetailPage })));
const ZonesPage = lazy(() => import('./ZonesPage.js').then((m) => ({ default: m.ZonesPage })));

/** 隔离管控: isolation sites (with their rooms and people) and risk zones. */
export function IsolationRoutes() {
  const { t } = useI18n();
  return (
    <Suspense fallback={<Spin className="block-spin" />}>
      <Routes>
        <Route index element={<RequirePermission permission="isolation.view"><SitesPage /></RequirePermission>} />
        <Route path="sites/:id" element={<RequirePermission permission="isolation.view"><SiteDetailPage /></RequirePermission>} />
        <Route path="zones" element={<RequirePermission permission="isolation.view"><ZonesPage /></RequirePermission>} />
        <Route path="*" element={<Result status="404" title={t('error.notFoundTitle')} subTitle={t('error.notFoundPage')} />} />
      </Routes>
    </Suspense>
  );
}
