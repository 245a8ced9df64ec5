import { zodResolver } from '@hookform/resolvers/zod';
import { type ReactNode, useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type {
  Appointment,
  CreateAppointmentInput,
  UpdateAppointmentInput,
} from '../../../../shared/appointments.ts';
import type { Member } from '../../../../shared/auth.ts';
import type { Product } from '../../../../shared/products.ts';
import { ErrorAlert } from '../../../components/alert.tsx';
import { Button } from '../../../components/button.tsx';
import { SelectField, TextAreaField, TextField } from '../../../components/field.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { applyFieldErrors, errorText, fieldErrorText } from '../../../lib/form-errors.ts';
import { formatMoney } from '../../../lib/format.ts';
import { timeZoneOptions } from '../../../lib/time-zones.ts';
import { useUpdateAppointment } from '../../../lib/update-appointment.ts';
import { inputsToInstant, instantToInputs } from '../../../lib/zoned-time.ts';
import { useCreateAppointment } from '../api/create-appointment.ts';

const durations = [15, 30, 45, 60, 90, 120] as const;

const fieldsSchema = z.object({
  /** Staff: the client it is for, '' for none. */
  userId: z.string(),
  /** Staff: the practitioner whose time it takes, '' for the practice's default. */
  assignedAdminId: z.string(),
  /** The service asked for, '' for something else. */
  productId: z.string(),
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().max(4000),
  date: z.string().min(1),
  time: z.string().min(1),
  duration: z.string(),
  timezone: z.string().min(1),
  location: z.string().trim().max(500),
  notes: z.string().trim().max(5000),
});
type RequestValues = z.infer<typeof fieldsSchema>;

/** A new time must be ahead; an appointment being changed may keep the time it has. */
function requestSchema(keptStart: number | null) {
  return fieldsSchema.superRefine((v, ctx) => {
    const start = inputsToInstant(v.date, v.time, v.timezone);
    const isKept = start !== null && start.getTime() === keptStart;
    if (v.date && v.time && !isKept && (!start || start.getTime() <= Date.now())) {
      ctx.addIssue({ code: 'custom', path: ['time'], message: 'past' });
    }
  });
}
const fields = [
  'userId',
  'assignedAdminId',
  'productId',
  'title',
  'description',
  'date',
  'time',
  'duration',
  'timezone',
  'location',
  'notes',
] as const;
const errorsNamespace = 'appointments.form.errors';

/** A URL typed as the place is a video link, kept apart from physical addresses. */
const isLink = (text: string) => /^https?:\/\/\S+$/i.test(text);

/** What the form's one place field shows of an appointment: its link, else its address. */
const placeShown = (a: Appointment) => a.meetingUrl ?? a.location ?? '';

/** What the form needs of a product of the practice. */
export type Service = Pick<Product, 'id' | 'name' | 'durationMinutes' | 'type' | 'price' | 'currency'>;

interface AppointmentRequestFormProps {
  /**
   * A client asks for a time, which the practice confirms; staff book it at once, and their
   * notes stay internal.
   */
  audience: 'client' | 'staff';
  /** The practice's zone, proposed first. */
  timeZone: string;
  /** A start picked beforehand (a calendar slot); the end sets the duration. */
  initialStart?: Date;
  initialEnd?: Date;
  /**
   * The practice's services: choosing one fills in the title and duration, and the free times
   * fit its length.
   */
  services?: Service[];
  /** Staff: the practice's clients, one of whom the appointment may be for (new ones only). */
  clients?: Pick<Member, 'id' | 'name' | 'email'>[];
  /** Staff: the practice's owner and admins, whose time an appointment takes. */
  practitioners?: Pick<Member, 'id' | 'name'>[];
  /** The reader, proposed first as the practitioner when they are one. */
  currentUserId?: string;
  /** The appointment to change; without it the form makes a new one. */
  appointment?: Appointment;
  onSaved: (appointment: Appointment) => void;
  onCancel: () => void;
  /**
   * Free times to pick from, drawn above the date and time (the route composes them from the
   * availability feature): given the zone the form reads times in and the start it holds.
   */
  freeTimes?: (picker: {
    /** The service chosen, whose length the free times must fit. */
    productId?: string;
    timeZone: string;
    selectedStart: Date | null;
    onPick: (start: Date, end: Date) => void;
  }) => ReactNode;
}

/**
 * Spec 001 "Appointment Request Page": a client asks for a time; the practice confirms it. The
 * request is always pending and free (the server decides that, not this form). Staff use the
 * same form to book time in the practice's calendar, confirmed. Given an `appointment`, it
 * changes that one instead (a reschedule, a correction) and sends only what was changed.
 */
export function AppointmentRequestForm({
  audience,
  timeZone,
  initialStart,
  initialEnd,
  services = [],
  clients = [],
  practitioners = [],
  currentUserId,
  appointment,
  onSaved,
  onCancel,
  freeTimes,
}: AppointmentRequestFormProps) {
  const { t } = useTranslation();
  const create = useCreateAppointment();
  const update = useUpdateAppointment();
  const [formError, setFormError] = useState<string | null>(null);
  const zone0 = appointment?.timezone || timeZone;
  const zones = useMemo(() => timeZoneOptions(zone0), [zone0]);
  const start0 = appointment ? new Date(appointment.startTime) : initialStart;
  const end0 = appointment ? new Date(appointment.endTime) : initialEnd;
  const initial = start0 ? instantToInputs(start0, zone0) : { date: '', time: '' };
  const initialDuration = start0 && end0 ? Math.round((end0.getTime() - start0.getTime()) / 60_000) : 60;
  // The usual lengths, each service's own, and the appointment's.
  const durationOptions = useMemo(
    () =>
      [
        ...new Set<number>([
          ...durations,
          ...services.map((s) => s.durationMinutes),
          ...(appointment ? [initialDuration] : []),
        ]),
      ].sort((a, b) => a - b),
    [services, appointment, initialDuration],
  );
  const schema = useMemo(
    () => requestSchema(appointment ? Date.parse(appointment.startTime) : null),
    [appointment],
  );
  const isPractitioner = practitioners.some((p) => p.id === currentUserId);
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    getValues,
    watch,
    formState: { errors, isSubmitting, isSubmitted },
  } = useForm<RequestValues>({
    resolver: zodResolver(schema),
    defaultValues: {
      userId: '',
      // A practitioner booking is for their own time unless they choose a colleague.
      assignedAdminId: appointment?.assignedAdminId ?? (isPractitioner && currentUserId ? currentUserId : ''),
      productId: appointment?.productId ?? '',
      title: appointment?.title ?? '',
      description: appointment?.description ?? '',
      date: initial.date,
      time: initial.time,
      duration: String(durationOptions.includes(initialDuration) ? initialDuration : 60),
      timezone: zone0,
      location: appointment ? placeShown(appointment) : '',
      notes: appointment?.notes ?? '',
    },
  });
  const error = (field: (typeof fields)[number]) => fieldErrorText(t, field, errors[field], errorsNamespace);
  const [date, time, zone, productId] = watch(['date', 'time', 'timezone', 'productId']);
  const chooseService = (id: string) => {
    const previous = services.find((s) => s.id === productId);
    const service = services.find((s) => s.id === id);
    if (!service) return;
    // The title follows the service, unless the person wrote their own.
    const title = getValues('title').trim();
    if (!title || title === previous?.name) setValue('title', service.name, { shouldValidate: isSubmitted });
    setValue('duration', String(service.durationMinutes));
  };
  const pickFreeTime = (start: Date, end: Date) => {
    const inputs = instantToInputs(start, zone);
    const minutes = Math.round((end.getTime() - start.getTime()) / 60_000);
    // Checked again only once the form was sent: a pick then clears the errors it answers.
    const options = { shouldDirty: true, shouldValidate: isSubmitted };
    setValue('date', inputs.date, options);
    setValue('time', inputs.time, options);
    if (durationOptions.includes(minutes)) setValue('duration', String(minutes), options);
  };

  const staff = audience === 'staff';
  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const start = inputsToInstant(values.date, values.time, values.timezone)!;
    const end = new Date(start.getTime() + Number(values.duration) * 60_000);
    // The API keeps internal notes for the practice only, so a client's notes travel with the
    // description; a request being changed shows them there already.
    // Headed only beside a description: alone, the notes are the description ("Notes: Notes: …").
    const clientNotes = staff || appointment ? '' : values.notes;
    const description =
      values.description && clientNotes
        ? `${values.description}\n\n${t('appointments.form.notesHeading')}: ${clientNotes}`
        : values.description || clientNotes;
    const details = {
      title: values.title,
      description: description || null,
      startTime: start.toISOString(),
      endTime: end.toISOString(),
      timezone: values.timezone,
      // One field for both: an appointment holding a place and a link shows the link, and keeps
      // both unless the field is changed.
      ...(appointment && values.location === placeShown(appointment)
        ? {}
        : {
            location: values.location && !isLink(values.location) ? values.location : null,
            meetingUrl: values.location && isLink(values.location) ? values.location : null,
          }),
    };
    const staffDetails = {
      productId: values.productId || null,
      notes: values.notes || null,
      ...(values.assignedAdminId ? { assignedAdminId: values.assignedAdminId } : {}),
    };
    try {
      if (appointment) {
        const changes = changedFields(appointment, staff ? { ...details, ...staffDetails } : details);
        onSaved(
          Object.keys(changes).length === 0
            ? appointment
            : await update.mutateAsync({ id: appointment.id, input: changes }),
        );
        return;
      }
      const created = await create.mutateAsync({
        ...details,
        productId: values.productId || null,
        // Their name, email and phone fill in from their profile.
        ...(staff && values.userId ? { userId: values.userId } : {}),
        ...(staff ? { ...staffDetails, status: 'confirmed' as const } : {}),
      } satisfies CreateAppointmentInput);
      onSaved(created);
    } catch (failure) {
      if (isApiError(failure) && failure.code === 'OVERLAPPING_APPOINTMENT') {
        setError('time', { type: 'overlap' }, { shouldFocus: true });
        return;
      }
      if (!applyFieldErrors(failure, setError, fields, serverFieldNames)) setFormError(errorText(t, failure));
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5">
      {formError ? <ErrorAlert>{formError}</ErrorAlert> : null}
      {staff && !appointment && clients.length > 0 ? (
        <SelectField
          label={t('appointments.form.clientField')}
          hint={t('appointments.form.clientFieldHint')}
          error={error('userId')}
          {...register('userId')}
        >
          <option value="">{t('appointments.form.noClient')}</option>
          {clients.map((client) => (
            <option key={client.id} value={client.id}>
              {client.name} · {client.email}
            </option>
          ))}
        </SelectField>
      ) : null}
      {staff && practitioners.length > 1 ? (
        <SelectField
          label={t('appointments.form.practitioner')}
          hint={t('appointments.form.practitionerHint')}
          error={error('assignedAdminId')}
          {...register('assignedAdminId')}
        >
          {practitioners.map((practitioner) => (
            <option key={practitioner.id} value={practitioner.id}>
              {practitioner.id === currentUserId
                ? t('appointments.form.practitionerYou', { name: practitioner.name })
                : practitioner.name}
            </option>
          ))}
        </SelectField>
      ) : null}
      {services.length > 0 && (staff || !appointment) ? (
        <SelectField
          label={t('appointments.form.service')}
          hint={t('appointments.form.serviceHint')}
          error={error('productId')}
          {...register('productId', { onChange: (event) => chooseService(event.target.value) })}
        >
          <option value="">{t('appointments.form.serviceOther')}</option>
          {services.map((service) => (
            <option key={service.id} value={service.id}>
              {t(
                service.type === 'paid'
                  ? 'appointments.form.servicePaidOption'
                  : 'appointments.form.serviceOption',
                {
                  name: service.name,
                  count: service.durationMinutes,
                  price: formatMoney(service.price, service.currency),
                },
              )}
            </option>
          ))}
        </SelectField>
      ) : null}
      <TextField
        label={t('appointments.form.title')}
        placeholder={t('appointments.form.titlePlaceholder')}
        error={error('title')}
        {...register('title')}
      />
      <TextAreaField
        label={t('appointments.form.description')}
        hint={t('appointments.form.descriptionHint')}
        rows={3}
        error={error('description')}
        {...register('description')}
      />
      {/* min-w-0: a fieldset is at least as wide as its content by default, the free times included. */}
      <fieldset className="min-w-0">
        <legend className="text-sm font-semibold text-slate-900">
          {t(`appointments.form.${audience}.when`)}
        </legend>
        {freeTimes ? (
          <div className="mt-2">
            {freeTimes({
              productId: productId || undefined,
              timeZone: zone,
              selectedStart: inputsToInstant(date, time, zone),
              onPick: pickFreeTime,
            })}
          </div>
        ) : null}
        <div className="mt-2 grid grid-cols-2 gap-4 sm:grid-cols-3">
          <TextField
            className="col-span-2 sm:col-span-1"
            label={t('appointments.form.date')}
            type="date"
            error={error('date')}
            {...register('date')}
          />
          <TextField
            label={t('appointments.form.time')}
            type="time"
            step={300}
            error={error('time')}
            {...register('time')}
          />
          <SelectField
            label={t('appointments.form.duration')}
            error={error('duration')}
            {...register('duration')}
          >
            {durationOptions.map((minutes) => (
              <option key={minutes} value={minutes}>
                {t('appointments.form.minutes', { count: minutes })}
              </option>
            ))}
          </SelectField>
        </div>
        <SelectField
          className="mt-4"
          label={t('appointments.form.timezone')}
          hint={t('appointments.form.timezoneHint')}
          error={error('timezone')}
          {...register('timezone')}
        >
          {zones.map((zone) => (
            <option key={zone.value} value={zone.value}>
              {zone.label}
            </option>
          ))}
        </SelectField>
      </fieldset>
      <TextField
        label={t('appointments.form.location')}
        hint={t('appointments.form.locationHint')}
        error={error('location')}
        {...register('location')}
      />
      {staff || !appointment ? (
        <TextAreaField
          label={t(`appointments.form.${audience}.notes`)}
          hint={t(`appointments.form.${audience}.notesHint`)}
          rows={2}
          error={error('notes')}
          {...register('notes')}
        />
      ) : null}
      <div className="flex flex-col-reverse gap-2 border-t border-slate-100 pt-5 sm:flex-row sm:justify-end">
        <Button variant="secondary" onClick={onCancel}>
          {t('appointments.form.cancel')}
        </Button>
        <Button type="submit" isLoading={isSubmitting}>
          {isSubmitting
            ? t(appointment ? 'appointments.form.saving' : `appointments.form.${audience}.submitting`)
            : t(appointment ? 'appointments.form.save' : `appointments.form.${audience}.submit`)}
        </Button>
      </div>
    </form>
  );
}

/** What differs from the appointment: a change sends nothing else (a client may not send the rest). */
function changedFields(appointment: Appointment, wanted: UpdateAppointmentInput): UpdateAppointmentInput {
  const changes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(wanted)) {
    const before = appointment[key as keyof Appointment];
    const isSameInstant =
      (key === 'startTime' || key === 'endTime') && Date.parse(String(before)) === Date.parse(String(value));
    if (value !== (before ?? null) && !isSameInstant) changes[key] = value;
  }
  return changes as UpdateAppointmentInput;
}

/** The API's names for what this form calls otherwise. */
const serverFieldNames: Record<string, string> = {
  startTime: 'time',
  endTime: 'duration',
  meetingUrl: 'location',
};
