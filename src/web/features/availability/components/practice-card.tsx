import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { z } from 'zod';
import { type UpdatePracticeInput, updatePracticeSchema } from '../../../../shared/auth.ts';
import { ErrorAlert } from '../../../components/alert.tsx';
import { Button, ButtonLink } from '../../../components/button.tsx';
import { Card, CardBody, CardHeader } from '../../../components/card.tsx';
import { Dialog, DialogFooter } from '../../../components/dialog.tsx';
import { SelectField, TextField } from '../../../components/field.tsx';
import { ArrowRightIcon, BuildingIcon, PencilIcon } from '../../../components/icons.tsx';
import { applyFieldErrors, errorText, fieldErrorText } from '../../../lib/form-errors.ts';
import { paths } from '../../../lib/paths.ts';
import { timeZoneOptions } from '../../../lib/time-zones.ts';

interface Practice {
  name: string;
  timezone: string;
}

interface PracticeCardProps {
  practice: Practice;
  /** Saves the practice (PATCH /api/admin/practice); the page gives the mutation. */
  onSave: (changes: UpdatePracticeInput) => Promise<unknown>;
}

/** The practice's name and time zone, which staff can change, and the way to its calendars. */
export function PracticeCard({ practice, onSave }: PracticeCardProps) {
  const { t } = useTranslation();
  const [isEditing, setEditing] = useState(false);
  return (
    <Card>
      <CardHeader
        icon={<BuildingIcon className="size-5" />}
        title={t('availability.practice.title')}
        action={
          <Button
            variant="secondary"
            size="sm"
            icon={<PencilIcon className="size-4" />}
            onClick={() => setEditing(true)}
          >
            {t('availability.practice.edit')}
          </Button>
        }
      />
      <CardBody>
        <dl className="space-y-2 text-sm">
          <div className="flex justify-between gap-3">
            <dt className="text-slate-500">{t('availability.practice.name')}</dt>
            <dd className="truncate font-medium text-slate-900">{practice.name}</dd>
          </div>
          <div className="flex justify-between gap-3">
            <dt className="text-slate-500">{t('availability.practice.timeZone')}</dt>
            <dd className="truncate font-medium text-slate-900">{practice.timezone.replaceAll('_', ' ')}</dd>
          </div>
        </dl>
        <ButtonLink
          to={paths.dashboard.calendarSettings}
          variant="secondary"
          size="sm"
          className="mt-4 w-full"
          icon={<ArrowRightIcon className="size-4" />}
        >
          {t('availability.practice.calendars')}
        </ButtonLink>
      </CardBody>
      {isEditing ? (
        <PracticeDialog practice={practice} onSave={onSave} onClose={() => setEditing(false)} />
      ) : null}
    </Card>
  );
}

// The API's rules for the name; the zone is one the browser offers, and the API checks it.
const practiceSchema = updatePracticeSchema.required({ name: true }).extend({ timezone: z.string().min(1) });
type PracticeValues = z.infer<typeof practiceSchema>;

function PracticeDialog({ practice, onSave, onClose }: PracticeCardProps & { onClose: () => void }) {
  const { t } = useTranslation();
  const [formError, setFormError] = useState<string | null>(null);
  const zones = useMemo(() => timeZoneOptions(practice.timezone), [practice.timezone]);
  const {
    register,
    handleSubmit,
    setError,
    watch,
    formState: { errors, isSubmitting },
  } = useForm<PracticeValues>({
    resolver: zodResolver(practiceSchema),
    defaultValues: { name: practice.name, timezone: practice.timezone },
  });
  const movesZone = watch('timezone') !== practice.timezone;

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      await onSave(values);
      toast.success(t('availability.practice.saved'));
      onClose();
    } catch (error) {
      if (!applyFieldErrors(error, setError, ['name', 'timezone'])) setFormError(errorText(t, error));
    }
  });

  return (
    <Dialog
      open
      onClose={onClose}
      title={t('availability.practice.editTitle')}
      description={t('availability.practice.editDescription')}
    >
      <form onSubmit={onSubmit} noValidate>
        <div className="space-y-4 px-6 py-5">
          {formError ? <ErrorAlert>{formError}</ErrorAlert> : null}
          <TextField
            label={t('availability.practice.name')}
            autoComplete="organization"
            error={fieldErrorText(t, 'name', errors.name, 'availability.practice.errors')}
            {...register('name')}
          />
          <SelectField
            label={t('availability.practice.timeZone')}
            hint={t(movesZone ? 'availability.practice.zoneMoves' : 'availability.practice.zoneHint')}
            error={fieldErrorText(t, 'timezone', errors.timezone, 'availability.practice.errors')}
            {...register('timezone')}
          >
            {zones.map((zone) => (
              <option key={zone.value} value={zone.value}>
                {zone.label}
              </option>
            ))}
          </SelectField>
        </div>
        <DialogFooter>
          <Button variant="secondary" onClick={onClose}>
            {t('availability.practice.cancel')}
          </Button>
          <Button type="submit" isLoading={isSubmitting}>
            {t('availability.practice.save')}
          </Button>
        </DialogFooter>
      </form>
    </Dialog>
  );
}
