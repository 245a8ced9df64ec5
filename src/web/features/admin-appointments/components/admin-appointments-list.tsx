import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import type { AdminAppointment } from '../../../../shared/admin-appointments.ts';
import type { AppointmentStatus } from '../../../../shared/appointments.ts';
import { AwaitingAnswer } from '../../../components/awaiting-answer.tsx';
import { Button } from '../../../components/button.tsx';
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx';
import { EmptyState } from '../../../components/empty-state.tsx';
import { AlertIcon, CalendarDaysIcon } from '../../../components/icons.tsx';
import { LoadingBlock } from '../../../components/load-state.tsx';
import { MarkPaidDialog, type PaymentMark } from '../../../components/mark-paid-dialog.tsx';
import { StatusBadge } from '../../../components/status-badge.tsx';
import { formatShortDay, formatTimeRange } from '../../../lib/format.ts';
import { useUpdateAppointment } from '../../../lib/update-appointment.ts';
import { useConfirmation } from '../../../lib/use-confirmation.ts';
import { useMediaQuery, wideScreen } from '../../../lib/use-media-query.ts';
import { useAdminAppointments } from '../api/get-admin-appointments.ts';
import { actionErrorText } from '../lib/action-errors.ts';
import type { AppointmentFilters } from '../lib/filters.ts';
import { type AppointmentAction, AppointmentActionMenu } from './appointment-action-menu.tsx';
import { AppointmentDetailsDialog } from './appointment-details-dialog.tsx';
import { ClientCell, PriceCell } from './appointment-row-parts.tsx';
import { ConfirmAppointmentDialog } from './confirm-appointment-dialog.tsx';

type Final = 'cancel' | 'noShow';
const finalStatus: Record<Final | 'complete', AppointmentStatus> = {
  cancel: 'cancelled',
  noShow: 'no_show',
  complete: 'completed',
};

interface ListProps {
  filters: AppointmentFilters;
  timeZone: string;
  currentUserId: string;
  onClearFilters: () => void;
}

/**
 * The admin list: a table on wide screens, one card per appointment on phones, each with its
 * action menu; the dialogs the actions open live here.
 */
export function AdminAppointmentsList({ filters, timeZone, currentUserId, onClearFilters }: ListProps) {
  const { t } = useTranslation();
  const isWide = useMediaQuery(wideScreen);
  const list = useAdminAppointments(filters, timeZone);
  const update = useUpdateAppointment();
  const [viewing, setViewing] = useState<AdminAppointment | null>(null);
  const [marking, setMarking] = useState<PaymentMark | null>(null);
  const [confirming, setConfirming] = useState<{
    appointment: AdminAppointment;
    mode: 'confirm' | 'assign';
  } | null>(null);
  const {
    subject: ending,
    error: endError,
    ask: askToEnd,
    fail: endFailed,
  } = useConfirmation<{
    appointment: AdminAppointment;
    action: Final;
  }>();

  const setStatus = async (appointment: AdminAppointment, action: Final | 'complete') => {
    try {
      await update.mutateAsync({ id: appointment.id, input: { status: finalStatus[action] } });
      toast.success(t(`adminAppointments.toast.${action}`, { title: appointment.title }));
      askToEnd(null);
    } catch (error) {
      // Cancelling and no-show ask first: their failure is said in the dialog.
      if (action === 'complete') toast.error(actionErrorText(t, error));
      else endFailed(actionErrorText(t, error));
    }
  };

  const onAction = (action: AppointmentAction, appointment: AdminAppointment) => {
    if (action === 'view') setViewing(appointment);
    else if (action === 'confirm' || action === 'assign') setConfirming({ appointment, mode: action });
    else if (action === 'complete') void setStatus(appointment, 'complete');
    else if (action === 'markPaid' || action === 'markUnpaid')
      setMarking({ appointment, isPaid: action === 'markPaid' });
    else askToEnd({ appointment, action });
  };

  if (list.isPending) {
    return <LoadingBlock label={t('app.loading')} className="py-14" />;
  }
  if (list.isError) {
    return (
      <EmptyState
        icon={<AlertIcon className="size-6" />}
        title={t('adminAppointments.loadFailed')}
        action={
          <Button variant="secondary" onClick={() => void list.refetch()}>
            {t('adminAppointments.retry')}
          </Button>
        }
      />
    );
  }

  const rows = list.data.pages.flatMap((page) => page.data);
  const isFiltered = Boolean(filters.search || filters.status || filters.type || filters.source);
  if (rows.length === 0) {
    return (
      <EmptyState
        icon={<CalendarDaysIcon className="size-6" />}
        title={
          isFiltered ? t('adminAppointments.emptyFiltered') : t(`adminAppointments.empty.${filters.period}`)
        }
        body={isFiltered ? t('adminAppointments.emptyFilteredBody') : undefined}
        action={
          isFiltered ? (
            <Button variant="secondary" onClick={onClearFilters}>
              {t('adminAppointments.clearFilters')}
            </Button>
          ) : undefined
        }
      />
    );
  }

  const menu = (a: AdminAppointment) => <AppointmentActionMenu appointment={a} onAction={onAction} />;

  return (
    <>
      <p className="sr-only" role="status">
        {t('adminAppointments.count', { count: rows.length })}
      </p>
      {isWide ? (
        <div className="overflow-x-auto">
          {/* Fixed layout: the title and client columns share what the others leave, and truncate. */}
          <table className="w-full min-w-[44rem] table-fixed text-left text-sm">
            <caption className="sr-only">{t('adminAppointments.tableCaption')}</caption>
            <thead className="border-b border-slate-100 bg-slate-50/60 text-xs font-medium text-slate-500">
              <tr>
                <th scope="col" className="w-36 py-2.5 pr-3 pl-5 font-medium">
                  {t('adminAppointments.columns.when')}
                </th>
                <th scope="col" className="px-3 py-2.5 font-medium">
                  {t('adminAppointments.columns.appointment')}
                </th>
                <th scope="col" className="px-3 py-2.5 font-medium">
                  {t('adminAppointments.columns.client')}
                </th>
                <th scope="col" className="hidden w-44 px-3 py-2.5 font-medium 2xl:table-cell">
                  {t('adminAppointments.columns.assignedTo')}
                </th>
                <th scope="col" className="w-28 px-3 py-2.5 font-medium">
                  {t('adminAppointments.columns.status')}
                </th>
                <th scope="col" className="w-28 px-3 py-2.5 font-medium">
                  {t('adminAppointments.columns.price')}
                </th>
                <th scope="col" className="w-16 py-2.5 pr-4 pl-3 text-right font-medium">
                  <span className="sr-only">{t('adminAppointments.columns.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((a) => (
                <tr key={a.id} className="align-top hover:bg-slate-50/60">
                  <td className="py-3 pr-3 pl-5 whitespace-nowrap">
                    <span className="block font-medium text-slate-900">
                      {formatShortDay(a.startTime, timeZone)}
                    </span>
                    <span className="block text-slate-500 tabular-nums">
                      {formatTimeRange(a.startTime, a.endTime, timeZone)}
                    </span>
                  </td>
                  <td className="px-3 py-3">
                    <span className="block truncate font-medium text-slate-900" title={a.title}>
                      {a.title}
                    </span>
                    {/* The product's name says something only when the title does not already. */}
                    {a.product && a.product.name !== a.title ? (
                      <span className="block truncate text-slate-500">{a.product.name}</span>
                    ) : null}
                    <span className="block truncate text-xs text-slate-500 2xl:hidden">
                      {a.assignedAdmin
                        ? t('adminAppointments.withPractitioner', { name: a.assignedAdmin.name })
                        : t('adminAppointments.unassigned')}
                    </span>
                  </td>
                  <td className="px-3 py-3">
                    <ClientCell appointment={a} />
                  </td>
                  <td className="hidden truncate px-3 py-3 text-slate-700 2xl:table-cell">
                    {a.assignedAdmin?.name ?? (
                      <span className="text-slate-500">{t('adminAppointments.unassigned')}</span>
                    )}
                  </td>
                  <td className="px-3 py-3">
                    <StatusBadge status={a.status} />
                    <AwaitingAnswer appointment={a} readerIsStaff className="mt-1 block" />
                  </td>
                  <td className="px-3 py-3 whitespace-nowrap">
                    <PriceCell appointment={a} />
                  </td>
                  <td className="py-2 pr-4 pl-3 text-right">{menu(a)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <ul className="divide-y divide-slate-100">
          {rows.map((a) => (
            <li key={a.id} className="px-4 py-4">
              <div className="flex items-start gap-3">
                <div className="min-w-0 flex-1">
                  <p className="text-xs font-medium text-slate-500">
                    {formatShortDay(a.startTime, timeZone)} ·{' '}
                    {formatTimeRange(a.startTime, a.endTime, timeZone)}
                  </p>
                  <p className="mt-0.5 truncate text-sm font-semibold text-slate-900">{a.title}</p>
                </div>
                <div className="-mt-1 -mr-1 shrink-0">{menu(a)}</div>
              </div>
              <div className="mt-2 text-sm">
                <ClientCell appointment={a} />
              </div>
              <div className="mt-2.5 flex flex-wrap items-center gap-x-3 gap-y-2 text-sm">
                <StatusBadge status={a.status} />
                <PriceCell appointment={a} />
                <AwaitingAnswer appointment={a} readerIsStaff />
              </div>
              {/* A line of its own: beside a short price it would sit in the row, else under it. */}
              <p className="mt-2 truncate text-xs text-slate-500">
                {a.assignedAdmin
                  ? t('adminAppointments.withPractitioner', { name: a.assignedAdmin.name })
                  : t('adminAppointments.unassigned')}
              </p>
            </li>
          ))}
        </ul>
      )}
      {list.hasNextPage ? (
        <div className="flex justify-center border-t border-slate-100 px-5 py-4">
          <Button
            variant="secondary"
            onClick={() => void list.fetchNextPage()}
            isLoading={list.isFetchingNextPage}
          >
            {t('adminAppointments.loadMore')}
          </Button>
        </div>
      ) : null}

      <AppointmentDetailsDialog appointment={viewing} timeZone={timeZone} onClose={() => setViewing(null)} />
      <MarkPaidDialog mark={marking} onClose={() => setMarking(null)} />
      <ConfirmAppointmentDialog
        target={confirming}
        timeZone={timeZone}
        currentUserId={currentUserId}
        onClose={() => setConfirming(null)}
      />
      <ConfirmDialog
        open={ending !== null}
        onClose={() => askToEnd(null)}
        onConfirm={() => ending && void setStatus(ending.appointment, ending.action)}
        title={ending ? t(`adminAppointments.ending.${ending.action}.title`) : ''}
        body={
          ending
            ? t(`adminAppointments.ending.${ending.action}.body`, { title: ending.appointment.title })
            : ''
        }
        confirmLabel={ending ? t(`adminAppointments.ending.${ending.action}.confirm`) : ''}
        cancelLabel={t('adminAppointments.ending.keep')}
        isLoading={update.isPending}
        error={endError}
      />
    </>
  );
}
