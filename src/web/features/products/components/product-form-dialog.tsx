import { useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { appointmentTypes } from '../../../../shared/appointments.ts';
import type { Product } from '../../../../shared/products.ts';
import { ErrorAlert } from '../../../components/alert.tsx';
import { Button } from '../../../components/button.tsx';
import { Dialog, DialogFooter } from '../../../components/dialog.tsx';
import {
  CheckboxField,
  ChoiceCards,
  SelectField,
  TextAreaField,
  TextField,
} from '../../../components/field.tsx';
import { applyFieldErrors, errorText } from '../../../lib/form-errors.ts';
import { centsToInput, currencies, parseMoneyInput } from '../../../lib/money-input.ts';
import { useOnOpen } from '../../../lib/use-on-open.ts';
import { useSaveProduct } from '../api/save-product.ts';

interface ProductForm {
  name: string;
  description: string;
  durationMinutes: string;
  type: 'free' | 'paid';
  price: string;
  currency: string;
  isActive: boolean;
}

const fields = ['name', 'description', 'durationMinutes', 'type', 'price', 'currency', 'isActive'] as const;

function toForm(product: Product | null): ProductForm {
  return product
    ? {
        name: product.name,
        description: product.description ?? '',
        durationMinutes: String(product.durationMinutes),
        type: product.type,
        price: product.type === 'paid' ? centsToInput(product.price) : '',
        currency: product.currency,
        isActive: product.isActive,
      }
    : {
        name: '',
        description: '',
        durationMinutes: '30',
        type: 'free',
        price: '',
        currency: 'EUR',
        isActive: true,
      };
}

interface ProductFormDialogProps {
  open: boolean;
  /** The product to edit; none to create one. */
  product: Product | null;
  onClose: () => void;
}

/** Creates or edits a service of the practice: what it is, how long, and what it costs. */
export function ProductFormDialog({ open, product, onClose }: ProductFormDialogProps) {
  const { t } = useTranslation();
  const save = useSaveProduct();
  const [formError, setFormError] = useState<string | null>(null);
  const firstField = useRef<HTMLInputElement | null>(null);
  const {
    register,
    handleSubmit,
    reset,
    setError,
    setValue,
    watch,
    formState: { errors, isSubmitting },
  } = useForm<ProductForm>({ defaultValues: toForm(product) });
  const type = watch('type');
  const { ref: nameRef, ...nameField } = register('name', {
    validate: (v) => v.trim().length > 0 || t('products.form.errors.name'),
    maxLength: { value: 200, message: t('products.form.errors.nameLong') },
  });

  useOnOpen(open, () => {
    reset(toForm(product));
    setFormError(null);
  });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const price = values.type === 'paid' ? (parseMoneyInput(values.price) ?? 0) : 0;
    const input = {
      name: values.name.trim(),
      description: values.description.trim() || null,
      durationMinutes: Number(values.durationMinutes),
      type: values.type,
      price,
      currency: values.currency,
      isActive: values.isActive,
    };
    try {
      const saved = await save.mutateAsync({ id: product?.id, input });
      toast.success(t(product ? 'products.toast.updated' : 'products.toast.created', { name: saved.name }));
      onClose();
    } catch (error) {
      if (!applyFieldErrors(error, setError, fields)) setFormError(errorText(t, error));
    }
  });

  const fieldError = (name: keyof ProductForm) => {
    const error = errors[name];
    if (!error) return undefined;
    return error.type === 'server' ? t('products.form.errors.server') : String(error.message);
  };

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={product ? t('products.form.editTitle') : t('products.form.createTitle')}
      description={t('products.form.description')}
      initialFocus={firstField}
    >
      <form onSubmit={onSubmit} noValidate>
        <div className="max-h-[65dvh] space-y-4 overflow-y-auto px-6 py-5">
          {formError ? <ErrorAlert>{formError}</ErrorAlert> : null}
          <TextField
            label={t('products.form.name')}
            placeholder={t('products.form.namePlaceholder')}
            autoComplete="off"
            error={fieldError('name')}
            ref={(element) => {
              nameRef(element);
              firstField.current = element;
            }}
            {...nameField}
          />
          <TextAreaField
            label={t('products.form.descriptionLabel')}
            hint={t('products.form.descriptionHint')}
            error={fieldError('description')}
            {...register('description', {
              maxLength: { value: 5000, message: t('products.form.errors.descriptionLong') },
            })}
          />
          <TextField
            label={t('products.form.duration')}
            hint={t('products.form.durationHint')}
            type="number"
            inputMode="numeric"
            min={5}
            max={1440}
            step={5}
            error={fieldError('durationMinutes')}
            {...register('durationMinutes', {
              validate: (v) => {
                const minutes = Number(v);
                return (
                  (v.trim() !== '' && Number.isInteger(minutes) && minutes >= 5 && minutes <= 1440) ||
                  t('products.form.errors.duration')
                );
              },
            })}
          />
          <ChoiceCards
            legend={t('products.form.type')}
            value={type}
            onChange={(value) => setValue('type', value)}
            choices={appointmentTypes.map((value) => ({ value, label: t(`products.type.${value}`) }))}
          />
          {type === 'paid' ? (
            <div className="grid grid-cols-[minmax(0,1fr)_7rem] gap-3">
              <TextField
                label={t('products.form.price')}
                inputMode="decimal"
                autoComplete="off"
                placeholder="50.00"
                error={fieldError('price')}
                {...register('price', {
                  validate: (v, all) => {
                    if (all.type !== 'paid') return true;
                    const cents = parseMoneyInput(v);
                    return (cents !== null && cents > 0) || t('products.form.errors.price');
                  },
                })}
              />
              <SelectField label={t('products.form.currency')} {...register('currency')}>
                {[...new Set([...currencies, product?.currency ?? 'EUR'])].map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </SelectField>
            </div>
          ) : null}
          <CheckboxField
            label={t('products.form.active')}
            hint={t('products.form.activeHint')}
            {...register('isActive')}
          />
        </div>
        <DialogFooter>
          <Button variant="secondary" onClick={onClose}>
            {t('products.form.cancel')}
          </Button>
          <Button type="submit" isLoading={isSubmitting}>
            {product ? t('products.form.save') : t('products.form.create')}
          </Button>
        </DialogFooter>
      </form>
    </Dialog>
  );
}
