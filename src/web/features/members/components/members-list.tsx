import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/button.tsx';
import { Card } from '../../../components/card.tsx';
import { EmptyState } from '../../../components/empty-state.tsx';
import { AlertIcon, UsersIcon } from '../../../components/icons.tsx';
import { Spinner } from '../../../components/spinner.tsx';
import { initials } from '../../../lib/initials.ts';
import { useMembers } from '../api/get-members.ts';
import { RoleBadge } from './role-badge.tsx';

/** The practice's people, one row each; stacks into cards on a phone. */
export function MembersList({ currentUserId }: { currentUserId: string }) {
  const { t } = useTranslation();
  const members = useMembers();

  if (members.isPending) {
    return (
      <Card className="flex items-center justify-center gap-3 py-12 text-sm text-slate-500" role="status">
        <Spinner className="size-5 text-teal-700" />
        {t('app.loading')}
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

  return (
    <Card>
      <div className="flex items-center justify-between border-b border-slate-100 px-5 py-3">
        <p className="text-sm font-medium text-slate-600">
          {t('members.count', { count: members.data.length })}
        </p>
      </div>
      <ul className="divide-y divide-slate-100">
        {members.data.map((member) => (
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
              </p>
              <p className="truncate text-sm text-slate-500">{member.email}</p>
              {member.phone ? (
                <p className="truncate text-xs text-slate-500 sm:hidden">{member.phone}</p>
              ) : null}
            </div>
            <p className="hidden w-40 shrink-0 truncate text-sm text-slate-500 sm:block">
              {member.phone ?? <span className="italic">{t('members.noPhone')}</span>}
            </p>
            <div className="shrink-0">
              <RoleBadge role={member.role} />
            </div>
          </li>
        ))}
      </ul>
    </Card>
  );
}
