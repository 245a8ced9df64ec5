import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import type { Slot } from '../../../../shared/availability.ts';
import { Badge } from '../../../components/badge.tsx';
import { Button } from '../../../components/button.tsx';
import { Card, CardHeader } from '../../../components/card.tsx';
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx';
import { ClockIcon, MoreIcon, PencilIcon, PlusIcon, TrashIcon } from '../../../components/icons.tsx';
import { LoadFailedBlock, LoadingBlock } from '../../../components/load-state.tsx';
import { Menu } from '../../../components/menu.tsx';
import { cn } from '../../../lib/cn.ts';
import { errorText } from '../../../lib/form-errors.ts';
import { useConfirmation } from '../../../lib/use-confirmation.ts';
import { useDeleteSlot, useSaveSlot, useSlots } from '../api/slots.ts';
import { hm, weekDays, weekdayTitle } from '../lib/week.ts';
import { OpeningFormDialog } from './opening-form-dialog.tsx';

/** The week, Monday to Sunday, with each day's openings; closed days say so. */
export function WeeklyOpenings({ userId }: { userId: string }) {
  const { t } = useTranslation();
  const slots = useSlots(userId);
  const save = useSaveSlot();
  const remove = useDeleteSlot();
  const [editing, setEditing] = useState<{ slot: Slot | null } | null>(null);
  const {
    subject: deleting,
    error: deleteError,
    ask: askToDelete,
    fail: deleteFailed,
  } = useConfirmation<Slot>();

  const slotLabel = (slot: Slot) =>
    t('availability.week.slotLabel', {
      day: weekdayTitle(slot.dayOfWeek),
      start: hm(slot.startTime),
      end: hm(slot.endTime),
    });

  const toggle = async (slot: Slot) => {
    try {
      await save.mutateAsync({ id: slot.id, input: { isActive: !slot.isActive } });
      toast.success(
        t(slot.isActive ? 'availability.toast.paused' : 'availability.toast.resumed', {
          slot: slotLabel(slot),
        }),
      );
    } catch (error) {
      toast.error(errorText(t, error));
    }
  };

  const confirmDelete = async () => {
    if (!deleting) return;
    try {
      await remove.mutateAsync(deleting.id);
      toast.success(t('availability.toast.openingRemoved', { slot: slotLabel(deleting) }));
      askToDelete(null);
    } catch (error) {
      deleteFailed(errorText(t, error));
    }
  };

  return (
    <Card>
      <CardHeader
        icon={<ClockIcon className="size-5" />}
        title={t('availability.week.title')}
        description={t('availability.week.description')}
        action={
          <Button size="sm" icon={<PlusIcon className="size-4" />} onClick={() => setEditing({ slot: null })}>
            <span className="sr-only sm:not-sr-only">{t('availability.week.add')}</span>
          </Button>
        }
      />
      {slots.isPending ? (
        <LoadingBlock label={t('app.loading')} />
      ) : slots.isError ? (
        <LoadFailedBlock
          message={t('availability.week.loadFailed')}
          retryLabel={t('availability.retry')}
          onRetry={() => void slots.refetch()}
        />
      ) : (
        <ul className="divide-y divide-slate-100">
          {weekDays.map((day) => {
            const ofDay = slots.data.filter((s) => s.dayOfWeek === day);
            return (
              <li key={day} className="flex flex-col gap-2 px-5 py-3.5 sm:flex-row sm:items-start sm:gap-4">
                <h3 className="w-28 shrink-0 pt-1.5 text-sm font-semibold text-slate-900">
                  {weekdayTitle(day)}
                </h3>
                {ofDay.length === 0 ? (
                  <p className="pt-1.5 text-sm text-slate-500">{t('availability.week.closed')}</p>
                ) : (
                  <ul className="flex-1 space-y-2" aria-label={weekdayTitle(day)}>
                    {ofDay.map((slot) => (
                      <li
                        key={slot.id}
                        className={cn(
                          'flex items-center gap-3 rounded-xl px-3 py-2 ring-1 ring-inset',
                          slot.isActive ? 'bg-teal-50/50 ring-teal-100' : 'bg-slate-50 ring-slate-200',
                        )}
                      >
                        <div className="min-w-0 flex-1">
                          <p className="flex flex-wrap items-center gap-2 text-sm">
                            <span className="font-semibold text-slate-900 tabular-nums">
                              {hm(slot.startTime)} – {hm(slot.endTime)}
                            </span>
                            {slot.isActive ? null : <Badge>{t('availability.week.paused')}</Badge>}
                          </p>
                          <p className="text-xs text-slate-600">
                            {t('availability.week.details', {
                              duration: slot.duration,
                              max: slot.maxAppointments,
                              count: slot.maxAppointments,
                            })}
                            {slot.bufferBefore
                              ? ` · ${t('availability.week.bufferBefore', { count: slot.bufferBefore })}`
                              : ''}
                            {slot.bufferAfter
                              ? ` · ${t('availability.week.bufferAfter', { count: slot.bufferAfter })}`
                              : ''}
                          </p>
                        </div>
                        <Menu
                          label={t('availability.week.actions', { slot: slotLabel(slot) })}
                          trigger={<MoreIcon className="size-5" />}
                          items={[
                            {
                              key: 'edit',
                              label: t('availability.week.edit'),
                              icon: <PencilIcon className="size-4.5" />,
                              onSelect: () => setEditing({ slot }),
                            },
                            {
                              key: 'toggle',
                              label: slot.isActive
                                ? t('availability.week.pause')
                                : t('availability.week.resume'),
                              icon: <ClockIcon className="size-4.5" />,
                              onSelect: () => void toggle(slot),
                            },
                            {
                              key: 'delete',
                              label: t('availability.week.delete'),
                              icon: <TrashIcon className="size-4.5" />,
                              tone: 'danger',
                              onSelect: () => askToDelete(slot),
                            },
                          ]}
                        />
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <OpeningFormDialog
        open={editing !== null}
        slot={editing?.slot ?? null}
        userId={userId}
        onClose={() => setEditing(null)}
      />
      <ConfirmDialog
        open={deleting !== null}
        onClose={() => askToDelete(null)}
        onConfirm={() => void confirmDelete()}
        title={t('availability.week.deleteTitle')}
        body={deleting ? t('availability.week.deleteBody', { slot: slotLabel(deleting) }) : ''}
        confirmLabel={t('availability.week.deleteConfirm')}
        cancelLabel={t('availability.keep')}
        isLoading={remove.isPending}
        error={deleteError}
      />
    </Card>
  );
}
