import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { z } from 'zod';
import { passwordSchema } from '../../../../shared/auth.ts';
import { ErrorAlert } from '../../../components/alert.tsx';
import { Button } from '../../../components/button.tsx';
import { TextField } from '../../../components/field.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { errorText, fieldErrorText } from '../../../lib/form-errors.ts';

const passwordFormSchema = z
  .object({
    currentPassword: z.string().min(1),
    newPassword: passwordSchema,
    confirmPassword: z.string(),
  })
  .refine((v) => v.confirmPassword === v.newPassword, {
    path: ['confirmPassword'],
  });
type PasswordValues = z.infer<typeof passwordFormSchema>;

/** Where Better Auth's refusals belong on the form, and the word for each. */
const refusals: Record<string, { field: keyof PasswordValues; type: string }> = {
  INVALID_PASSWORD: { field: 'currentPassword', type: 'wrong' },
  PASSWORD_TOO_SHORT: { field: 'newPassword', type: 'too_small' },
  PASSWORD_TOO_LONG: { field: 'newPassword', type: 'too_big' },
};

interface PasswordFormProps {
  /** Changes the password (POST /api/auth/change-password); the page gives the mutation. */
  onChange: (input: { currentPassword: string; newPassword: string }) => Promise<unknown>;
}

/** A new password, given the current one; the person's other devices are signed out. */
export function PasswordForm({ onChange }: PasswordFormProps) {
  const { t } = useTranslation();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<PasswordValues>({
    resolver: zodResolver(passwordFormSchema),
    defaultValues: { currentPassword: '', newPassword: '', confirmPassword: '' },
  });
  const fieldError = (field: keyof PasswordValues) => {
    const error = errors[field];
    // The refinement's mismatch comes as a custom issue; name it for the words.
    const named = error?.type === 'custom' ? { ...error, type: 'mismatch' } : error;
    return fieldErrorText(t, field, named, 'profile.password.errors');
  };

  const onSubmit = handleSubmit(async ({ currentPassword, newPassword }) => {
    setFormError(null);
    try {
      await onChange({ currentPassword, newPassword });
      reset();
      toast.success(t('profile.password.changed'));
    } catch (error) {
      const refusal = isApiError(error) ? refusals[error.code] : undefined;
      if (refusal) setError(refusal.field, { type: refusal.type }, { shouldFocus: true });
      else setFormError(errorText(t, error));
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5">
      {formError ? <ErrorAlert>{formError}</ErrorAlert> : null}
      <TextField
        label={t('profile.password.current')}
        type="password"
        autoComplete="current-password"
        error={fieldError('currentPassword')}
        {...register('currentPassword')}
      />
      <div className="grid grid-cols-1 gap-5 sm:grid-cols-2">
        <TextField
          label={t('profile.password.new')}
          type="password"
          autoComplete="new-password"
          hint={t('profile.password.newHint')}
          error={fieldError('newPassword')}
          {...register('newPassword')}
        />
        <TextField
          label={t('profile.password.confirm')}
          type="password"
          autoComplete="new-password"
          error={fieldError('confirmPassword')}
          {...register('confirmPassword')}
        />
      </div>
      <div className="flex justify-end border-t border-slate-100 pt-5">
        <Button type="submit" isLoading={isSubmitting}>
          {isSubmitting ? t('profile.password.saving') : t('profile.password.save')}
        </Button>
      </div>
    </form>
  );
}
