import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { z } from 'zod';
import { type Company, companyLimits, type SaveCompanyInput } from '../../../../shared/company.ts';
import { ErrorAlert } from '../../../components/alert.tsx';
import { Button } from '../../../components/button.tsx';
import { SelectField, TextField } from '../../../components/field.tsx';
import { useCountries } from '../../../lib/countries.ts';
import { applyFieldErrors, errorText, fieldErrorText } from '../../../lib/form-errors.ts';

const companyFormSchema = z.object({
  legalName: z.string().trim().min(1).max(companyLimits.legalName),
  taxId: z.string().trim().max(companyLimits.taxId),
  addressLine1: z.string().trim().min(1).max(companyLimits.addressLine),
  addressLine2: z.string().trim().max(companyLimits.addressLine),
  zipcode: z.string().trim().max(companyLimits.zipcode),
  city: z.string().trim().min(1).max(companyLimits.city),
  // The select's first option is "Choose a country" (''), so none chosen reads as too short.
  country: z.string().min(1),
});
type CompanyValues = z.infer<typeof companyFormSchema>;
const fields = ['legalName', 'taxId', 'addressLine1', 'addressLine2', 'zipcode', 'city', 'country'] as const;

interface CompanyFormProps {
  company: Company | null;
  /** Records the company (PUT /api/me/company); the card gives the mutation. */
  onSave: (input: SaveCompanyInput) => Promise<unknown>;
  /** Asks to remove the saved company; absent while none is saved. */
  onRemove?: () => void;
}

/** The company's legal name, tax number and billing address, as invoices will show them. */
export function CompanyForm({ company, onSave, onRemove }: CompanyFormProps) {
  const { t } = useTranslation();
  const countries = useCountries();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting, isDirty },
  } = useForm<CompanyValues>({
    resolver: zodResolver(companyFormSchema),
    defaultValues: {
      legalName: company?.legalName ?? '',
      taxId: company?.taxId ?? '',
      addressLine1: company?.addressLine1 ?? '',
      addressLine2: company?.addressLine2 ?? '',
      zipcode: company?.zipcode ?? '',
      city: company?.city ?? '',
      country: company?.country ?? '',
    },
  });
  const fieldError = (field: (typeof fields)[number]) =>
    fieldErrorText(t, field, errors[field], 'company.errors');

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      // Blank optional fields are sent as they are: the server keeps them as none.
      await onSave(values as SaveCompanyInput);
      reset(values);
      toast.success(t('company.saved'));
    } catch (error) {
      if (!applyFieldErrors(error, setError, fields)) setFormError(errorText(t, error));
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5">
      {formError ? <ErrorAlert>{formError}</ErrorAlert> : null}
      {/* Halves: the tax number's label fits on one line, so the two boxes stay level. */}
      <div className="grid grid-cols-1 gap-5 sm:grid-cols-2">
        <TextField
          label={t('company.legalName')}
          autoComplete="organization"
          error={fieldError('legalName')}
          {...register('legalName')}
        />
        <TextField label={t('company.taxId')} error={fieldError('taxId')} {...register('taxId')} />
      </div>
      <fieldset className="space-y-5">
        <legend className="text-sm font-semibold text-slate-900">{t('company.address')}</legend>
        <TextField
          label={t('company.addressLine1')}
          autoComplete="address-line1"
          error={fieldError('addressLine1')}
          {...register('addressLine1')}
        />
        <TextField
          label={t('company.addressLine2')}
          autoComplete="address-line2"
          error={fieldError('addressLine2')}
          {...register('addressLine2')}
        />
        <div className="grid grid-cols-1 gap-5 sm:grid-cols-6">
          <TextField
            className="sm:col-span-2"
            label={t('company.zipcode')}
            autoComplete="postal-code"
            error={fieldError('zipcode')}
            {...register('zipcode')}
          />
          <TextField
            className="sm:col-span-2"
            label={t('company.city')}
            autoComplete="address-level2"
            error={fieldError('city')}
            {...register('city')}
          />
          <SelectField
            className="sm:col-span-2"
            label={t('company.country')}
            autoComplete="country"
            error={fieldError('country')}
            {...register('country')}
          >
            <option value="">{t('company.chooseCountry')}</option>
            {countries.map(({ code, name }) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </SelectField>
        </div>
      </fieldset>
      <div className="flex flex-col-reverse gap-3 border-t border-slate-100 pt-5 sm:flex-row sm:items-center sm:justify-between">
        {onRemove ? (
          <Button variant="danger-ghost" onClick={onRemove}>
            {t('company.remove')}
          </Button>
        ) : (
          <span />
        )}
        <Button type="submit" isLoading={isSubmitting} disabled={!isDirty}>
          {isSubmitting ? t('company.saving') : t('company.save')}
        </Button>
      </div>
    </form>
  );
}
