import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { AwaitingAnswer } from '../../../components/awaiting-answer.tsx';
import { ButtonLink } from '../../../components/button.tsx';
import { Card, CardHeader } from '../../../components/card.tsx';
import { EmptyState } from '../../../components/empty-state.tsx';
import { CheckCircleIcon, ClockIcon } from '../../../components/icons.tsx';
import { LoadingBlock } from '../../../components/load-state.tsx';
import { formatShortDay, formatTime } from '../../../lib/format.ts';
import { paths } from '../../../lib/paths.ts';
import { nameBesideTitle } from '../../../lib/person-name.ts';
import { useAdminAppointments } from '../api/get-admin-appointments.ts';
import { clientName } from '../lib/export-appointments.ts';
import { type AppointmentFilters, defaultFilters, filtersToParams } from '../lib/filters.ts';

const pending: AppointmentFilters = { ...defaultFilters, status: 'pending' };
const pendingThisMonth: AppointmentFilters = { ...pending, period: 'month' };
const shown = 5;

/**
 * The next requests waiting for an answer, each leading to its page, with a way to the full list.
 * Those the practice proposed are marked as the client's to answer.
 * `pendingThisMonth` is the "To confirm" figure of the month's statistics: when none of those
 * requests is still to come, the card says so rather than seem to contradict that figure.
 */
export function PendingRequestsCard({
  timeZone,
  pendingThisMonth: monthCount = 0,
  appointmentHref,
}: {
  timeZone: string;
  pendingThisMonth?: number;
  /** An appointment's page, where it is confirmed or changed. */
  appointmentHref: (id: string) => string;
}) {
  const { t } = useTranslation();
  const list = useAdminAppointments(pending, timeZone);
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];
  const more = list.hasNextPage || rows.length > shown;
  const onlyPassed = !list.isPending && !list.isError && rows.length === 0 && monthCount > 0;

  return (
    <Card className="flex flex-col">
      <CardHeader icon={<ClockIcon className="size-5" />} title={t('adminDashboard.pending.title')} />
      {list.isPending ? (
        <LoadingBlock label={t('app.loading')} className="flex-1" />
      ) : rows.length === 0 ? (
        <EmptyState
          icon={<CheckCircleIcon className="size-6" />}
          title={list.isError ? t('adminDashboard.pending.loadFailed') : t('adminDashboard.pending.empty')}
          body={onlyPassed ? t('adminDashboard.pending.passed', { count: monthCount }) : undefined}
        />
      ) : (
        <ul className="flex-1 divide-y divide-slate-100">
          {rows.slice(0, shown).map((a) => (
            <li key={a.id} className="px-5 py-3">
              <div className="min-w-0">
                <p className="truncate text-sm font-medium text-slate-900">
                  <Link
                    to={appointmentHref(a.id)}
                    className="hover:underline focus-visible:outline-2 focus-visible:outline-teal-600"
                  >
                    {a.title}
                  </Link>
                </p>
                <p className="truncate text-xs text-slate-500">
                  {formatShortDay(a.startTime, timeZone)}, {formatTime(a.startTime, timeZone)}
                  {nameBesideTitle(a.title, clientName(a)) ? ` · ${clientName(a)}` : ''}
                </p>
                {/* What the practice proposed waits for the client, and says so. */}
                <AwaitingAnswer appointment={a} readerIsStaff className="block" />
              </div>
            </li>
          ))}
        </ul>
      )}
      <div className="border-t border-slate-100 px-5 py-3">
        <ButtonLink
          variant="ghost"
          size="sm"
          className="-ml-3"
          to={`${paths.admin.appointments}?${filtersToParams(onlyPassed ? pendingThisMonth : pending)}`}
        >
          {onlyPassed
            ? t('adminDashboard.pending.openPassed')
            : more
              ? t('adminDashboard.pending.seeAll')
              : t('adminDashboard.pending.open')}
        </ButtonLink>
      </div>
    </Card>
  );
}
