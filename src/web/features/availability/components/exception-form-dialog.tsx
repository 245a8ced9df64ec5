import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import type { CreateExceptionInput } from '../../../../shared/availability.ts';
import { ErrorAlert } from '../../../components/alert.tsx';
import { Button } from '../../../components/button.tsx';
import { Dialog, DialogFooter } from '../../../components/dialog.tsx';
import { ChoiceCards, TextField } from '../../../components/field.tsx';
import { errorText } from '../../../lib/form-errors.ts';
import { formatCalendarDay } from '../../../lib/format.ts';
import { useOnOpen } from '../../../lib/use-on-open.ts';
import { useCreateException } from '../api/exceptions.ts';

export const exceptionKinds = ['closedDay', 'closedHours', 'extraHours'] as const;
type Kind = (typeof exceptionKinds)[number];

interface Errors {
  date?: string;
  startTime?: string;
  endTime?: string;
  reason?: string;
}

interface ExceptionFormDialogProps {
  open: boolean;
  userId: string;
  /** Today in the practice's zone, `YYYY-MM-DD`: exceptions start from here. */
  today: string;
  onClose: () => void;
}

/** A date off the weekly pattern: closed all day, closed for some hours, or open for extra hours. */
export function ExceptionFormDialog({ open, userId, today, onClose }: ExceptionFormDialogProps) {
  const { t } = useTranslation();
  const create = useCreateException();
  const dateInput = useRef<HTMLInputElement>(null);
  const [date, setDate] = useState(today);
  const [kind, setKind] = useState<Kind>('closedDay');
  const [startTime, setStartTime] = useState('09:00');
  const [endTime, setEndTime] = useState('12:00');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);

  useOnOpen(open, () => {
    setDate(today);
    setKind('closedDay');
    setStartTime('09:00');
    setEndTime('12:00');
    setReason('');
    setErrors({});
    setFormError(null);
  });

  const hasHours = kind !== 'closedDay';

  const validate = (): Errors => {
    const found: Errors = {};
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) found.date = t('availability.exception.errors.date');
    else if (date < today) found.date = t('availability.exception.errors.past');
    if (hasHours) {
      if (!/^\d{2}:\d{2}$/.test(startTime)) found.startTime = t('availability.exception.errors.time');
      if (!/^\d{2}:\d{2}$/.test(endTime)) found.endTime = t('availability.exception.errors.time');
      else if (endTime <= startTime) found.endTime = t('availability.exception.errors.endBeforeStart');
    }
    if (reason.length > 500) found.reason = t('availability.exception.errors.reason');
    return found;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const input: CreateExceptionInput = {
      userId,
      date,
      isAvailable: kind === 'extraHours',
      ...(hasHours ? { startTime, endTime } : {}),
      reason: reason.trim() || null,
    };
    setFormError(null);
    try {
      await create.mutateAsync(input);
      toast.success(t('availability.toast.exceptionAdded', { date: formatCalendarDay(date, 'long') }));
      onClose();
    } catch (error) {
      setFormError(errorText(t, error));
    }
  };

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={t('availability.exception.addTitle')}
      description={t('availability.exception.description')}
      initialFocus={dateInput}
    >
      <form onSubmit={submit} noValidate>
        <div className="max-h-[65dvh] space-y-4 overflow-y-auto px-6 py-5">
          {formError ? <ErrorAlert>{formError}</ErrorAlert> : null}
          <TextField
            ref={dateInput}
            label={t('availability.exception.date')}
            type="date"
            min={today}
            value={date}
            onChange={(e) => setDate(e.target.value)}
            error={errors.date}
          />
          <ChoiceCards
            legend={t('availability.exception.kind')}
            layout="column"
            value={kind}
            onChange={setKind}
            choices={exceptionKinds.map((value) => ({
              value,
              label: t(`availability.exception.kinds.${value}`),
              hint: t(`availability.exception.kindHints.${value}`),
            }))}
          />
          {hasHours ? (
            <div className="grid grid-cols-2 gap-3">
              <TextField
                label={t('availability.exception.start')}
                type="time"
                value={startTime}
                onChange={(e) => setStartTime(e.target.value)}
                error={errors.startTime}
              />
              <TextField
                label={t('availability.exception.end')}
                type="time"
                value={endTime}
                onChange={(e) => setEndTime(e.target.value)}
                error={errors.endTime}
              />
            </div>
          ) : null}
          <TextField
            label={t('availability.exception.reason')}
            placeholder={t('availability.exception.reasonPlaceholder')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            error={errors.reason}
            maxLength={500}
          />
        </div>
        <DialogFooter>
          <Button variant="secondary" onClick={onClose}>
            {t('availability.exception.cancel')}
          </Button>
          <Button type="submit" isLoading={create.isPending}>
            {t('availability.exception.add')}
          </Button>
        </DialogFooter>
      </form>
    </Dialog>
  );
}
