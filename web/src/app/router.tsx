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
const AccountPage = lazy(() => import('../features/account/components/AccountPage'));
const TopicsPage = lazy(() => import('../features/settings/components/TopicsPage'));
const MunicipalityPage = lazy(() => import('../features/settings/components/MunicipalityPage'));
const RelayListPage = lazy(() => import('../features/relay/components/RelayListPage'));
const RelayProgrammePage = lazy(() => import('../features/relay/components/ProgrammePage'));
const RelayProgrammeFormPage = lazy(() => import('../features/relay/components/ProgrammeFormPage'));
const RelayInvitationPage = lazy(() => import('../features/relay/components/InvitationPage'));
const RelayNominatePage = lazy(() => import('../features/relay/components/NominateLinkPage'));
const RelayPublicPage = lazy(() => import('../features/relay/components/PublicRelayPage'));
const VisitListPage = lazy(() => import('../features/visits/components/VisitListPage'));
const VisitFormPage = lazy(() => import('../features/visits/components/VisitFormPage'));
const VisitPage = lazy(() => import('../features/visits/components/VisitPage'));
const VisitEditPage = lazy(() => import('../features/visits/components/VisitEditPage'));
const ReportPage = lazy(() => import('../features/visits/components/ReportPage'));
const FeedbackPage = lazy(() => import('../features/visits/components/FeedbackPage'));
const FeedbackMissingPage = lazy(() => import('../features/visits/components/FeedbackMissingPage'));
const CompanyHistoryPage = lazy(() => import('../features/visits/components/CompanyHistoryPage'));
const FollowupListPage = lazy(() => import('../features/followups/components/FollowupListPage'));
const FollowupPage = lazy(() => import('../features/followups/components/FollowupPage'));
const ProgrammeReportPage = lazy(() => import('../features/reports/components/ProgrammeReportPage'));
const SprintPublicPage = lazy(() => import('../features/sprints/components/PublicRegistrationPage'));
const SprintPrivatePage = lazy(() => import('../features/sprints/components/PrivateRegistrationPage'));
const SprintListPage = lazy(() => import('../features/sprints/components/SprintListPage'));
const SprintSettingsPage = lazy(() => import('../features/sprints/components/SprintSettingsPage'));
const SprintRosterPage = lazy(() => import('../features/sprints/components/RosterPage'));
const SprintRegistrationsPage = lazy(() => import('../features/sprints/components/RegistrationsPage'));
const SprintBoardPage = lazy(() => import('../features/sprints/components/BoardPage'));
const SprintMyTimesPage = lazy(() => import('../features/sprints/components/MyTimesPage'));
const DemoMailboxPage = lazy(() => import('../features/demo-mailbox/components/DemoMailboxPage'));
const OutboxPage = lazy(() => import('../features/outbox/components/OutboxPage'));
const SprintDayPage = lazy(() => import('../features/sprints/components/DayPage'));

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
          // A sprint's public registration page and a company's private link: no log-in.
          { path: 's/:slug', element: <SprintPublicPage /> },
          { path: 'anmalan/:token', element: <SprintPrivatePage /> },
          {
            element: <RequireAuth />,
            children: [
              { index: true, element: <HomePage /> },
              { path: 'konto', element: <AccountPage /> },
              { path: 'foretag', element: <CompanyListPage /> },
              { path: 'foretag/:id', element: <CompanyPage /> },
              { path: 'stafett', element: <RelayListPage /> },
              { path: 'stafett/:id', element: <RelayProgrammePage /> },
              { path: 'rapporter/:type/:id', element: <ProgrammeReportPage /> },
              {
                // Visits, their reports, follow-ups and feedback to the company.
                element: <RequireRole role="staff" />,
                children: [
                  { path: 'besok', element: <VisitListPage /> },
                  { path: 'besok/nytt', element: <VisitFormPage /> },
                  { path: 'besok/aterkoppling', element: <FeedbackMissingPage /> },
                  { path: 'besok/:id', element: <VisitPage /> },
                  { path: 'besok/:id/andra', element: <VisitEditPage /> },
                  { path: 'besok/:id/rapport', element: <ReportPage /> },
                  { path: 'besok/:id/aterkoppling', element: <FeedbackPage /> },
                  { path: 'uppfoljningar', element: <FollowupListPage /> },
                  { path: 'uppfoljningar/:id', element: <FollowupPage /> },
                  { path: 'foretag/:id/historik', element: <CompanyHistoryPage /> },
                ],
              },
              {
                element: <RequireRole role="staff" />,
                children: [
                  { path: 'personal', element: <StaffListPage /> },
                  { path: 'sprintar', element: <SprintListPage /> },
                  { path: 'sprintar/:id/mina-tider', element: <SprintMyTimesPage /> },
                  { path: 'sprintar/:id/dag', element: <SprintDayPage /> },
                  { path: 'sprintar/:id/dag/:userId', element: <SprintDayPage /> },
                ],
              },
              {
                element: <RequireRole role="admin" />,
                children: [
                  { path: 'import', element: <ImportPage /> },
                  { path: 'demobrevlada', element: <DemoMailboxPage /> },
                  { path: 'utskicksfel', element: <OutboxPage /> },
                  { path: 'import/:id', element: <ImportPage /> },
                  { path: 'personal/ny', element: <StaffFormPage /> },
                  { path: 'personal/:id', element: <StaffFormPage /> },
                  { path: 'amnen', element: <TopicsPage /> },
                  { path: 'kommun', element: <MunicipalityPage /> },
                  { path: 'stafett/ny', element: <RelayProgrammeFormPage /> },
                  { path: 'stafett/:id/installningar', element: <RelayProgrammeFormPage /> },
                  { path: 'sprintar/:id', element: <SprintSettingsPage /> },
                  { path: 'sprintar/:id/deltagare', element: <SprintRosterPage /> },
                  { path: 'sprintar/:id/anmalningar', element: <SprintRegistrationsPage /> },
                  { path: 'sprintar/:id/dagen', element: <SprintBoardPage /> },
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
