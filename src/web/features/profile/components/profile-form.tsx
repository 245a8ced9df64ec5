import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { z } from 'zod';
import type { Locale, Me } from '../../../../shared/auth.ts';
import { ErrorAlert } from '../../../components/alert.tsx';
import { Button } from '../../../components/button.tsx';
import { ChoiceCards, TextField } from '../../../components/field.tsx';
import { applyLocale, supportedLocales } from '../../../i18n/index.ts';
import { applyFieldErrors, errorText, fieldErrorText } from '../../../lib/form-errors.ts';

const profileSchema = z.object({
  name: z.string().trim().min(1).max(120),
  phone: z.string().trim().max(40),
  locale: z.enum(supportedLocales),
});
type ProfileValues = z.infer<typeof profileSchema>;
const fields = ['name', 'phone', 'locale'] as const;

export interface ProfileChanges {
  name: string;
  phone: string | null;
  locale: Locale;
}

interface ProfileFormProps {
  me: Me;
  /** Saves to the account (PATCH /api/me); the page gives the mutation. */
  onSave: (changes: ProfileChanges) => Promise<unknown>;
}

/** Your name, phone and language; the interface switches language once saved. */
export function ProfileForm({ me, onSave }: ProfileFormProps) {
  const { t, i18n } = useTranslation();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    watch,
    setValue,
    reset,
    formState: { errors, isSubmitting, isDirty },
  } = useForm<ProfileValues>({
    resolver: zodResolver(profileSchema),
    defaultValues: { name: me.user.name, phone: me.user.phone ?? '', locale: me.user.locale ?? 'en' },
  });
  const locale = watch('locale');

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      await onSave({ name: values.name, phone: values.phone || null, locale: values.locale });
      await applyLocale(values.locale);
      reset(values);
      // In the language just chosen (this render's `t` still speaks the previous one).
      toast.success(i18n.t('profile.saved'));
    } catch (error) {
      if (!applyFieldErrors(error, setError, fields)) setFormError(errorText(t, error));
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5">
      {formError ? <ErrorAlert>{formError}</ErrorAlert> : null}
      <div className="grid grid-cols-1 gap-5 sm:grid-cols-2">
        <TextField
          label={t('profile.name')}
          autoComplete="name"
          error={fieldErrorText(t, 'name', errors.name, 'profile.errors')}
          {...register('name')}
        />
        <TextField
          label={t('profile.phone')}
          type="tel"
          autoComplete="tel"
          hint={t('profile.phoneHint')}
          error={fieldErrorText(t, 'phone', errors.phone, 'profile.errors')}
          {...register('phone')}
        />
      </div>
      <ChoiceCards
        legend={t('profile.language')}
        value={locale}
        onChange={(next) => setValue('locale', next, { shouldDirty: true })}
        choices={supportedLocales.map((option) => ({ value: option, label: t(`language.${option}`) }))}
      />
      <div className="flex justify-end border-t border-slate-100 pt-5">
        <Button type="submit" isLoading={isSubmitting} disabled={!isDirty}>
          {isSubmitting ? t('profile.saving') : t('profile.save')}
        </Button>
      </div>
    </form>
  );
}
