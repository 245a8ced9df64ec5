import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import {
  type CreateSupportTicketInput,
  createSupportTicketSchema,
  supportCategories,
} from '../../../../shared/support.ts';
import { ErrorAlert } from '../../../components/alert.tsx';
import { Button } from '../../../components/button.tsx';
import { Card, CardBody, CardHeader } from '../../../components/card.tsx';
import { SelectField, TextAreaField, TextField } from '../../../components/field.tsx';
import { MailIcon } from '../../../components/icons.tsx';
import { applyFieldErrors, errorText, fieldErrorText } from '../../../lib/form-errors.ts';
import { useCreateSupportTicket } from '../api/create-support-ticket.ts';

const fields = ['category', 'subject', 'message'] as const;
const empty: CreateSupportTicketInput = { category: 'general', subject: '', message: '' };

/** Spec 001 support page: a message to the practice in one of the spec's categories. */
export function ContactForm({ id }: { id: string }) {
  const { t } = useTranslation();
  const create = useCreateSupportTicket();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<CreateSupportTicketInput>({
    resolver: zodResolver(createSupportTicketSchema),
    defaultValues: empty,
  });
  const error = (field: (typeof fields)[number]) =>
    fieldErrorText(t, field, errors[field], 'support.form.errors');

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      await create.mutateAsync(values);
      toast.success(t('support.form.sent'));
      reset(empty);
    } catch (failure) {
      if (!applyFieldErrors(failure, setError, fields)) setFormError(errorText(t, failure));
    }
  });

  return (
    <Card id={id} className="scroll-mt-24">
      <CardHeader
        icon={<MailIcon />}
        title={t('support.form.title')}
        description={t('support.form.description')}
      />
      <CardBody className="py-5">
        <form onSubmit={onSubmit} noValidate className="space-y-4">
          {formError ? <ErrorAlert>{formError}</ErrorAlert> : null}
          <SelectField label={t('support.form.category')} error={error('category')} {...register('category')}>
            {supportCategories.map((category) => (
              <option key={category} value={category}>
                {t(`support.categories.${category}`)}
              </option>
            ))}
          </SelectField>
          <TextField label={t('support.form.subject')} error={error('subject')} {...register('subject')} />
          <TextAreaField
            label={t('support.form.message')}
            hint={t('support.form.messageHint')}
            rows={5}
            error={error('message')}
            {...register('message')}
          />
          <div className="flex justify-end">
            <Button type="submit" isLoading={isSubmitting}>
              {isSubmitting ? t('support.form.sending') : t('support.form.send')}
            </Button>
          </div>
        </form>
      </CardBody>
    </Card>
  );
}
