import { zodResolver } from '@hookform/resolvers/zod';
import { useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { type CreateMemberInput, createMemberSchema } from '../../../../shared/auth.ts';
import { ErrorAlert } from '../../../components/alert.tsx';
import { Button } from '../../../components/button.tsx';
import { Dialog, DialogFooter } from '../../../components/dialog.tsx';
import { ChoiceCards, TextField } from '../../../components/field.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { applyFieldErrors, errorText, fieldErrorText } from '../../../lib/form-errors.ts';
import { useCreateMember } from '../api/create-member.ts';

const fields = ['name', 'email', 'password', 'role', 'phone'] as const;
const emptyForm: CreateMemberInput = { name: '', email: '', password: '', role: 'client', phone: '' };

interface AddMemberDialogProps {
  open: boolean;
  onClose: () => void;
}

/** Creates a client or an admin account in the practice. */
export function AddMemberDialog({ open, onClose }: AddMemberDialogProps) {
  const { t } = useTranslation();
  const createMember = useCreateMember();
  const [formError, setFormError] = useState<string | null>(null);
  const firstField = useRef<HTMLInputElement | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    setValue,
    watch,
    formState: { errors, isSubmitting },
  } = useForm<CreateMemberInput>({
    resolver: zodResolver(createMemberSchema),
    defaultValues: emptyForm,
  });
  const role = watch('role');
  const { ref: nameRef, ...nameField } = register('name');

  const close = () => {
    reset(emptyForm);
    setFormError(null);
    onClose();
  };

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      const member = await createMember.mutateAsync({ ...values, phone: values.phone || undefined });
      toast.success(t('members.created', { name: member.name }));
      close();
    } catch (error) {
      if (isApiError(error) && (error.code === 'EMAIL_TAKEN' || error.code === 'CONFLICT')) {
        setError('email', { type: 'email_taken' }, { shouldFocus: true });
        return;
      }
      if (!applyFieldErrors(error, setError, fields)) setFormError(errorText(t, error));
    }
  });

  const roleOptions = [
    { value: 'client', label: t('members.dialog.roleClient'), hint: t('members.dialog.roleClientHint') },
    { value: 'admin', label: t('members.dialog.roleAdmin'), hint: t('members.dialog.roleAdminHint') },
  ] as const;

  return (
    <Dialog
      open={open}
      onClose={close}
      title={t('members.dialog.title')}
      description={t('members.dialog.description')}
      initialFocus={firstField}
    >
      <form onSubmit={onSubmit} noValidate>
        <div className="max-h-[65dvh] space-y-4 overflow-y-auto px-6 py-5">
          {formError ? <ErrorAlert>{formError}</ErrorAlert> : null}
          <TextField
            label={t('members.dialog.name')}
            autoComplete="off"
            error={fieldErrorText(t, 'name', errors.name)}
            ref={(element) => {
              nameRef(element);
              firstField.current = element;
            }}
            {...nameField}
          />
          <TextField
            label={t('members.dialog.email')}
            type="email"
            autoComplete="off"
            inputMode="email"
            error={fieldErrorText(t, 'email', errors.email)}
            {...register('email')}
          />
          <TextField
            label={t('members.dialog.password')}
            type="text"
            autoComplete="new-password"
            spellCheck={false}
            hint={t('members.dialog.passwordHint')}
            error={fieldErrorText(t, 'password', errors.password)}
            {...register('password')}
          />
          <TextField
            label={t('members.dialog.phone')}
            type="tel"
            autoComplete="off"
            error={fieldErrorText(t, 'phone', errors.phone)}
            {...register('phone')}
          />
          <ChoiceCards
            legend={t('members.dialog.role')}
            value={role}
            onChange={(value) => setValue('role', value)}
            choices={roleOptions}
          />
        </div>
        <DialogFooter>
          <Button variant="secondary" onClick={close}>
            {t('members.dialog.cancel')}
          </Button>
          <Button type="submit" isLoading={isSubmitting}>
            {isSubmitting ? t('members.dialog.submitting') : t('members.dialog.submit')}
          </Button>
        </DialogFooter>
      </form>
    </Dialog>
  );
}
