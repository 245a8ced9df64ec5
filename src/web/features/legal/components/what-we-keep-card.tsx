import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Card, CardBody, CardHeader } from '../../../components/card.tsx';
import { FileTextIcon, GlobeIcon, LockIcon, UsersIcon } from '../../../components/icons.tsx';

/** Each part of the account, and its lines in the order they are read. */
const parts = [
  {
    key: 'clients',
    icon: <UsersIcon className="size-4" />,
    lines: ['account', 'appointments', 'byPhone', 'company', 'support', 'calendars'],
  },
  { key: 'elsewhere', icon: <GlobeIcon className="size-4" />, lines: ['calendars', 'lago'] },
  { key: 'secrets', icon: <LockIcon className="size-4" />, lines: ['passwords', 'tokens', 'feeds'] },
] as const;

function Part({ title, icon, children }: { title: string; icon: ReactNode; children: ReactNode }) {
  return (
    <section>
      <h3 className="flex items-center gap-2 text-sm font-semibold text-slate-900">
        <span className="text-teal-700">{icon}</span>
        {title}
      </h3>
      <ul className="mt-2 list-disc space-y-1.5 pl-5 text-sm text-slate-600 marker:text-slate-400">
        {children}
      </ul>
    </section>
  );
}

/**
 * What the practice's Rendezvous keeps about its clients, where else their data lives, and what
 * is never kept readable: in plain words, for the practice answering a client (not legal advice).
 * Kept true to the data export (src/services/my-data) and the calendar and billing clients.
 */
export function WhatWeKeepCard() {
  const { t } = useTranslation();
  return (
    <Card>
      <CardHeader
        icon={<FileTextIcon />}
        title={t('legal.keeps.title')}
        description={t('legal.keeps.description')}
      />
      <CardBody className="space-y-6">
        {parts.map((part) => (
          <Part key={part.key} title={t(`legal.keeps.${part.key}.title`)} icon={part.icon}>
            {part.lines.map((line) => (
              <li key={line}>{t(`legal.keeps.${part.key}.${line}`)}</li>
            ))}
          </Part>
        ))}
      </CardBody>
    </Card>
  );
}
