import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { BookIcon, CalendarIcon, MessageIcon } from '../../../components/icons.tsx';

interface QuickActionsProps {
  /** Where the contact form is, to jump to it. */
  contactFormId: string;
  calendarSettingsPath: string;
  documentationUrl: string;
}

/** Three ways to get help: write to the practice, read the documentation, fix calendar syncing. */
export function QuickActions({ contactFormId, calendarSettingsPath, documentationUrl }: QuickActionsProps) {
  const { t } = useTranslation();
  const tile =
    'relative flex h-full items-start gap-3 rounded-2xl border border-slate-200/80 bg-white p-4 shadow-sm shadow-slate-900/5 transition-shadow hover:shadow-md focus-within:ring-2 focus-within:ring-teal-600';
  return (
    <ul className="grid gap-4 sm:grid-cols-3" aria-label={t('support.quick.label')}>
      <li>
        <Tile
          className={tile}
          icon={<MessageIcon />}
          title={t('support.quick.write')}
          body={t('support.quick.writeBody')}
        >
          {(label) => (
            <a href={`#${contactFormId}`} className="after:absolute after:inset-0 focus-visible:outline-none">
              {label}
            </a>
          )}
        </Tile>
      </li>
      <li>
        <Tile
          className={tile}
          icon={<BookIcon />}
          title={t('support.quick.docs')}
          body={t('support.quick.docsBody')}
        >
          {(label) => (
            <a
              href={documentationUrl}
              target="_blank"
              rel="noreferrer"
              className="after:absolute after:inset-0 focus-visible:outline-none"
            >
              {label}
              <span className="sr-only"> ({t('support.quick.newTab')})</span>
            </a>
          )}
        </Tile>
      </li>
      <li>
        <Tile
          className={tile}
          icon={<CalendarIcon />}
          title={t('support.quick.calendars')}
          body={t('support.quick.calendarsBody')}
        >
          {(label) => (
            <Link
              to={calendarSettingsPath}
              className="after:absolute after:inset-0 focus-visible:outline-none"
            >
              {label}
            </Link>
          )}
        </Tile>
      </li>
    </ul>
  );
}

function Tile({
  className,
  icon,
  title,
  body,
  children,
}: {
  className: string;
  icon: ReactNode;
  title: string;
  body: string;
  children: (label: string) => ReactNode;
}) {
  return (
    <div className={className}>
      <span className="flex size-10 shrink-0 items-center justify-center rounded-xl bg-teal-50 text-teal-700">
        {icon}
      </span>
      <div>
        <h2 className="text-sm font-semibold text-slate-900">{children(title)}</h2>
        <p className="mt-0.5 text-sm text-slate-600">{body}</p>
      </div>
    </div>
  );
}
