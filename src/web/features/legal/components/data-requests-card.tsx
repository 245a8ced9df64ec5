import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { toast } from 'sonner';
import type { Member, Role } from '../../../../shared/auth.ts';
import { Button } from '../../../components/button.tsx';
import { Card, CardBody, CardHeader } from '../../../components/card.tsx';
import { DownloadIcon, UserIcon } from '../../../components/icons.tsx';
import { LoadFailedBlock, LoadingBlock } from '../../../components/load-state.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { errorText } from '../../../lib/form-errors.ts';
import { paths } from '../../../lib/paths.ts';
import { useDownloadMemberData } from '../api/download-member-data.ts';
import { usePracticeMembers } from '../api/get-practice-members.ts';
import { MemberPicker } from './member-picker.tsx';

/**
 * A person asks the practice, by e-mail or phone, for the data it holds about them (GDPR art. 15):
 * staff pick them and download the very file they would download themselves.
 */
export function DataRequestsCard({
  currentUserId,
  currentRole,
}: {
  currentUserId: string;
  currentRole: Role;
}) {
  const { t } = useTranslation();
  const members = usePracticeMembers();
  // Whose file this reader may download: the owner anyone's, an admin a client's or their own.
  const mayExport = (member: Member) =>
    currentRole === 'owner' || member.role === 'client' || member.id === currentUserId;
  const download = useDownloadMemberData();
  const [picked, setPicked] = useState<Member | null>(null);

  const start = (member: Member) =>
    download.mutate(member.id, {
      onSuccess: () => toast.success(t('legal.requests.done', { name: member.name })),
      onError: (error) => {
        // Removed from the practice since the list was read: say so, and read it again.
        if (isApiError(error) && error.status === 404) {
          toast.error(t('legal.requests.gone', { name: member.name }));
          setPicked(null);
          void members.refetch();
          return;
        }
        toast.error(t('legal.requests.failed', { name: member.name, reason: errorText(t, error) }));
      },
    });

  return (
    <Card>
      <CardHeader
        icon={<UserIcon />}
        title={t('legal.requests.title')}
        description={t('legal.requests.description')}
      />
      {members.isPending ? (
        <LoadingBlock label={t('app.loading')} />
      ) : members.isError ? (
        <LoadFailedBlock
          message={t('legal.requests.loadFailed')}
          retryLabel={t('legal.requests.retry')}
          onRetry={() => void members.refetch()}
        />
      ) : (
        <CardBody className="space-y-4">
          <MemberPicker
            members={members.data.filter(mayExport)}
            pickedId={picked?.id ?? null}
            onPick={setPicked}
          />
          <div className="flex flex-col gap-3 sm:flex-row sm:items-center">
            <Button
              icon={<DownloadIcon className="size-4" />}
              onClick={() => picked && start(picked)}
              disabled={!picked}
              isLoading={download.isPending}
              className="self-start"
            >
              {t(download.isPending ? 'legal.requests.preparing' : 'legal.requests.download')}
            </Button>
            <p className="min-w-0 text-sm break-words text-slate-600" aria-live="polite">
              {picked ? t('legal.requests.picked', { name: picked.name }) : t('legal.requests.pickFirst')}
            </p>
          </div>
          <div className="space-y-2 border-t border-slate-100 pt-4 text-sm text-slate-500">
            <p>{t('legal.requests.themselves')}</p>
            <p>
              {t('legal.requests.noAccount')}{' '}
              <Link
                to={paths.admin.appointments}
                className="font-medium text-teal-700 underline decoration-teal-700/30 underline-offset-2 hover:decoration-teal-700"
              >
                {t('legal.requests.toAppointments')}
              </Link>
            </p>
          </div>
        </CardBody>
      )}
    </Card>
  );
}
