import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import type { SupportTicket } from '../../../../shared/support.ts';
import { Badge } from '../../../components/badge.tsx';
import { Button } from '../../../components/button.tsx';
import { Card, CardHeader } from '../../../components/card.tsx';
import { FileTextIcon } from '../../../components/icons.tsx';
import { Spinner } from '../../../components/spinner.tsx';
import { errorText } from '../../../lib/form-errors.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { useSupportTickets } from '../api/get-support-tickets.ts';
import { useUpdateSupportTicket } from '../api/update-support-ticket.ts';

interface TicketsListProps {
  /** Staff see the practice's tickets, with their authors, and close them. */
  isStaff: boolean;
  timeZone: string;
}

/** The support requests sent so far: the reader's own, or all of the practice's for staff. */
export function TicketsList({ isStaff, timeZone }: TicketsListProps) {
  const { t } = useTranslation();
  const tickets = useSupportTickets();
  const audience = isStaff ? 'staff' : 'client';

  return (
    <Card>
      <CardHeader icon={<FileTextIcon />} title={t(`support.tickets.title.${audience}`)} />
      {tickets.isPending ? (
        <p className="flex items-center gap-2 px-5 py-6 text-sm text-slate-500" role="status">
          <Spinner className="size-4" />
          {t('support.tickets.loading')}
        </p>
      ) : tickets.isError ? (
        <p className="px-5 py-6 text-sm text-slate-600">{t('support.tickets.loadFailed')}</p>
      ) : tickets.data.length === 0 ? (
        <p className="px-5 py-6 text-sm text-slate-600">{t(`support.tickets.empty.${audience}`)}</p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {tickets.data.map((ticket) => (
            <li key={ticket.id} className="px-5 py-4">
              <TicketRow ticket={ticket} isStaff={isStaff} timeZone={timeZone} />
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function TicketRow({
  ticket,
  isStaff,
  timeZone,
}: {
  ticket: SupportTicket;
  isStaff: boolean;
  timeZone: string;
}) {
  const { t } = useTranslation();
  const update = useUpdateSupportTicket();
  const next = ticket.status === 'open' ? 'closed' : 'open';
  const toggle = () =>
    update.mutate(
      { id: ticket.id, status: next },
      {
        onSuccess: () => toast.success(t(`support.tickets.done.${next}`)),
        onError: (error) => toast.error(t('support.tickets.updateFailed', { reason: errorText(t, error) })),
      },
    );
  return (
    <article>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <h3 className="min-w-0 text-sm font-semibold text-slate-900">{ticket.subject}</h3>
        <Badge tone={ticket.status === 'open' ? 'amber' : 'emerald'}>
          {t(`support.tickets.status.${ticket.status}`)}
        </Badge>
      </div>
      <p className="mt-0.5 text-xs text-slate-500">
        {t(`support.categories.${ticket.category}`)} · {formatDateTime(ticket.createdAt, timeZone)}
        {isStaff ? ` · ${ticket.author?.name ?? t('support.tickets.formerMember')}` : ''}
      </p>
      <p className="mt-2 line-clamp-3 text-sm whitespace-pre-line text-slate-700">{ticket.message}</p>
      {isStaff ? (
        <div className="mt-3 flex flex-wrap gap-2">
          {ticket.author ? (
            <a
              href={`mailto:${ticket.author.email}?subject=${encodeURIComponent(`Re: ${ticket.subject}`)}`}
              className="inline-flex h-8 items-center rounded-lg px-3 text-sm font-medium text-teal-800 ring-1 ring-slate-300 ring-inset hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-teal-600"
            >
              {t('support.tickets.reply')}
              <span className="sr-only">: {ticket.subject}</span>
            </a>
          ) : null}
          <Button size="sm" variant="secondary" onClick={toggle} isLoading={update.isPending}>
            {t(`support.tickets.action.${next}`)}
            <span className="sr-only">: {ticket.subject}</span>
          </Button>
        </div>
      ) : null}
    </article>
  );
}
