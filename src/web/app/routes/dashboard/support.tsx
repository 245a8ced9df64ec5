import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/page-header.tsx';
import { useMe } from '../../../features/auth/api/get-me.ts';
import { ContactForm } from '../../../features/support/components/contact-form.tsx';
import { Faq } from '../../../features/support/components/faq.tsx';
import { QuickActions } from '../../../features/support/components/quick-actions.tsx';
import { TicketsList } from '../../../features/support/components/tickets-list.tsx';
import { Tips } from '../../../features/support/components/tips.tsx';
import { paths } from '../../../lib/paths.ts';

const contactFormId = 'contact';

/** Spec 001 "Support Page": FAQ, quick actions, a contact form, tips; staff read the tickets instead of writing one. */
export function Component() {
  const { t } = useTranslation();
  const me = useMe();
  const audience = me.role === 'client' ? 'client' : 'staff';
  return (
    <>
      <PageHeader title={t('support.title')} description={t(`support.description.${audience}`)} />
      <div className="space-y-6">
        <QuickActions
          // Staff are the ones clients write to: they read the messages instead.
          contactFormId={audience === 'client' ? contactFormId : undefined}
          calendarSettingsPath={paths.dashboard.calendarSettings}
          documentationUrl={paths.api.apiDocs}
        />
        {audience === 'staff' ? (
          <div className="grid grid-cols-1 gap-6 lg:grid-cols-5">
            <div className="space-y-6 lg:col-span-3">
              <TicketsList isStaff timeZone={me.tenant.timezone} />
              <Faq audience="staff" />
            </div>
            <div className="lg:col-span-2">
              <Tips audience="staff" />
            </div>
          </div>
        ) : (
          <div className="grid grid-cols-1 gap-6 lg:grid-cols-5">
            <div className="space-y-6 lg:col-span-3">
              <Faq audience="client" />
              <Tips audience="client" />
            </div>
            <div className="space-y-6 lg:col-span-2">
              <ContactForm id={contactFormId} />
              <TicketsList isStaff={false} timeZone={me.tenant.timezone} />
            </div>
          </div>
        )}
      </div>
    </>
  );
}
