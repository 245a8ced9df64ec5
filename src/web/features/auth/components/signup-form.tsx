import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { type SignUpInput, signUpSchema } from '../../../../shared/auth.ts';
import { ErrorAlert } from '../../../components/alert.tsx';
import { Button } from '../../../components/button.tsx';
import { TextField } from '../../../components/field.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { applyFieldErrors, errorText, fieldErrorText } from '../../../lib/form-errors.ts';
import { useSignUp } from '../api/sign-up.ts';

type SignUpFields = Omit<SignUpInput, 'timezone'>;
const fields = ['name', 'email', 'password', 'organizationName'] as const;

/** The browser's time zone, when the server will accept it (it checks the same IANA list). */
function browserTimezone(): string | undefined {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const known = zone === 'UTC' || Intl.supportedValuesOf('timeZone').includes(zone);
  return known ? zone : undefined;
}

export function SignupForm({ onSuccess }: { onSuccess: () => void }) {
  const { t } = useTranslation();
  const signUp = useSignUp();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<SignUpFields>({
    resolver: zodResolver(signUpSchema.omit({ timezone: true })),
    defaultValues: { name: '', email: '', password: '', organizationName: '' },
  });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      await signUp.mutateAsync({ ...values, timezone: browserTimezone() });
      onSuccess();
    } catch (error) {
      if (isApiError(error) && error.code === 'EMAIL_TAKEN') {
        setError('email', { type: 'email_taken' }, { shouldFocus: true });
        return;
      }
      if (!applyFieldErrors(error, setError, fields)) setFormError(errorText(t, error));
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5">
      {formError ? <ErrorAlert>{formError}</ErrorAlert> : null}
      <TextField
        label={t('auth.fields.name')}
        autoComplete="name"
        placeholder={t('auth.placeholders.name')}
        error={fieldErrorText(t, 'name', errors.name)}
        {...register('name')}
      />
      <TextField
        label={t('auth.fields.organizationName')}
        autoComplete="organization"
        placeholder={t('auth.placeholders.organizationName')}
        hint={t('auth.fields.organizationNameHint')}
        error={fieldErrorText(t, 'organizationName', errors.organizationName)}
        {...register('organizationName')}
      />
      <TextField
        label={t('auth.fields.email')}
        type="email"
        autoComplete="email"
        inputMode="email"
        placeholder={t('auth.placeholders.email')}
        error={fieldErrorText(t, 'email', errors.email)}
        {...register('email')}
      />
      <TextField
        label={t('auth.fields.password')}
        type="password"
        autoComplete="new-password"
        hint={t('auth.fields.passwordHint')}
        error={fieldErrorText(t, 'password', errors.password)}
        {...register('password')}
      />
      <Button type="submit" size="lg" className="w-full" isLoading={isSubmitting}>
        {isSubmitting ? t('auth.signup.submitting') : t('auth.signup.submit')}
      </Button>
    </form>
  );
}
