import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import type { Member, Role } from '../../../../shared/auth.ts';
import { BreakableEmail } from '../../../components/breakable-email.tsx';
import { Button } from '../../../components/button.tsx';
import { Card } from '../../../components/card.tsx';
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx';
import { EmptyState } from '../../../components/empty-state.tsx';
import { SearchField } from '../../../components/field.tsx';
import {
  AlertIcon,
  KeyIcon,
  MoreIcon,
  PencilIcon,
  TrashIcon,
  UsersIcon,
} from '../../../components/icons.tsx';
import { LoadingBlock } from '../../../components/load-state.tsx';
import { Menu } from '../../../components/menu.tsx';
import { SegmentedControl } from '../../../components/segmented-control.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { errorText } from '../../../lib/form-errors.ts';
import { initials } from '../../../lib/person-name.ts';
import { useConfirmation } from '../../../lib/use-confirmation.ts';
import { useMembers } from '../api/get-members.ts';
import { useRemoveMember } from '../api/remove-member.ts';
import { EditMemberDialog } from './edit-member-dialog.tsx';
import { CompanyLine } from './member-company.tsx';
import { MemberPasswordDialog } from './member-password-dialog.tsx';
import { RoleBadge } from './role-badge.tsx';

const filters = ['all', 'staff', 'client'] as const;
type Filter = (typeof filters)[number];

function matches(member: Member, filter: Filter, search: string) {
  if (filter === 'staff' && member.role === 'client') return false;
  if (filter === 'client' && member.role !== 'client') return false;
  const needle = search.trim().toLowerCase();
  return !needle || member.name.toLowerCase().includes(needle) || member.email.toLowerCase().includes(needle);
}

/**
 * The practice's people, one row each (stacked on a phone), with the company a member's invoices
 * are made out to: find, filter, correct, give a new password, remove.
 */
export function MembersList({ currentUserId, currentRole }: { currentUserId: string; currentRole: Role }) {
  const { t } = useTranslation();
  const members = useMembers();
  const remove = useRemoveMember();
  const [filter, setFilter] = useState<Filter>('all');
  const [search, setSearch] = useState('');
  const [resetting, setResetting] = useState<Member | null>(null);
  const [editing, setEditing] = useState<Member | null>(null);
  const {
    subject: removing,
    error: removeError,
    ask: askToRemove,
    fail: removeFailed,
  } = useConfirmation<Member>();

  const confirmRemove = async () => {
    if (!removing) return;
    try {
      await remove.mutateAsync(removing.id);
      toast.success(t('members.removed', { name: removing.name }));
      askToRemove(null);
    } catch (error) {
      // A voice assistant still books for them: say which, and what to do.
      const lines =
        isApiError(error) && error.code === 'MEMBER_HAS_ASSISTANT'
          ? (error.details as { assistants?: string[] } | undefined)?.assistants
          : undefined;
      removeFailed(
        lines?.length
          ? t('members.hasAssistant', {
              name: removing.name,
              assistants: lines.join(', '),
              count: lines.length,
            })
          : errorText(t, error),
      );
    }
  };

  if (members.isPending) {
    return (
      <Card>
        <LoadingBlock label={t('app.loading')} className="py-12" />
      </Card>
    );
  }
  if (members.isError) {
    return (
      <Card>
        <EmptyState
          icon={<AlertIcon className="size-6" />}
          title={t('members.loadFailed')}
          action={
            <Button variant="secondary" onClick={() => void members.refetch()}>
              {t('members.retry')}
            </Button>
          }
        />
      </Card>
    );
  }
  if (members.data.length === 0) {
    return (
      <Card>
        <EmptyState icon={<UsersIcon className="size-6" />} title={t('members.empty')} />
      </Card>
    );
  }

  const counts: Record<Filter, number> = {
    all: members.data.length,
    staff: members.data.filter((m) => m.role !== 'client').length,
    client: members.data.filter((m) => m.role === 'client').length,
  };
  const shown = members.data.filter((m) => matches(m, filter, search));

  return (
    <Card>
      <div className="flex flex-col gap-3 border-b border-slate-100 px-5 py-3 sm:flex-row sm:items-center sm:justify-between">
        <SegmentedControl
          legend={t('members.filter.label')}
          value={filter}
          onChange={setFilter}
          options={filters.map((value) => ({
            value,
            label: (
              <>
                {t(`members.filter.${value}`)}{' '}
                <span className="text-slate-500 tabular-nums">{counts[value]}</span>
              </>
            ),
          }))}
        />
        {/* The list is in the page already: it filters at each keystroke. */}
        <SearchField
          className="sm:w-64"
          label={t('members.search')}
          hideLabel
          placeholder={t('members.searchPlaceholder')}
          value={search}
          onSearch={setSearch}
          delayMs={0}
        />
      </div>
      <p className="sr-only" role="status">
        {t('members.count', { count: shown.length })}
      </p>
      {shown.length === 0 ? (
        <p className="px-5 py-8 text-center text-sm text-slate-500">{t('members.noMatch')}</p>
      ) : (
        <ul className="divide-y divide-slate-100" aria-label={t('members.listLabel')}>
          {shown.map((member) => {
            // As the API allows — details, password and removal alike: the owner for anyone but
            // themselves, an admin for clients.
            const mayManage =
              member.role !== 'owner' &&
              member.id !== currentUserId &&
              (currentRole === 'owner' || member.role === 'client');
            return (
              <li key={member.id} className="flex items-center gap-3 px-5 py-3.5 sm:gap-4">
                <span
                  aria-hidden="true"
                  className="flex size-10 shrink-0 items-center justify-center rounded-full bg-slate-100 text-sm font-semibold text-slate-600"
                >
                  {initials(member.name)}
                </span>
                <div className="min-w-0 flex-1">
                  <p className="flex flex-wrap items-center gap-x-2 text-sm font-medium text-slate-900">
                    <span className="truncate">{member.name}</span>
                    {member.id === currentUserId ? (
                      <span className="text-xs font-normal text-slate-500">({t('members.you')})</span>
                    ) : null}
                    {/* On a phone the role sits by the name, leaving the line below to the whole email. */}
                    <span className="sm:hidden">
                      <RoleBadge role={member.role} />
                    </span>
                  </p>
                  <p className="text-sm break-words text-slate-500 sm:truncate">
                    <BreakableEmail email={member.email} />
                  </p>
                  {member.phone ? (
                    <p className="truncate text-xs text-slate-500 sm:hidden">{member.phone}</p>
                  ) : null}
                  {member.company ? <CompanyLine company={member.company} /> : null}
                </div>
                <p className="hidden w-40 shrink-0 truncate text-sm text-slate-500 sm:block">
                  {member.phone ?? <span className="italic">{t('members.noPhone')}</span>}
                </p>
                {/* One width for every role ("Administrateur" the longest), so the phones line up. */}
                <div className="hidden w-28 shrink-0 sm:block">
                  <RoleBadge role={member.role} />
                </div>
                <div className="w-9 shrink-0">
                  {mayManage ? (
                    <Menu
                      label={t('members.actions', { name: member.name })}
                      trigger={<MoreIcon className="size-5" />}
                      items={[
                        {
                          key: 'edit',
                          label: t('members.edit.action'),
                          icon: <PencilIcon className="size-4.5" />,
                          onSelect: () => setEditing(member),
                        },
                        {
                          key: 'password',
                          label: t('members.password.action'),
                          icon: <KeyIcon className="size-4.5" />,
                          onSelect: () => setResetting(member),
                        },
                        {
                          key: 'remove',
                          label: t('members.remove'),
                          icon: <TrashIcon className="size-4.5" />,
                          tone: 'danger',
                          onSelect: () => askToRemove(member),
                        },
                      ]}
                    />
                  ) : null}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {resetting ? <MemberPasswordDialog member={resetting} onClose={() => setResetting(null)} /> : null}
      {editing ? <EditMemberDialog member={editing} onClose={() => setEditing(null)} /> : null}
      <ConfirmDialog
        open={removing !== null}
        onClose={() => askToRemove(null)}
        onConfirm={() => void confirmRemove()}
        title={t('members.removeDialog.title')}
        body={removing ? t('members.removeDialog.body', { name: removing.name }) : ''}
        confirmLabel={t('members.removeDialog.confirm')}
        cancelLabel={t('members.removeDialog.keep')}
        isLoading={remove.isPending}
        error={removeError}
      />
    </Card>
  );
}
