/** Every path of the web app and of the API it calls: nothing else spells a URL. */
export const paths = {
  home: '/',
  login: '/login',
  signup: '/signup',
  dashboard: {
    root: '/dashboard',
    calendar: '/dashboard/calendar',
    calendarSettings: '/dashboard/calendar/settings',
    appointments: '/dashboard/appointments',
    newAppointment: '/dashboard/appointments/new',
    appointment: (id: string) => `/dashboard/appointments/${encodeURIComponent(id)}`,
    editAppointment: (id: string) => `/dashboard/appointments/${encodeURIComponent(id)}/edit`,
    payments: '/dashboard/payments',
    companyManagement: '/dashboard/company-management',
    profile: '/dashboard/profile',
    support: '/dashboard/support',
  },
  admin: {
    root: '/admin',
    appointments: '/admin/appointments',
    appointmentsCalendar: '/admin/appointments/calendar',
    products: '/admin/products',
    users: '/admin/users',
    assistants: '/admin/assistants',
    /** The spec's "API Management" address; it leads to the assistants page. */
    apiManagement: '/admin/api',
    settings: '/admin/settings',
    legal: '/admin/legal',
  },
  api: {
    signup: '/api/signup',
    signIn: '/api/auth/sign-in/email',
    signOut: '/api/auth/sign-out',
    session: '/api/auth/get-session',
    changePassword: '/api/auth/change-password',
    me: '/api/me',
    /** Everything the practice holds about the reader, as one JSON file. */
    myData: '/api/me/export',
    /** The OpenAPI documentation (Swagger UI); `#/<tag>` opens a group of calls. */
    apiDocs: '/api/docs',
    adminPractice: '/api/admin/practice',
    adminPracticeSetup: '/api/admin/practice/setup',
    adminUsers: '/api/admin/users',
    adminUser: (id: string) => `/api/admin/users/${encodeURIComponent(id)}`,
    adminUserPassword: (id: string) => `/api/admin/users/${encodeURIComponent(id)}/password`,
    /** The file a member's request for their data is answered with (GDPR art. 15). */
    adminUserExport: (id: string) => `/api/admin/users/${encodeURIComponent(id)}/export`,
    appointments: '/api/appointments',
    appointmentHistory: (id: string) => `/api/appointments/${encodeURIComponent(id)}/history`,
    appointmentPay: (id: string) => `/api/appointments/${encodeURIComponent(id)}/pay`,
    appointmentsSync: '/api/appointments/sync',
    calendarConnections: '/api/calendar',
    calendarConnect: '/api/calendar/connect',
    calendarServiceAccount: '/api/calendar/service-account',
    calendarStatus: '/api/calendar/status',
    retryPushes: '/api/calendar/retry-pushes',
    calendarBusyTime: '/api/calendar/busy-time',
    calendarSync: '/api/calendar/sync',
    autoSyncStart: '/api/calendar/auto-sync/start',
    autoSyncStop: '/api/calendar/auto-sync/stop',
    supportTickets: '/api/support/tickets',
    supportTicket: (id: string) => `/api/support/tickets/${encodeURIComponent(id)}`,
    payments: '/api/payments',
    calendarFeed: '/api/me/calendar-feed',
    myCompany: '/api/me/company',
    adminAppointments: '/api/admin/appointments',
    appointment: (id: string) => `/api/appointments/${encodeURIComponent(id)}`,
    products: '/api/products',
    adminProducts: '/api/admin/products',
    adminProduct: (id: string) => `/api/admin/products/${encodeURIComponent(id)}`,
    adminAssistants: '/api/admin/assistants',
    adminAssistant: (id: string) => `/api/admin/assistants/${encodeURIComponent(id)}`,
    availability: '/api/availability',
    availabilitySlots: '/api/admin/availability/slots',
    availabilitySlot: (id: string) => `/api/admin/availability/slots/${encodeURIComponent(id)}`,
    availabilityExceptions: '/api/admin/availability/exceptions',
    availabilityException: (id: string) => `/api/admin/availability/exceptions/${encodeURIComponent(id)}`,
  },
} as const;

/** A page that sends people on to `next` once they are signed in. */
export function withNext(path: string, next?: string | null): string {
  return next ? `${path}?${new URLSearchParams({ next })}` : path;
}

/** The login page, remembering where to come back to. */
export function loginPath(next?: string | null): string {
  return withNext(paths.login, next);
}

/** Only in-app paths are followed after sign-in, so a crafted link cannot send people elsewhere. */
export function safeNext(next: string | null | undefined): string {
  const isInApp = next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\');
  if (!next || !isInApp) {
    return paths.dashboard.root;
  }
  return next;
}
