import type {
  AppointmentSource,
  AppointmentStatus,
  AppointmentType,
} from '../../../../shared/appointments.ts';
import {
  appointmentSources,
  appointmentStatuses,
  appointmentTypes,
} from '../../../../shared/appointments.ts';
import { dayKey } from '../../../lib/format.ts';
import { inputsToInstant } from '../../../lib/zoned-time.ts';

export const periods = ['upcoming', 'month', 'all'] as const;
export type Period = (typeof periods)[number];

/** What the list shows; kept in the page's URL so a reload or a shared link keeps it. */
export interface AppointmentFilters {
  search: string;
  status: AppointmentStatus | '';
  type: AppointmentType | '';
  /** Who booked (the voice assistant, a client, the practice…). */
  source: AppointmentSource | '';
  period: Period;
}

export const defaultFilters: AppointmentFilters = {
  search: '',
  status: '',
  type: '',
  source: '',
  period: 'upcoming',
};

function oneOf<T extends string>(values: readonly T[], value: string | null): T | '' {
  return value && (values as readonly string[]).includes(value) ? (value as T) : '';
}

export function filtersFromParams(params: URLSearchParams): AppointmentFilters {
  return {
    search: (params.get('q') ?? '').slice(0, 200),
    status: oneOf(appointmentStatuses, params.get('status')),
    type: oneOf(appointmentTypes, params.get('type')),
    source: oneOf(appointmentSources, params.get('source')),
    period: oneOf(periods, params.get('period')) || defaultFilters.period,
  };
}

export function filtersToParams(filters: AppointmentFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.search) params.set('q', filters.search);
  if (filters.status) params.set('status', filters.status);
  if (filters.type) params.set('type', filters.type);
  if (filters.source) params.set('source', filters.source);
  if (filters.period !== defaultFilters.period) params.set('period', filters.period);
  return params;
}

function nextMonth(month: string): string {
  const [year, m] = month.split('-').map(Number);
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
}

/**
 * The period as the API's bounds, cut in the practice's time zone: upcoming = from the start of
 * today (so this morning's appointments are still there to mark completed), month = this month.
 */
export function periodBounds(
  period: Period,
  timeZone: string,
  now = new Date(),
): { startDate?: string; endDate?: string } {
  if (period === 'all') return {};
  const today = dayKey(now, timeZone);
  if (period === 'upcoming') return { startDate: inputsToInstant(today, '00:00', timeZone)?.toISOString() };
  const month = today.slice(0, 7);
  const start = inputsToInstant(`${month}-01`, '00:00', timeZone);
  const end = inputsToInstant(`${nextMonth(month)}-01`, '00:00', timeZone);
  return {
    startDate: start?.toISOString(),
    endDate: end ? new Date(end.getTime() - 1).toISOString() : undefined,
  };
}

/** The API query of a set of filters (without the cursor). */
export function listQuery(filters: AppointmentFilters, timeZone: string) {
  return {
    search: filters.search.trim() || undefined,
    status: filters.status || undefined,
    type: filters.type || undefined,
    source: filters.source || undefined,
    ...periodBounds(filters.period, timeZone),
  };
}
