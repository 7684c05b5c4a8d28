import { lazy, Suspense } from 'react';
import { Result, Spin } from 'antd';
import { Route, Routes } from 'react-router-dom';
import { RequirePermission } from '../../components/RequirePermission.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import './screening.css';

const LedgerPage = lazy(() => import('./LedgerPage.js').then((m) => ({ default: m.LedgerPage })));
const EpisodePage = lazy(() => import('./EpisodePage.js').then((m) => ({ default: m.EpisodePage })));

/** 管控人员: the ledger and one managed person's page (rounds and 协查 imports are mounted on their own paths). */
export function ScreeningRoutes() {
  const { t } = useI18n();
  return (
    <Suspense fallback={<Spin className="block-spin" />}>
      <Routes>
        <Route index element={<RequirePermission permission="screening.view"><LedgerPage /></RequirePermission>} />
        <Route path="episodes/:id" element={<RequirePermission permission="screening.view"><EpisodePage /></RequirePermission>} />
        <Route path="*" element={<Result status="404" title={t('error.notFoundTitle')} subTitle={t('error.notFoundPage')} />} />
      </Routes>
    </Suspense>
  );
}
