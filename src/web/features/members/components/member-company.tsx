/**
 * The company a member's invoices are made out to, as staff read it: a line under the name in
 * the list, all of it in the member's details. Read only: the member keeps it on their own
 * Company page (PUT /api/me/company), and no staff route writes it.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Company } from '../../../../shared/company.ts';
import { Building2Icon } from '../../../components/icons.tsx';
import { useCountryName } from '../../../lib/countries.ts';

/** The legal name and the town, at a glance; the tax number and address are in the details. */
export function CompanyLine({ company }: { company: Company }) {
  const { t } = useTranslation();
  const countryName = useCountryName();
  return (
    <p className="mt-0.5 flex gap-1.5 text-xs text-slate-500">
      <Building2Icon
        role="img"
        aria-hidden={false}
        aria-label={t('members.company.label')}
        className="mt-px size-3.5 shrink-0 text-slate-400"
      />
      {/*
        A phone: the whole name, wrapped as the email is, and the town below it. A desktop: one
        line, where a long name gives way before the town.
      */}
      <span className="min-w-0 break-words sm:flex sm:gap-1 sm:whitespace-nowrap">
        <span className="font-medium text-slate-700 sm:min-w-0 sm:truncate">{company.legalName}</span>
        <span aria-hidden="true" className="hidden shrink-0 sm:inline">
          ·
        </span>
        <span className="block sm:max-w-1/2 sm:shrink-0 sm:truncate">
          {company.city}, {countryName(company.country)}
        </span>
      </span>
    </p>
  );
}

/** Everything the member recorded: the address block of their invoices, then the tax number. */
export function CompanyDetails({ company, memberName }: { company: Company; memberName: string }) {
  const { t } = useTranslation();
  const countryName = useCountryName();
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="border-t border-slate-100 px-6 py-4">
      <h3 id={headingId} className="flex items-center gap-2 text-sm font-semibold text-slate-900">
        <Building2Icon className="size-4 text-slate-500" />
        {t('members.company.label')}
      </h3>
      {/* An address block under its heading: fewer lines than a label for each part, on a phone too. */}
      <p className="mt-2 text-sm break-words text-slate-900">
        <span className="block font-medium">{company.legalName}</span>
        <span className="block">{company.addressLine1}</span>
        {company.addressLine2 ? <span className="block">{company.addressLine2}</span> : null}
        <span className="block">
          {company.zipcode ? `${company.zipcode} ` : null}
          {company.city}, {countryName(company.country)}
        </span>
      </p>
      <dl className="mt-2 flex flex-wrap gap-x-2 text-sm">
        <dt className="text-slate-500">{t('members.company.taxId')}</dt>
        <dd className="min-w-0 break-words text-slate-900">
          {company.taxId ?? <span className="text-slate-500">{t('members.company.noTaxId')}</span>}
        </dd>
      </dl>
      <p className="mt-3 text-xs text-slate-500">{t('members.company.whose', { name: memberName })}</p>
    </section>
  );
}
