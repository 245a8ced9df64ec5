import { useId, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import type { Slot } from '../../../../shared/availability.ts';
import { ErrorAlert } from '../../../components/alert.tsx';
import { Button } from '../../../components/button.tsx';
import { Dialog, DialogFooter } from '../../../components/dialog.tsx';
import { CheckboxField, TextField } from '../../../components/field.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { cn } from '../../../lib/cn.ts';
import { applyFieldErrors, errorText } from '../../../lib/form-errors.ts';
import { useOnOpen } from '../../../lib/use-on-open.ts';
import { useSaveSlot } from '../api/slots.ts';
import { hm, weekDays, weekdayTitle } from '../lib/week.ts';

interface OpeningForm {
  days: string[];
  startTime: string;
  endTime: string;
  duration: string;
  bufferBefore: string;
  bufferAfter: string;
  maxAppointments: string;
  isActive: boolean;
}

const serverFields = [
  'startTime',
  'endTime',
  'duration',
  'bufferBefore',
  'bufferAfter',
  'maxAppointments',
] as const;

function toForm(slot: Slot | null): OpeningForm {
  if (!slot) {
    return {
      days: ['1', '2', '3', '4', '5'],
      startTime: '09:00',
      endTime: '12:00',
      duration: '30',
      bufferBefore: '0',
      bufferAfter: '0',
      maxAppointments: '',
      isActive: true,
    };
  }
  return {
    days: [String(slot.dayOfWeek)],
    startTime: hm(slot.startTime),
    endTime: hm(slot.endTime),
    duration: String(slot.duration),
    bufferBefore: String(slot.bufferBefore),
    bufferAfter: String(slot.bufferAfter),
    maxAppointments: String(slot.maxAppointments),
    isActive: slot.isActive,
  };
}

const minutesOf = (time: string) => {
  const [h, m] = time.split(':').map(Number);
  return h * 60 + m;
};

function wholeNumber(value: string, min: number, max: number) {
  const n = Number(value);
  return value.trim() !== '' && Number.isInteger(n) && n >= min && n <= max;
}

interface OpeningFormDialogProps {
  open: boolean;
  /** The opening to change; none to add openings (one per chosen day). */
  slot: Slot | null;
  userId: string;
  onClose: () => void;
}

/** Weekly hours when appointments can be booked: days, hours, length of an appointment, pauses. */
export function OpeningFormDialog({ open, slot, userId, onClose }: OpeningFormDialogProps) {
  const { t } = useTranslation();
  const save = useSaveSlot();
  const firstField = useRef<HTMLInputElement | null>(null);
  const daysErrorId = useId();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    reset,
    setError,
    setValue,
    watch,
    formState: { errors, isSubmitting },
  } = useForm<OpeningForm>({ defaultValues: toForm(slot) });
  const days = watch('days');

  useOnOpen(open, () => {
    reset(toForm(slot));
    setFormError(null);
  });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const common = {
      startTime: values.startTime,
      endTime: values.endTime,
      duration: Number(values.duration),
      bufferBefore: Number(values.bufferBefore || 0),
      bufferAfter: Number(values.bufferAfter || 0),
      ...(values.maxAppointments.trim() ? { maxAppointments: Number(values.maxAppointments) } : {}),
      isActive: values.isActive,
    };
    try {
      if (slot) {
        await save.mutateAsync({ id: slot.id, input: common });
        toast.success(t('availability.toast.openingSaved'));
      } else {
        const left = [...values.days];
        for (const day of values.days) {
          await save.mutateAsync({ input: { ...common, userId, dayOfWeek: Number(day) } });
          // A day saved leaves the choice: should a later one be refused, sending again adds only the rest.
          left.shift();
          setValue('days', [...left]);
        }
        toast.success(t('availability.toast.openingsAdded', { count: values.days.length }));
      }
      onClose();
    } catch (error) {
      // Hours that overlap another opening are said in a sentence, not left to guess from two fields.
      if (isApiError(error) && error.code === 'OVERLAPPING_OPENING') setFormError(errorText(t, error));
      else if (!applyFieldErrors(error, setError, serverFields)) setFormError(errorText(t, error));
    }
  });

  const message = (name: keyof OpeningForm) => {
    const error = errors[name];
    if (!error) return undefined;
    return error.type === 'server' ? t('availability.opening.errors.server') : String(error.message);
  };
  const { ref: startRef, ...startField } = register('startTime', {
    validate: (v) => /^\d{2}:\d{2}$/.test(v) || t('availability.opening.errors.time'),
  });

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={slot ? t('availability.opening.editTitle') : t('availability.opening.addTitle')}
      description={slot ? weekdayTitle(slot.dayOfWeek) : t('availability.opening.description')}
      initialFocus={firstField}
    >
      <form onSubmit={onSubmit} noValidate>
        <div className="max-h-[65dvh] space-y-4 overflow-y-auto px-6 py-5">
          {formError ? <ErrorAlert>{formError}</ErrorAlert> : null}
          {slot ? null : (
            <fieldset aria-describedby={errors.days ? daysErrorId : undefined}>
              <legend className="text-sm font-medium text-slate-800">{t('availability.opening.days')}</legend>
              <div className="mt-1.5 flex flex-wrap gap-1.5">
                {weekDays.map((day) => {
                  const isChecked = days.includes(String(day));
                  return (
                    <label
                      key={day}
                      className={cn(
                        'flex h-10 min-w-12 cursor-pointer items-center justify-center rounded-lg px-2.5 text-sm font-medium ring-1 ring-inset has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-teal-600',
                        isChecked
                          ? 'bg-teal-700 text-white ring-teal-700'
                          : 'bg-white text-slate-700 ring-slate-300 hover:bg-slate-50',
                      )}
                    >
                      <input
                        type="checkbox"
                        value={String(day)}
                        className="sr-only"
                        {...register('days', {
                          validate: (v) => v.length > 0 || t('availability.opening.errors.days'),
                        })}
                      />
                      <span aria-hidden="true">{weekdayTitle(day, 'short')}</span>
                      <span className="sr-only">{weekdayTitle(day)}</span>
                    </label>
                  );
                })}
              </div>
              {errors.days ? (
                <p id={daysErrorId} className="mt-1.5 text-sm text-rose-700">
                  {String(errors.days.message)}
                </p>
              ) : null}
            </fieldset>
          )}
          <div className="grid grid-cols-2 gap-3">
            <TextField
              label={t('availability.opening.start')}
              type="time"
              error={message('startTime')}
              ref={(element) => {
                startRef(element);
                firstField.current = element;
              }}
              {...startField}
            />
            <TextField
              label={t('availability.opening.end')}
              type="time"
              error={message('endTime')}
              {...register('endTime', {
                validate: (v, all) => {
                  if (!/^\d{2}:\d{2}$/.test(v)) return t('availability.opening.errors.time');
                  return (
                    minutesOf(v) > minutesOf(all.startTime) || t('availability.opening.errors.endBeforeStart')
                  );
                },
              })}
            />
          </div>
          <TextField
            label={t('availability.opening.duration')}
            hint={t('availability.opening.durationHint')}
            type="number"
            inputMode="numeric"
            min={5}
            max={1440}
            error={message('duration')}
            {...register('duration', {
              validate: (v, all) => {
                if (!wholeNumber(v, 5, 1440)) return t('availability.opening.errors.duration');
                const length = minutesOf(all.endTime) - minutesOf(all.startTime);
                return length <= 0 || Number(v) <= length || t('availability.opening.errors.durationTooLong');
              },
            })}
          />
          <div className="grid grid-cols-2 gap-3">
            <TextField
              label={t('availability.opening.bufferBefore')}
              type="number"
              inputMode="numeric"
              min={0}
              max={240}
              error={message('bufferBefore')}
              {...register('bufferBefore', {
                validate: (v) => wholeNumber(v || '0', 0, 240) || t('availability.opening.errors.buffer'),
              })}
            />
            <TextField
              label={t('availability.opening.bufferAfter')}
              type="number"
              inputMode="numeric"
              min={0}
              max={240}
              error={message('bufferAfter')}
              {...register('bufferAfter', {
                validate: (v) => wholeNumber(v || '0', 0, 240) || t('availability.opening.errors.buffer'),
              })}
            />
          </div>
          <TextField
            label={t('availability.opening.max')}
            hint={t('availability.opening.maxHint')}
            type="number"
            inputMode="numeric"
            min={1}
            error={message('maxAppointments')}
            {...register('maxAppointments', {
              validate: (v) => !v.trim() || wholeNumber(v, 1, 1000) || t('availability.opening.errors.max'),
            })}
          />
          <CheckboxField
            label={t('availability.opening.active')}
            hint={t('availability.opening.activeHint')}
            {...register('isActive')}
          />
        </div>
        <DialogFooter>
          <Button variant="secondary" onClick={onClose}>
            {t('availability.opening.cancel')}
          </Button>
          <Button type="submit" isLoading={isSubmitting}>
            {slot ? t('availability.opening.save') : t('availability.opening.add')}
          </Button>
        </DialogFooter>
      </form>
    </Dialog>
  );
}
