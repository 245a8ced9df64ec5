import { useTranslation } from 'react-i18next';
import { Card, CardBody, CardHeader } from '../../../components/card.tsx';
import { FileTextIcon } from '../../../components/icons.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { CompanyCard } from '../../../features/company/components/company-card.tsx';

const uses = ['invoices', 'private', 'practice'] as const;

/** Spec 001 "Company Management": the company a client's invoices are made out to. */
export function Component() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('company.title')} description={t('company.description')} />
      <div className="grid grid-cols-1 gap-5 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <CompanyCard />
        </div>
        <Card className="self-start">
          <CardHeader icon={<FileTextIcon />} title={t('company.about.title')} />
          <CardBody className="py-4">
            <ul className="list-disc space-y-2 pl-5 text-sm text-slate-600 marker:text-slate-400">
              {uses.map((use) => (
                <li key={use}>{t(`company.about.${use}`)}</li>
              ))}
            </ul>
          </CardBody>
        </Card>
      </div>
    </>
  );
}
