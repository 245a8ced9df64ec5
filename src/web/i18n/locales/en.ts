import { adminPagesEn } from './admin-pages.en.ts';
import { clientPagesEn } from './client-pages.en.ts';

/**
 * English strings: the reference every other language mirrors key for key. The strings of the
 * client pages and of the admin pages live in their own modules, spread in here.
 */
export const en = {
  ...clientPagesEn,
  ...adminPagesEn,
  appointmentStatus: {
    pending: 'Pending',
    confirmed: 'Confirmed',
    cancelled: 'Cancelled',
    completed: 'Completed',
    no_show: 'No-show',
    /** Beside a pending appointment whose answer is the other side's. */
    awaitingClient: 'Awaiting the client',
    awaitingPractice: 'Awaiting the practice',
  },
  /** Staff recording a payment taken at the desk, on an appointment's page and in the admin list. */
  paymentMark: {
    markPaid: 'Mark as paid',
    markUnpaid: 'Mark as unpaid',
    keep: 'Go back',
    paid: {
      title: 'Mark this appointment as paid?',
      body: 'Use this when the client paid at the desk, in cash or by card: “{{title}}” will show as paid ({{price}}), for the client too.',
      /** The appointment has a Lago invoice. */
      invoice: 'Its invoice in Lago is marked paid too.',
      confirm: 'Mark as paid',
      done: '“{{title}}” marked as paid',
    },
    unpaid: {
      title: 'Mark this appointment as unpaid?',
      body: 'Use this only if it was marked paid by mistake: “{{title}}” will show as still to pay ({{price}}).',
      /** The appointment has a Lago invoice. */
      invoice: 'Its invoice in Lago is reopened.',
      confirm: 'Mark as unpaid',
      done: '“{{title}}” marked as unpaid',
    },
    /** Staff, on the page of an appointment the practice marked paid. */
    paidAtDesk: 'Marked as paid by the practice.',
    errors: {
      NOT_PAYABLE: 'This appointment cannot be marked paid: it is free or cancelled.',
      INVALID_STATE:
        'This appointment was paid online through its invoice: that payment can only be refunded through the payment provider.',
      NOT_FOUND: 'This appointment no longer exists.',
    },
  },
  app: {
    name: 'Rendezvous',
    tagline: 'Appointments for your practice, in one calm place.',
    loading: 'Loading…',
    skipToContent: 'Skip to content',
  },
  language: {
    label: 'Language',
    en: 'English',
    fr: 'Français',
    saveFailed: 'Your language could not be saved to your account.',
  },
  auth: {
    login: {
      title: 'Welcome back',
      subtitle: 'Sign in to manage your appointments.',
      submit: 'Sign in',
      submitting: 'Signing in…',
      forgotten: 'Forgot it? Your practice can give you a new one.',
      noAccount: 'New to Rendezvous?',
      toSignup: 'Create your practice',
    },
    signup: {
      title: 'Create your practice',
      subtitle: 'Set up your practice in a minute. You will be its owner.',
      submit: 'Create my practice',
      submitting: 'Creating your practice…',
      hasAccount: 'Already have an account?',
      toLogin: 'Sign in',
    },
    fields: {
      name: 'Your name',
      email: 'Email',
      password: 'Password',
      passwordHint: 'At least 8 characters.',
      organizationName: 'Practice name',
      organizationNameHint: 'The name your clients know, e.g. “Harbour Physio”.',
    },
    placeholders: {
      name: 'Jane Cooper',
      email: 'you@example.com',
      organizationName: 'Harbour Physio',
    },
    marketing: {
      title: 'Every booking, one calendar.',
      points: {
        assistants: 'Voice assistants book for you, around the clock.',
        calendars: 'Kept in step with Google Calendar and Outlook.',
        payments: 'Paid appointments invoiced automatically.',
      },
    },
  },
  nav: {
    main: 'Main navigation',
    client: 'My space',
    admin: 'Administration',
    openMenu: 'Open menu',
    closeMenu: 'Close menu',
    overview: 'Overview',
    calendar: 'Calendar',
    appointments: 'Appointments',
    payments: 'Payments',
    company: 'Company',
    profile: 'Profile',
    support: 'Support',
    adminDashboard: 'Dashboard',
    adminAppointments: 'Appointments',
    products: 'Products',
    organization: 'Organization',
    assistants: 'Assistants',
    settings: 'Settings',
    legal: 'Legal & Compliance',
  },
  userMenu: {
    open: 'Account menu',
    profile: 'Your profile',
    logout: 'Log out',
    logoutFailed: 'You could not be logged out. Try again.',
  },
  roles: {
    owner: 'Owner',
    admin: 'Admin',
    client: 'Client',
  },
  overview: {
    greeting: {
      morning: 'Good morning, {{name}}',
      afternoon: 'Good afternoon, {{name}}',
      evening: 'Good evening, {{name}}',
    },
    summary: 'You are signed in to {{tenant}} as {{role}}.',
    practice: {
      title: 'Your practice',
      name: 'Practice',
      timezone: 'Time zone',
      role: 'Your role',
      action: 'Hours and practice settings',
    },
    upcoming: {
      title: 'Upcoming appointments',
      empty: 'No appointments yet. They will appear here as soon as they are booked.',
      action: 'Go to appointments',
    },
    payments: {
      title: 'Payments',
      empty: 'Invoices for paid appointments will be listed here.',
      action: 'Go to payments',
    },
    team: {
      title: 'Your team',
      body: 'Add the people of your practice: admins who manage the agenda, clients who book.',
      action: 'Manage people',
    },
  },
  notAllowed: {
    title: 'This area is for administrators',
    body: 'Your account does not have access to this page. If you think it should, ask the owner of your practice.',
    back: 'Back to my space',
  },
  notFound: {
    title: 'Page not found',
    body: 'The page you were looking for does not exist or has moved.',
    back: 'Go to my dashboard',
  },
  crash: {
    title: 'Something went wrong',
    body: 'The page could not be displayed. Reload it, and if it keeps happening, contact support.',
    reload: 'Reload the page',
    /** A page's code is missing: the tab was opened before an upgrade of Rendezvous. */
    updatedTitle: 'Rendezvous has been updated',
    updatedBody:
      'This tab still runs the previous version. Reload the page to continue: nothing you saved is lost.',
  },
  validation: {
    invalid: 'Check this value.',
    required: 'This field is required.',
    name: { too_small: 'Enter a name.', too_big: 'This name is too long.' },
    email: { invalid_format: 'Enter a valid email address.', too_big: 'This email is too long.' },
    password: {
      too_small: 'Use at least 8 characters.',
      too_big: 'Use at most 128 characters.',
    },
    organizationName: { too_small: 'Enter the name of your practice.', too_big: 'This name is too long.' },
    loginPassword: { too_small: 'Enter your password.' },
    phone: { too_big: 'This phone number is too long.' },
    email_taken: 'An account with this email already exists.',
  },
  errors: {
    INVALID_EMAIL_OR_PASSWORD: 'That email and password do not match. Check them and try again.',
    EMAIL_TAKEN: 'An account with this email already exists. Sign in instead?',
    RATE_LIMITED: 'Too many attempts. Wait a minute, then try again.',
    NETWORK_ERROR: 'We could not reach Rendezvous. Check your connection and try again.',
    VALIDATION_ERROR: 'Some fields need your attention.',
    FORBIDDEN: 'You are not allowed to do this.',
    UNAUTHENTICATED: 'Your session has ended. Sign in again.',
    CONFLICT: 'This already exists.',
    OVERLAPPING_OPENING:
      'These hours overlap an opening this practitioner already has on that day. Change the hours or the days, or edit the existing opening.',
    NOT_A_STAFF_CALENDAR: 'This calendar belongs to a client: its events cannot block the practice’s time.',
    generic: 'Something went wrong. Try again in a moment.',
  },
};
