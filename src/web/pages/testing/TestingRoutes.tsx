import { lazy, Suspense } from 'react';
import { Result, Spin } from 'antd';
import { Route, Routes } from 'react-router-dom';
import { RequirePermission } from '../../components/RequirePermission.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import './testing.css';

// The testing screens are loaded when first opened: the rest of the app does not carry their weight.
const DeskPage = lazy(() => import('./desk/DeskPage.js').then((m) => ({ default: m.DeskPage })));
const SitesPage = lazy(() => import('./sites/SitesPage.js').then((m) => ({ default: m.SitesPage })));
const LabPage = lazy(() => import('./lab/LabPage.js').then((m) => ({ default: m.LabPage })));
const IncidentsPage = lazy(() => import('./incidents/IncidentsPage.js').then((m) => ({ default: m.IncidentsPage })));
const CoveragePage = lazy(() => import('./coverage/CoveragePage.js').then((m) => ({ default: m.CoveragePage })));

/** 核酸检测: the desk, sites, lab, positive pools and coverage, each behind its own permission. */
export function TestingRoutes() {
  const { t } = useI18n();
  return (
    <Suspense fallback={<Spin className="block-spin" />}>
      <Routes>
        <Route index element={<RequirePermission permission="testing.view"><DeskPage /></RequirePermission>} />
        <Route path="sites" element={<RequirePermission permission="testing.manage"><SitesPage /></RequirePermission>} />
        <Route path="lab" element={<RequirePermission permission="testing.results"><LabPage /></RequirePermission>} />
        <Route path="incidents" element={<RequirePermission permission="testing.incidents"><IncidentsPage /></RequirePermission>} />
        <Route path="coverage" element={<RequirePermission permission="testing.view"><CoveragePage /></RequirePermission>} />
        <Route path="*" element={<Result status="404" title={t('error.notFoundTitle')} subTitle={t('error.notFoundPage')} />} />
      </Routes>
    </Suspense>
  );
}
