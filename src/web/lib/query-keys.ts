import type { QueryClient } from '@tanstack/react-query';

/**
 * The query keys that more than one feature reads or invalidates. Features do not import each
 * other, yet a change made on one page must refresh what every other page shows: an appointment
 * confirmed from the practice calendar changes the admin list, the month's figures, the client's
 * overview, their calendar and the payments. So every query that shows appointments sits under
 * one prefix, and every mutation of an appointment goes through `invalidateAppointments`.
 */
const appointments = ['appointments'] as const;
const admin = [...appointments, 'admin'] as const;
const availability = ['availability'] as const;

export const appointmentKeys = {
  /** Every view of appointments, whoever reads them. */
  all: appointments,
  /** The reader's own list on the dashboard, a page at a time. */
  list: (filters: object) => [...appointments, 'list', filters] as const,
  /** The overview's counts and next appointments. */
  upcoming: (now: string) => [...appointments, 'upcoming', now] as const,
  pendingConfirmation: (role: string, now: string) =>
    [...appointments, 'pending-confirmation', role, now] as const,
  unpaid: [...appointments, 'unpaid'] as const,
  /** One appointment, and its history under it. */
  detail: (id: string) => [...appointments, 'detail', id] as const,
  history: (id: string) => [...appointments, 'detail', id, 'history'] as const,
  /** What a calendar draws of a range, the reader's or the practice's. */
  calendar: (scope: string, start: string, end: string) =>
    [...appointments, 'calendar', scope, start, end] as const,
  /** Paid appointments and where their payment stands. */
  payments: [...appointments, 'payments'] as const,
  /** The administration's list and this month's figures. */
  admin,
  adminList: (query: object) => [...admin, 'list', query] as const,
  stats: [...admin, 'stats'] as const,
};

export const availabilityKeys = {
  /** Openings, exceptions and what they make bookable: an opening changed refreshes them all. */
  all: availability,
  slots: (userId: string) => [...availability, 'slots', userId] as const,
  exceptions: (userId: string) => [...availability, 'exceptions', userId] as const,
  /** What clients could book: taken and freed by appointments as well as by openings. */
  bookable: [...availability, 'bookable'] as const,
  bookableRange: (practitionerId: string, start: string, end: string, timeZone: string, productId: string) =>
    [...availability, 'bookable', practitionerId, start, end, timeZone, productId] as const,
};

/**
 * After any change to appointments (confirm, cancel, complete, no-show, assign, create, request,
 * pay, sync): every view of them, and the bookable times they take or free, are read again. The
 * pages on screen refetch now, the others when they next open.
 */
export function invalidateAppointments(queryClient: QueryClient): Promise<unknown> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: appointmentKeys.all }),
    queryClient.invalidateQueries({ queryKey: availabilityKeys.bookable }),
  ]);
}
