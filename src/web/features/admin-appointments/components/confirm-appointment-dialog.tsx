import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import type { AdminAppointment } from '../../../../shared/admin-appointments.ts';
import {
  type AppointmentType,
  appointmentTypes,
  type UpdateAppointmentInput,
} from '../../../../shared/appointments.ts';
import { ErrorAlert } from '../../../components/alert.tsx';
import { Button } from '../../../components/button.tsx';
import { Dialog, DialogFooter } from '../../../components/dialog.tsx';
import { ChoiceCards, SelectField, TextField } from '../../../components/field.tsx';
import { formatDay, formatTimeRange } from '../../../lib/format.ts';
import { centsToInput, parseMoneyInput } from '../../../lib/money-input.ts';
import { useUpdateAppointment } from '../../../lib/update-appointment.ts';
import { useOnOpen } from '../../../lib/use-on-open.ts';
import { usePractitioners } from '../api/get-practitioners.ts';
import { actionErrorText } from '../lib/action-errors.ts';

interface ConfirmAppointmentDialogProps {
  /** The appointment, and whether to confirm it (pending) or only change its practitioner. */
  target: { appointment: AdminAppointment; mode: 'confirm' | 'assign' } | null;
  timeZone: string;
  currentUserId: string;
  onClose: () => void;
}

/**
 * Confirms a pending request (spec flow 2, admin side): who takes it, and whether it is paid,
 * at what price. For a confirmed appointment, changes who takes it.
 */
export function ConfirmAppointmentDialog({
  target,
  timeZone,
  currentUserId,
  onClose,
}: ConfirmAppointmentDialogProps) {
  const { t } = useTranslation();
  const practitioners = usePractitioners(target !== null);
  const update = useUpdateAppointment();
  const select = useRef<HTMLSelectElement>(null);
  const [assignee, setAssignee] = useState('');
  const [type, setType] = useState<AppointmentType>('free');
  const [price, setPrice] = useState('');
  const [priceError, setPriceError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | null>(null);

  const appointment = target?.appointment ?? null;
  const isConfirming = target?.mode === 'confirm';

  useOnOpen(appointment !== null, () => {
    if (!appointment) return;
    setAssignee(appointment.assignedAdminId ?? currentUserId);
    // A client's request is free until the practice prices it: one for a paid service starts
    // from the service's price, which confirming at a glance would otherwise drop.
    const unpriced =
      appointment.source === 'client' && appointment.type === 'free' && appointment.price === 0;
    const fromService =
      appointment.status === 'pending' && unpriced && appointment.product?.type === 'paid'
        ? appointment.product
        : null;
    const start = fromService ?? appointment;
    setType(start.type);
    setPrice(start.price > 0 ? centsToInput(start.price) : '');
    setPriceError(undefined);
    setFormError(null);
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!appointment) return;
    const input: UpdateAppointmentInput = {};
    if (isConfirming) {
      const cents = type === 'paid' ? parseMoneyInput(price) : 0;
      if (type === 'paid' && (cents === null || cents <= 0)) {
        setPriceError(t('adminAppointments.confirm.priceInvalid'));
        return;
      }
      input.status = 'confirmed';
      // Said even when unchanged: a request left free is free (the server would otherwise
      // price a paid service's request as the service).
      input.type = type;
      input.price = cents ?? 0;
    }
    if (assignee && assignee !== appointment.assignedAdminId) input.assignedAdminId = assignee;
    if (Object.keys(input).length === 0) {
      onClose();
      return;
    }
    setFormError(null);
    try {
      await update.mutateAsync({ id: appointment.id, input });
      const name = practitioners.data?.find((p) => p.id === assignee)?.name ?? '';
      toast.success(
        isConfirming
          ? t('adminAppointments.toast.confirmed', { title: appointment.title })
          : t('adminAppointments.toast.assigned', { title: appointment.title, name }),
      );
      onClose();
    } catch (error) {
      setFormError(actionErrorText(t, error));
    }
  };

  const options = practitioners.data ?? [];
  return (
    <Dialog
      open={appointment !== null}
      onClose={onClose}
      title={isConfirming ? t('adminAppointments.confirm.title') : t('adminAppointments.confirm.assignTitle')}
      description={
        appointment
          ? `${appointment.title} · ${formatDay(appointment.startTime, timeZone)}, ${formatTimeRange(appointment.startTime, appointment.endTime, timeZone)}`
          : ''
      }
      initialFocus={select}
    >
      <form onSubmit={submit} noValidate>
        <div className="space-y-4 px-6 py-5">
          {formError ? <ErrorAlert>{formError}</ErrorAlert> : null}
          <SelectField
            ref={select}
            label={t('adminAppointments.confirm.practitioner')}
            hint={t('adminAppointments.confirm.practitionerHint')}
            value={assignee}
            onChange={(e) => setAssignee(e.target.value)}
          >
            {options.length === 0 && appointment?.assignedAdmin ? (
              <option value={appointment.assignedAdmin.id}>{appointment.assignedAdmin.name}</option>
            ) : null}
            {options.map((p) => (
              <option key={p.id} value={p.id}>
                {p.id === currentUserId ? t('adminAppointments.confirm.you', { name: p.name }) : p.name}
              </option>
            ))}
          </SelectField>
          {isConfirming ? (
            <ChoiceCards
              legend={t('adminAppointments.confirm.payment')}
              value={type}
              onChange={setType}
              choices={appointmentTypes.map((value) => ({
                value,
                label: t(`adminAppointments.type.${value}`),
              }))}
            />
          ) : null}
          {isConfirming && type === 'paid' ? (
            <TextField
              label={t('adminAppointments.confirm.price', { currency: appointment?.currency ?? 'EUR' })}
              inputMode="decimal"
              autoComplete="off"
              value={price}
              onChange={(e) => {
                setPrice(e.target.value);
                setPriceError(undefined);
              }}
              error={priceError}
              placeholder="50.00"
            />
          ) : null}
        </div>
        <DialogFooter>
          <Button variant="secondary" onClick={onClose}>
            {t('adminAppointments.confirm.cancel')}
          </Button>
          <Button type="submit" isLoading={update.isPending}>
            {isConfirming
              ? t('adminAppointments.confirm.submit')
              : t('adminAppointments.confirm.assignSubmit')}
          </Button>
        </DialogFooter>
      </form>
    </Dialog>
  );
}
