import { lazy } from 'react';
import { createBrowserRouter } from 'react-router';
import { Layout } from './Layout';
import { RequireAuth, RequireRole } from './guards';
import { NotFoundPage } from './pages/NotFoundPage';
import { RouteErrorPage } from './pages/RouteErrorPage';

// Each page is its own chunk, loaded when first visited (the Suspense is in Layout).
const LoginPage = lazy(() => import('../features/auth/components/LoginPage'));
const HomePage = lazy(() => import('../features/home/components/HomePage'));
const AccessibilityPage = lazy(() => import('../features/accessibility/components/AccessibilityPage'));
const CompanyListPage = lazy(() => import('../features/companies/components/CompanyListPage'));
const CompanyPage = lazy(() => import('../features/companies/components/CompanyPage'));
const ImportPage = lazy(() => import('../features/company-import/components/ImportPage'));
const StaffListPage = lazy(() => import('../features/staff/components/StaffListPage'));
const StaffFormPage = lazy(() => import('../features/staff/components/StaffFormPage'));
const TopicsPage = lazy(() => import('../features/settings/components/TopicsPage'));
const MunicipalityPage = lazy(() => import('../features/settings/components/MunicipalityPage'));
const RelayListPage = lazy(() => import('../features/relay/components/RelayListPage'));
const RelayProgrammePage = lazy(() => import('../features/relay/components/ProgrammePage'));
const RelayProgrammeFormPage = lazy(() => import('../features/relay/components/ProgrammeFormPage'));
const RelayInvitationPage = lazy(() => import('../features/relay/components/InvitationPage'));
const RelayNominatePage = lazy(() => import('../features/relay/components/NominateLinkPage'));
const RelayPublicPage = lazy(() => import('../features/relay/components/PublicRelayPage'));

/**
 * Every page of the app. Paths are Swedish (they show in the address bar). Pages under
 * RequireAuth need a session; RequireRole adds the least role (the server checks it again).
 * A new feature adds its routes here and its menu line in nav.ts.
 */
export const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      {
        errorElement: <RouteErrorPage />,
        children: [
          { path: 'logga-in', element: <LoginPage /> },
          { path: 'tillganglighet', element: <AccessibilityPage /> },
          // The relay's private links for companies and its public page: no log-in.
          { path: 'stafett/svar/:token', element: <RelayInvitationPage /> },
          { path: 'stafett/nominera/:token', element: <RelayNominatePage /> },
          { path: 'stafett/publik/:id', element: <RelayPublicPage /> },
          {
            element: <RequireAuth />,
            children: [
              { index: true, element: <HomePage /> },
              { path: 'foretag', element: <CompanyListPage /> },
              { path: 'foretag/:id', element: <CompanyPage /> },
              { path: 'stafett', element: <RelayListPage /> },
              { path: 'stafett/:id', element: <RelayProgrammePage /> },
              {
                element: <RequireRole role="staff" />,
                children: [{ path: 'personal', element: <StaffListPage /> }],
              },
              {
                element: <RequireRole role="admin" />,
                children: [
                  { path: 'import', element: <ImportPage /> },
                  { path: 'import/:id', element: <ImportPage /> },
                  { path: 'personal/ny', element: <StaffFormPage /> },
                  { path: 'personal/:id', element: <StaffFormPage /> },
                  { path: 'amnen', element: <TopicsPage /> },
                  { path: 'kommun', element: <MunicipalityPage /> },
                  { path: 'stafett/ny', element: <RelayProgrammeFormPage /> },
                  { path: 'stafett/:id/installningar', element: <RelayProgrammeFormPage /> },
                ],
              },
            ],
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
