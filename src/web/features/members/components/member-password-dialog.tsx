import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import type { z } from 'zod';
import { type Member, setMemberPasswordSchema } from '../../../../shared/auth.ts';
import { ErrorAlert } from '../../../components/alert.tsx';
import { Button } from '../../../components/button.tsx';
import { Dialog, DialogFooter } from '../../../components/dialog.tsx';
import { TextField } from '../../../components/field.tsx';
import { applyFieldErrors, errorText, fieldErrorText } from '../../../lib/form-errors.ts';
import { useSetMemberPassword } from '../api/set-member-password.ts';

type FormValues = z.infer<typeof setMemberPasswordSchema>;

/** A new password for someone who lost theirs, to hand over in person or by phone. */
export function MemberPasswordDialog({ member, onClose }: { member: Member; onClose: () => void }) {
  const { t } = useTranslation();
  const setPassword = useSetMemberPassword();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<FormValues>({
    resolver: zodResolver(setMemberPasswordSchema),
    defaultValues: { password: '' },
  });

  const onSubmit = handleSubmit(async ({ password }) => {
    setFormError(null);
    try {
      await setPassword.mutateAsync({ id: member.id, password });
      toast.success(t('members.password.set', { name: member.name }));
      onClose();
    } catch (error) {
      if (!applyFieldErrors(error, setError, ['password'])) setFormError(errorText(t, error));
    }
  });

  return (
    <Dialog
      open
      onClose={onClose}
      title={t('members.password.title', { name: member.name })}
      description={t('members.password.description', { name: member.name })}
    >
      <form onSubmit={onSubmit} noValidate>
        <div className="space-y-4 px-6 py-5">
          {formError ? <ErrorAlert>{formError}</ErrorAlert> : null}
          <TextField
            label={t('members.password.field')}
            type="text"
            autoComplete="new-password"
            spellCheck={false}
            hint={t('members.dialog.passwordHint')}
            error={fieldErrorText(t, 'password', errors.password)}
            {...register('password')}
          />
        </div>
        <DialogFooter>
          <Button variant="secondary" onClick={onClose}>
            {t('members.password.cancel')}
          </Button>
          <Button type="submit" isLoading={isSubmitting}>
            {t('members.password.save')}
          </Button>
        </DialogFooter>
      </form>
    </Dialog>
  );
}
