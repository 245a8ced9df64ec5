import { useTranslation } from 'react-i18next';
import { ButtonLink } from '../../components/button.tsx';
import { Card } from '../../components/card.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { SparklesIcon } from '../../components/icons.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { paths } from '../../lib/paths.ts';

export type Section =
  | 'calendar'
  | 'appointments'
  | 'payments'
  | 'profile'
  | 'support'
  | 'adminDashboard'
  | 'adminAppointments'
  | 'products'
  | 'assistants'
  | 'settings';

/** A section announced in the navigation but not built yet: says so, in the reader's language. */
export function SectionPlaceholder({ section }: { section: Section }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t(`sections.${section}.title`)} description={t(`sections.${section}.description`)} />
      <Card>
        <EmptyState
          icon={<SparklesIcon className="size-6" />}
          title={t('sections.comingSoon')}
          body={t('sections.comingSoonBody')}
          action={
            <ButtonLink to={paths.dashboard.root} variant="secondary">
              {t('sections.backToOverview')}
            </ButtonLink>
          }
        />
      </Card>
    </>
  );
}
