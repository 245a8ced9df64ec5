import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { type Member, type UpdateMemberInput, updateMemberSchema } from '../../../../shared/auth.ts';
import { ErrorAlert } from '../../../components/alert.tsx';
import { Button } from '../../../components/button.tsx';
import { Dialog, DialogFooter } from '../../../components/dialog.tsx';
import { TextField } from '../../../components/field.tsx';
import { applyFieldErrors, errorText, fieldErrorText } from '../../../lib/form-errors.ts';
import { useUpdateMember } from '../api/update-member.ts';
import { CompanyDetails } from './member-company.tsx';

/**
 * Corrects a member's name or phone: a typo when they were added, a new number. Shows the company
 * their invoices are made out to, if they recorded one.
 */
export function EditMemberDialog({ member, onClose }: { member: Member; onClose: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateMember();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting, isDirty },
  } = useForm<UpdateMemberInput>({
    resolver: zodResolver(updateMemberSchema),
    defaultValues: { name: member.name, phone: member.phone ?? '' },
  });

  const onSubmit = handleSubmit(async (changes) => {
    setFormError(null);
    try {
      const saved = await update.mutateAsync({ id: member.id, ...changes });
      toast.success(t('members.edit.saved', { name: saved.name }));
      onClose();
    } catch (error) {
      if (!applyFieldErrors(error, setError, ['name', 'phone'])) setFormError(errorText(t, error));
    }
  });

  return (
    <Dialog
      open
      onClose={onClose}
      title={t('members.edit.title', { name: member.name })}
      description={t('members.edit.description', { email: member.email })}
    >
      <form onSubmit={onSubmit} noValidate>
        {/*
          The fields and the company scroll, the buttons stay: with a company the dialog is taller
          than a short phone's screen, and a modal dialog does not scroll with the page.
        */}
        <div className="max-h-[60dvh] overflow-y-auto">
          <div className="space-y-4 px-6 py-5">
            {formError ? <ErrorAlert>{formError}</ErrorAlert> : null}
            <TextField
              label={t('members.dialog.name')}
              autoComplete="off"
              error={fieldErrorText(t, 'name', errors.name)}
              {...register('name')}
            />
            <TextField
              label={t('members.dialog.phone')}
              type="tel"
              autoComplete="off"
              error={fieldErrorText(t, 'phone', errors.phone)}
              {...register('phone')}
            />
          </div>
          {/* Shown, never edited: the member keeps it on their own Company page. */}
          {member.company ? <CompanyDetails company={member.company} memberName={member.name} /> : null}
        </div>
        <DialogFooter>
          <Button variant="secondary" onClick={onClose}>
            {t('members.edit.cancel')}
          </Button>
          <Button type="submit" isLoading={isSubmitting} disabled={!isDirty}>
            {t('members.edit.save')}
          </Button>
        </DialogFooter>
      </form>
    </Dialog>
  );
}
