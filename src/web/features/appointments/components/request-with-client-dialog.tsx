import { zodResolver } from '@hookform/resolvers/zod';
import { useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { z } from 'zod';
import type { Member } from '../../../../shared/auth.ts';
import { ErrorAlert } from '../../../components/alert.tsx';
import { Button } from '../../../components/button.tsx';
import { Dialog, DialogFooter } from '../../../components/dialog.tsx';
import { ChoiceCards, SelectField, TextAreaField, TextField } from '../../../components/field.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { applyFieldErrors, errorText, fieldErrorText } from '../../../lib/form-errors.ts';
import { currencies, parseMoneyInput } from '../../../lib/money-input.ts';
import { useOnOpen } from '../../../lib/use-on-open.ts';
import { inputsToInstant, instantToInputs } from '../../../lib/zoned-time.ts';
import { useCreateAppointmentRequest } from '../api/create-appointment-request.ts';

const requestSchema = z
  .object({
    clientEmail: z.string().trim().min(1).pipe(z.email()),
    title: z.string().trim().min(1).max(200),
    description: z.string().trim().max(5000),
    date: z.string().min(1),
    startTime: z.string().min(1),
    endTime: z.string().min(1),
    type: z.enum(['free', 'paid']),
    price: z.string(),
    currency: z.string(),
    location: z.string().trim().max(500),
    meetingUrl: z.union([z.literal(''), z.url({ protocol: /^https?$/ })]),
    notes: z.string().trim().max(5000),
  })
  .superRefine((v, ctx) => {
    if (v.startTime && v.endTime && v.endTime <= v.startTime) {
      ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'before_start' });
    }
    if (v.type === 'paid') {
      const cents = parseMoneyInput(v.price);
      if (cents === null || cents <= 0) ctx.addIssue({ code: 'custom', path: ['price'], message: 'price' });
    }
  });
type RequestValues = z.infer<typeof requestSchema>;
const fields = [
  'clientEmail',
  'title',
  'description',
  'date',
  'startTime',
  'endTime',
  'type',
  'price',
  'currency',
  'location',
  'meetingUrl',
  'notes',
] as const;
const errorsNamespace = 'appointments.requestDialog.errors';

interface RequestWithClientDialogProps {
  open: boolean;
  onClose: () => void;
  /** The slot picked on the calendar (instants); the dialog shows it in the practice's zone. */
  start: Date;
  end: Date;
  timeZone: string;
  /** The practice's clients, offered as the email is typed. */
  clients?: Pick<Member, 'name' | 'email'>[];
}

function emptyValues(start: Date, end: Date, timeZone: string): RequestValues {
  const from = instantToInputs(start, timeZone);
  return {
    clientEmail: '',
    title: '',
    description: '',
    date: from.date,
    startTime: from.time,
    endTime: instantToInputs(end, timeZone).time,
    type: 'free',
    price: '',
    currency: 'EUR',
    location: '',
    meetingUrl: '',
    notes: '',
  };
}

/**
 * Spec 001 flow 1, "Request Appointment with Client": staff propose a time to a registered
 * client, who then confirms it. Opened from a calendar slot with the time filled in.
 */
export function RequestWithClientDialog({
  open,
  onClose,
  start,
  end,
  timeZone,
  clients = [],
}: RequestWithClientDialogProps) {
  const { t } = useTranslation();
  const createRequest = useCreateAppointmentRequest();
  const [formError, setFormError] = useState<string | null>(null);
  const firstField = useRef<HTMLInputElement | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    watch,
    setValue,
    formState: { errors, isSubmitting },
  } = useForm<RequestValues>({
    resolver: zodResolver(requestSchema),
    defaultValues: emptyValues(start, end, timeZone),
  });
  const type = watch('type');
  const error = (field: (typeof fields)[number]) => fieldErrorText(t, field, errors[field], errorsNamespace);
  const { ref: emailRef, ...emailField } = register('clientEmail');

  // Each opening starts from the slot that was picked.
  useOnOpen(open, () => {
    reset(emptyValues(start, end, timeZone));
    setFormError(null);
  });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const startAt = inputsToInstant(values.date, values.startTime, timeZone)!;
    const endAt = inputsToInstant(values.date, values.endTime, timeZone)!;
    try {
      await createRequest.mutateAsync({
        clientEmail: values.clientEmail,
        title: values.title,
        description: values.description || null,
        startTime: startAt.toISOString(),
        endTime: endAt.toISOString(),
        timezone: timeZone,
        type: values.type,
        ...(values.type === 'paid'
          ? { price: parseMoneyInput(values.price) ?? 0, currency: values.currency }
          : { price: 0 }),
        location: values.location || null,
        meetingUrl: values.meetingUrl || null,
        notes: values.notes || null,
      });
      toast.success(t('appointments.requestDialog.sent'));
      onClose();
    } catch (failure) {
      if (isApiError(failure) && failure.code === 'NOT_FOUND') {
        setError('clientEmail', { type: 'not_found' }, { shouldFocus: true });
      } else if (isApiError(failure) && failure.code === 'OVERLAPPING_APPOINTMENT') {
        setError('startTime', { type: 'overlap' }, { shouldFocus: true });
      } else if (!applyFieldErrors(failure, setError, fields)) {
        setFormError(errorText(t, failure));
      }
    }
  });

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={t('appointments.requestDialog.title')}
      description={t('appointments.requestDialog.description')}
      initialFocus={firstField}
      className="sm:max-w-2xl"
    >
      <form onSubmit={onSubmit} noValidate>
        <div className="max-h-[65dvh] space-y-4 overflow-y-auto px-6 py-5">
          {formError ? <ErrorAlert>{formError}</ErrorAlert> : null}
          <TextField
            label={t('appointments.requestDialog.clientEmail')}
            type="email"
            inputMode="email"
            autoComplete="off"
            hint={t('appointments.requestDialog.clientEmailHint')}
            error={error('clientEmail')}
            list={clients.length > 0 ? 'request-client-emails' : undefined}
            ref={(element) => {
              emailRef(element);
              firstField.current = element;
            }}
            {...emailField}
          />
          {clients.length > 0 ? (
            <datalist id="request-client-emails">
              {clients.map((client) => (
                <option key={client.email} value={client.email}>
                  {client.name}
                </option>
              ))}
            </datalist>
          ) : null}
          <TextField
            label={t('appointments.requestDialog.titleField')}
            error={error('title')}
            {...register('title')}
          />
          <TextAreaField
            label={t('appointments.requestDialog.descriptionField')}
            rows={2}
            error={error('description')}
            {...register('description')}
          />
          <div className="grid grid-cols-2 gap-4 sm:grid-cols-3">
            <TextField
              className="col-span-2 sm:col-span-1"
              label={t('appointments.requestDialog.date')}
              type="date"
              error={error('date')}
              {...register('date')}
            />
            <TextField
              label={t('appointments.requestDialog.startTime')}
              type="time"
              step={300}
              error={error('startTime')}
              {...register('startTime')}
            />
            <TextField
              label={t('appointments.requestDialog.endTime')}
              type="time"
              step={300}
              error={error('endTime')}
              {...register('endTime')}
            />
          </div>
          <ChoiceCards
            legend={t('appointments.requestDialog.type')}
            value={type}
            onChange={(next) => setValue('type', next)}
            choices={(['free', 'paid'] as const).map((option) => ({
              value: option,
              label: t(`appointments.type.${option}`),
            }))}
          />
          {type === 'paid' ? (
            <div className="grid grid-cols-[minmax(0,1fr)_7rem] gap-4">
              <TextField
                label={t('appointments.requestDialog.price')}
                inputMode="decimal"
                placeholder="50.00"
                error={error('price')}
                {...register('price')}
              />
              <SelectField label={t('appointments.requestDialog.currency')} {...register('currency')}>
                {currencies.map((code) => (
                  <option key={code} value={code}>
                    {code}
                  </option>
                ))}
              </SelectField>
            </div>
          ) : null}
          <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
            <TextField
              label={t('appointments.requestDialog.location')}
              placeholder={t('appointments.requestDialog.locationPlaceholder')}
              error={error('location')}
              {...register('location')}
            />
            <TextField
              label={t('appointments.requestDialog.meetingUrl')}
              type="url"
              inputMode="url"
              placeholder="https://meet.google.com/…"
              error={error('meetingUrl')}
              {...register('meetingUrl')}
            />
          </div>
          <TextAreaField
            label={t('appointments.requestDialog.notes')}
            hint={t('appointments.requestDialog.notesHint')}
            rows={2}
            error={error('notes')}
            {...register('notes')}
          />
        </div>
        <DialogFooter>
          <Button variant="secondary" onClick={onClose}>
            {t('appointments.requestDialog.cancel')}
          </Button>
          <Button type="submit" isLoading={isSubmitting}>
            {isSubmitting ? t('appointments.requestDialog.sending') : t('appointments.requestDialog.submit')}
          </Button>
        </DialogFooter>
      </form>
    </Dialog>
  );
}
