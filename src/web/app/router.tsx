import { createBrowserRouter, type LoaderFunctionArgs, type RouteObject, redirect } from 'react-router';
import { PageSpinner } from '../components/spinner.tsx';
import { meQueryOptions } from '../features/auth/api/get-me.ts';
import { i18next } from '../i18n/index.ts';
import { isApiError } from '../lib/api-client.ts';
import { loginPath, paths } from '../lib/paths.ts';
import { queryClient } from '../lib/query-client.ts';
import { AppShell } from './layouts/app-shell.tsx';
import { AdminGate } from './routes/admin/admin-gate.tsx';
import { RouteError } from './routes/route-error.tsx';

/** Signed-out visitors go to the login page, which brings them back here afterwards. */
async function requireSession({ request }: LoaderFunctionArgs) {
  try {
    await queryClient.ensureQueryData(meQueryOptions());
    return null;
  } catch (error) {
    if (isApiError(error) && error.status === 401) {
      const url = new URL(request.url);
      throw redirect(loginPath(url.pathname + url.search));
    }
    throw error;
  }
}

export const routes: RouteObject[] = [
  {
    errorElement: <RouteError />,
    hydrateFallbackElement: <PageSpinner label={i18next.t('app.loading')} />,
    children: [
      { path: paths.home, loader: () => redirect(paths.dashboard.root) },
      { path: paths.login, lazy: () => import('./routes/login.tsx') },
      { path: paths.signup, lazy: () => import('./routes/signup.tsx') },
      {
        id: 'shell',
        loader: requireSession,
        Component: AppShell,
        children: [
          { path: paths.dashboard.root, lazy: () => import('./routes/dashboard/overview.tsx') },
          { path: paths.dashboard.calendar, lazy: () => import('./routes/dashboard/calendar.tsx') },
          {
            path: paths.dashboard.calendarSettings,
            lazy: () => import('./routes/dashboard/calendar-settings.tsx'),
          },
          { path: paths.dashboard.appointments, lazy: () => import('./routes/dashboard/appointments.tsx') },
          {
            path: paths.dashboard.newAppointment,
            lazy: () => import('./routes/dashboard/appointment-new.tsx'),
          },
          {
            path: `${paths.dashboard.appointments}/:id`,
            lazy: () => import('./routes/dashboard/appointment-detail.tsx'),
          },
          {
            path: `${paths.dashboard.appointments}/:id/edit`,
            lazy: () => import('./routes/dashboard/appointment-edit.tsx'),
          },
          { path: paths.dashboard.payments, lazy: () => import('./routes/dashboard/payments.tsx') },
          {
            path: paths.dashboard.companyManagement,
            lazy: () => import('./routes/dashboard/company-management.tsx'),
          },
          { path: paths.dashboard.profile, lazy: () => import('./routes/dashboard/profile.tsx') },
          { path: paths.dashboard.support, lazy: () => import('./routes/dashboard/support.tsx') },
          {
            Component: AdminGate,
            children: [
              { path: paths.admin.root, lazy: () => import('./routes/admin/dashboard.tsx') },
              { path: paths.admin.appointments, lazy: () => import('./routes/admin/appointments.tsx') },
              {
                path: paths.admin.appointmentsCalendar,
                lazy: () => import('./routes/admin/appointments-calendar.tsx'),
              },
              { path: paths.admin.products, lazy: () => import('./routes/admin/products.tsx') },
              { path: paths.admin.users, lazy: () => import('./routes/admin/users.tsx') },
              { path: paths.admin.assistants, lazy: () => import('./routes/admin/assistants.tsx') },
              { path: paths.admin.apiManagement, loader: () => redirect(paths.admin.assistants) },
              { path: paths.admin.settings, lazy: () => import('./routes/admin/settings.tsx') },
              { path: paths.admin.legal, lazy: () => import('./routes/admin/legal.tsx') },
            ],
          },
        ],
      },
      { path: '*', lazy: () => import('./routes/not-found.tsx') },
    ],
  },
];

export const router = createBrowserRouter(routes);
