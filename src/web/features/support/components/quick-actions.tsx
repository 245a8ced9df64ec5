import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { BookIcon, CalendarIcon, MessageIcon } from '../../../components/icons.tsx';

interface QuickActionsProps {
  /** Where the contact form is, to jump to it; none for staff, who answer rather than write. */
  contactFormId?: string;
  calendarSettingsPath: string;
  documentationUrl: string;
}

type Target = { kind: 'anchor' | 'external'; href: string } | { kind: 'page'; to: string };

/** Ways to get help: write to the practice (clients), read the documentation, fix calendar syncing. */
export function QuickActions({ contactFormId, calendarSettingsPath, documentationUrl }: QuickActionsProps) {
  const { t } = useTranslation();
  const actions: { key: string; icon: ReactNode; target: Target }[] = [
    ...(contactFormId
      ? [
          {
            key: 'write',
            icon: <MessageIcon />,
            target: { kind: 'anchor', href: `#${contactFormId}` },
          } as const,
        ]
      : []),
    { key: 'docs', icon: <BookIcon />, target: { kind: 'external', href: documentationUrl } },
    { key: 'calendars', icon: <CalendarIcon />, target: { kind: 'page', to: calendarSettingsPath } },
  ];
  // The link covers the whole tile (its ::after), so the tile is one target.
  const linkClass = 'after:absolute after:inset-0 focus-visible:outline-none';

  return (
    <ul
      className={`grid grid-cols-1 gap-4 ${actions.length === 3 ? 'sm:grid-cols-3' : 'sm:grid-cols-2'}`}
      aria-label={t('support.quick.label')}
    >
      {actions.map(({ key, icon, target }) => (
        <li
          key={key}
          className="relative flex h-full items-start gap-3 rounded-2xl border border-slate-200/80 bg-white p-4 shadow-sm shadow-slate-900/5 transition-shadow focus-within:ring-2 focus-within:ring-teal-600 hover:shadow-md"
        >
          <span className="flex size-10 shrink-0 items-center justify-center rounded-xl bg-teal-50 text-teal-700">
            {icon}
          </span>
          <div>
            <h2 className="text-sm font-semibold text-slate-900">
              {target.kind === 'page' ? (
                <Link to={target.to} className={linkClass}>
                  {t(`support.quick.${key}`)}
                </Link>
              ) : (
                <a
                  href={target.href}
                  className={linkClass}
                  {...(target.kind === 'external' ? { target: '_blank', rel: 'noreferrer' } : {})}
                >
                  {t(`support.quick.${key}`)}
                  {target.kind === 'external' ? (
                    <span className="sr-only"> ({t('support.quick.newTab')})</span>
                  ) : null}
                </a>
              )}
            </h2>
            <p className="mt-0.5 text-sm text-slate-600">{t(`support.quick.${key}Body`)}</p>
          </div>
        </li>
      ))}
    </ul>
  );
}
