import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { Badge } from '../../../components/badge.tsx';
import { Card, CardBody, CardHeader } from '../../../components/card.tsx';
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx';
import { Building2Icon } from '../../../components/icons.tsx';
import { LoadFailedBlock, LoadingBlock } from '../../../components/load-state.tsx';
import { errorText } from '../../../lib/form-errors.ts';
import { useCompany } from '../api/get-company.ts';
import { useRemoveCompany } from '../api/remove-company.ts';
import { useSaveCompany } from '../api/save-company.ts';
import { CompanyForm } from './company-form.tsx';

/**
 * The company the reader's invoices are made out to: none at first (a private person), filled
 * in and saved, or removed after a confirmation.
 */
export function CompanyCard() {
  const { t } = useTranslation();
  const company = useCompany();
  const save = useSaveCompany();
  const remove = useRemoveCompany();
  const [isAsking, setIsAsking] = useState(false);
  const saved = company.data ?? null;

  const confirmRemoval = () =>
    remove.mutate(undefined, {
      onSuccess: () => {
        setIsAsking(false);
        toast.success(t('company.removed'));
      },
    });

  return (
    <Card>
      <CardHeader
        icon={<Building2Icon />}
        title={t('company.card.title')}
        description={t('company.card.description')}
        action={
          company.isSuccess ? (
            <Badge tone={saved ? 'emerald' : 'neutral'}>
              {t(saved ? 'company.badge.company' : 'company.badge.private')}
            </Badge>
          ) : null
        }
      />
      <CardBody className="py-5">
        {company.isPending ? (
          <LoadingBlock label={t('company.loading')} />
        ) : company.isError ? (
          <LoadFailedBlock
            message={t('company.loadFailed')}
            retryLabel={t('company.retry')}
            onRetry={() => company.refetch()}
          />
        ) : (
          <>
            {saved ? null : (
              <p className="mb-5 rounded-xl bg-slate-50 px-4 py-3 text-sm text-slate-600">
                {t('company.empty')}
              </p>
            )}
            {/* A new form once saved or removed: it starts from what the server keeps. */}
            <CompanyForm
              key={saved?.updatedAt ?? 'none'}
              company={saved}
              onSave={save.mutateAsync}
              onRemove={
                saved
                  ? () => {
                      remove.reset();
                      setIsAsking(true);
                    }
                  : undefined
              }
            />
          </>
        )}
      </CardBody>
      <ConfirmDialog
        open={isAsking}
        onClose={() => setIsAsking(false)}
        onConfirm={confirmRemoval}
        title={t('company.ask.title')}
        body={t('company.ask.body')}
        confirmLabel={t('company.ask.confirm')}
        cancelLabel={t('company.ask.keep')}
        isLoading={remove.isPending}
        error={remove.isError ? errorText(t, remove.error) : undefined}
      />
    </Card>
  );
}
