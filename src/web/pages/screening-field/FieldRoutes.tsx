import { lazy, Suspense, type ReactNode } from 'react';
import { Result, Spin } from 'antd';
import { Route, Routes } from 'react-router-dom';
import { RequirePermission } from '../../components/RequirePermission.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import './field.css';

// Loaded when first opened: the rest of the app does not carry their weight.
const RoundsPage = lazy(() => import('./rounds/RoundsPage.js').then((m) => ({ default: m.RoundsPage })));
const CompletionPage = lazy(() => import('./rounds/CompletionPage.js').then((m) => ({ default: m.CompletionPage })));
const ImportsPage = lazy(() => import('./imports/ImportsPage.js').then((m) => ({ default: m.ImportsPage })));
const ImportDetailPage = lazy(() => import('./imports/ImportDetailPage.js').then((m) => ({ default: m.ImportDetailPage })));
const TodayPage = lazy(() => import('./today/TodayPage.js').then((m) => ({ default: m.TodayPage })));
const TodayPrintPage = lazy(() => import('./today/TodayPrintPage.js').then((m) => ({ default: m.TodayPrintPage })));

function Area({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  return (
    <Suspense fallback={<Spin className="block-spin" />}>
      <Routes>
        {children}
        <Route path="*" element={<Result status="404" title={t('error.notFoundTitle')} subTitle={t('error.notFoundPage')} />} />
      </Routes>
    </Suspense>
  );
}

/** /screening/rounds/*: the rounds and each round's completion by region. */
export function RoundsRoutes() {
  return (
    <Area>
      <Route index element={<RequirePermission permission="screening.view"><RoundsPage /></RequirePermission>} />
      <Route path=":id" element={<RequirePermission permission="screening.view"><CompletionPage /></RequirePermission>} />
    </Area>
  );
}

/** /screening/imports/*: 协查 lists, their reports and the people to find. */
export function ImportsRoutes() {
  return (
    <Area>
      <Route index element={<RequirePermission permission="screening.import"><ImportsPage /></RequirePermission>} />
      <Route path=":id" element={<RequirePermission permission="screening.import"><ImportDetailPage /></RequirePermission>} />
    </Area>
  );
}

/** /today/*: the grid worker's day, on the phone or printed. */
export function TodayRoutes() {
  return (
    <Area>
      <Route index element={<RequirePermission permission="screening.view"><TodayPage /></RequirePermission>} />
      <Route path="print" element={<RequirePermission permission="screening.view"><TodayPrintPage /></RequirePermission>} />
    </Area>
  );
}
