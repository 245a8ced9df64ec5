import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/button.tsx';
import { Card } from '../../../components/card.tsx';
import { EmptyState } from '../../../components/empty-state.tsx';
import { CalendarDaysIcon, SearchIcon } from '../../../components/icons.tsx';
import { LoadFailedBlock } from '../../../components/load-state.tsx';
import { PageSpinner } from '../../../components/spinner.tsx';
import { errorText } from '../../../lib/form-errors.ts';
import { type AppointmentFilters, useAppointments } from '../api/get-appointments.ts';
import { AppointmentGroups } from './appointment-groups.tsx';

interface AppointmentsListProps {
  filters: AppointmentFilters;
  timeZone: string;
  /** Whether the reader narrowed the list (then "nothing found", else "nothing yet"). */
  isFiltered: boolean;
  /** What the empty state offers: clearing the filters, or booking. */
  emptyAction?: ReactNode;
  /** Staff read the list: who each appointment is with, and requests as the practice. */
  readerIsStaff?: boolean;
}

/** The list part of the appointments page: grouped by day, a page at a time. */
export function AppointmentsList({
  filters,
  timeZone,
  isFiltered,
  emptyAction,
  readerIsStaff,
}: AppointmentsListProps) {
  const { t } = useTranslation();
  const list = useAppointments(filters);
  const now = Date.parse(filters.now);

  if (list.isPending) return <PageSpinner label={t('appointments.list.loading')} />;
  if (list.isError) {
    return (
      <Card>
        <LoadFailedBlock
          message={t('appointments.list.loadFailed', { reason: errorText(t, list.error) })}
          retryLabel={t('appointments.list.retry')}
          onRetry={() => list.refetch()}
        />
      </Card>
    );
  }

  const appointments = list.data.pages.flatMap((page) => page.data);
  if (appointments.length === 0) {
    return (
      <Card>
        <EmptyState
          icon={isFiltered ? <SearchIcon className="size-6" /> : <CalendarDaysIcon className="size-6" />}
          title={
            isFiltered
              ? t('appointments.empty.filteredTitle')
              : t(`appointments.empty.${filters.period}Title`)
          }
          body={
            isFiltered
              ? t('appointments.empty.filteredBody')
              : filters.period === 'upcoming'
                ? t(`appointments.empty.upcomingBody.${readerIsStaff ? 'staff' : 'client'}`)
                : t('appointments.empty.pastBody')
          }
          action={emptyAction}
        />
      </Card>
    );
  }

  return (
    <div>
      <p className="sr-only" role="status">
        {t('appointments.list.count', { count: appointments.length })}
      </p>
      <AppointmentGroups
        appointments={appointments}
        timeZone={timeZone}
        now={now}
        readerIsStaff={readerIsStaff}
      />
      {list.hasNextPage ? (
        <div className="mt-6 flex justify-center">
          <Button
            variant="secondary"
            onClick={() => list.fetchNextPage()}
            isLoading={list.isFetchingNextPage}
          >
            {t('appointments.list.more')}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
