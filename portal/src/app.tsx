import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useSearchParams } from 'react-router-dom';
import { useSession } from './auth/session';
import { Layout } from './components/layout';
import { Loading } from './components/status-messages';
import { LiveUpdatesProvider } from './live/live-updates';
import { ConnectRedirectPage } from './pages/connect-redirect-page';
import { ForgotPasswordPage } from './pages/forgot-password-page';
import { LoginPage } from './pages/login-page';
import { NotFoundPage } from './pages/not-found-page';
import { RequestDetailPage } from './pages/request-detail-page';
import { RequestsPage } from './pages/requests-page';
import { NewRequestPage } from './pages/new-request-page';
import { ResetPasswordPage } from './pages/reset-password-page';

// Charts and the calendar weigh more than the rest of the app together: loaded when their page opens.
const MaintenancePage = lazy(() => import('./pages/maintenance-page'));
const ReportsPage = lazy(() => import('./pages/reports-page'));

export function App() {
  const { state } = useSession();
  const location = useLocation();
  const { t } = useTranslation();

  if (state.status === 'loading') return <Loading label={t('app.loading')} />;

  if (state.status === 'anonymous') {
    return (
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path="/forgot-password" element={<ForgotPasswordPage />} />
        <Route path="/reset-password" element={<ResetPasswordPage />} />
        <Route path="/connect/:provider/redirect" element={<ConnectRedirectPage />} />
        <Route path="*" element={<Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />} />
      </Routes>
    );
  }

  return (
    <LiveUpdatesProvider>
      <Layout>
        <Suspense fallback={<Loading label={t('app.loading')} />}>
          <Routes>
            <Route path="/" element={<Navigate to="/requests" replace />} />
            <Route path="/login" element={<AfterSignIn />} />
            <Route path="/requests" element={<RequestsPage />} />
            <Route path="/requests/new" element={<NewRequestPage />} />
            <Route path="/requests/:documentId" element={<RequestDetailPage />} />
            <Route path="/maintenance" element={<MaintenancePage />} />
            <Route path="/reports" element={<ReportsPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Routes>
        </Suspense>
      </Layout>
    </LiveUpdatesProvider>
  );
}

/** Back to the page that asked for a sign-in: only a path inside the portal, never an address from a link. */
function AfterSignIn() {
  const [params] = useSearchParams();
  const next = params.get('next');
  return <Navigate to={next && next.startsWith('/') && !next.startsWith('//') ? next : '/requests'} replace />;
}
