import { Result, Spin } from 'antd';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { useAuth } from './auth/AuthProvider.js';
import { RequirePermission } from './components/RequirePermission.js';
import { useI18n } from './i18n/I18nProvider.js';
import { AuditPage } from './pages/audit/AuditPage.js';
import { LoginPage } from './pages/login/LoginPage.js';
import { ImportPage } from './pages/people/import/ImportPage.js';
import { PeoplePage } from './pages/people/PeoplePage.js';
import { RegionsPage } from './pages/regions/RegionsPage.js';
import { ResidentPage } from './pages/resident/ResidentPage.js';
import { SamplingPage } from './pages/sampling/SamplingPage.js';
import { TasksPage } from './pages/tasks/TasksPage.js';
import { TestingRoutes } from './pages/testing/TestingRoutes.js';
import { IsolationRoutes } from './pages/isolation/IsolationRoutes.js';
import { ScreeningRoutes } from './pages/screening/ScreeningRoutes.js';
import { ImportsRoutes, RoundsRoutes, TodayRoutes } from './pages/screening-field/FieldRoutes.js';
import { UsersPage } from './pages/users/UsersPage.js';
import { NAV_ITEMS } from './shell/nav.js';
import { Shell } from './shell/Shell.js';

function RequireSession() {
  const { me } = useAuth();
  const location = useLocation();
  if (me === undefined) return <Spin size="large" fullscreen />;
  if (!me) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return <Shell />;
}

/** The start page: the first module in the menu this user may open. */
function Home() {
  const { can, me } = useAuth();
  // 今日工作 is the grid worker's start page; everyone else starts at their first module beyond it.
  const first = NAV_ITEMS.find((item) => can(item.permission) && (item.path !== '/today' || me?.role === 'grid_worker'));
  return first ? <Navigate to={first.path} replace /> : null;
}

function NotFound() {
  const { t } = useI18n();
  return <Result status="404" title={t('error.notFoundTitle')} subTitle={t('error.notFoundPage')} />;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route path="/resident" element={<ResidentPage />} />
      <Route element={<RequireSession />}>
        <Route index element={<Home />} />
        <Route path="/tasks" element={<RequirePermission permission="tasks.view"><TasksPage /></RequirePermission>} />
        <Route path="/regions" element={<RequirePermission permission="regions.view"><RegionsPage /></RequirePermission>} />
        <Route path="/people" element={<RequirePermission permission="people.view"><PeoplePage /></RequirePermission>} />
        <Route path="/people/import" element={<RequirePermission permission="people.capture"><ImportPage /></RequirePermission>} />
        <Route path="/testing/*" element={<TestingRoutes />} />
        <Route path="/isolation/*" element={<IsolationRoutes />} />
        <Route path="/screening/rounds/*" element={<RoundsRoutes />} />
        <Route path="/screening/imports/*" element={<ImportsRoutes />} />
        <Route path="/today/*" element={<TodayRoutes />} />
        <Route path="/screening/*" element={<ScreeningRoutes />} />
        <Route path="/users" element={<RequirePermission permission="users.manage"><UsersPage /></RequirePermission>} />
        <Route path="/sampling" element={<RequirePermission permission="testing.sample"><SamplingPage /></RequirePermission>} />
        <Route path="/audit" element={<RequirePermission permission="audit.view"><AuditPage /></RequirePermission>} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
