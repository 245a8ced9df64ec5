import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import type { Assistant } from '../../../../shared/assistants.ts';
import { Badge } from '../../../components/badge.tsx';
import { Button } from '../../../components/button.tsx';
import { Card } from '../../../components/card.tsx';
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx';
import { EmptyState } from '../../../components/empty-state.tsx';
import { AlertIcon, BotIcon, KeyIcon, PlusIcon } from '../../../components/icons.tsx';
import { LoadingBlock } from '../../../components/load-state.tsx';
import { cn } from '../../../lib/cn.ts';
import { errorText } from '../../../lib/form-errors.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { useConfirmation } from '../../../lib/use-confirmation.ts';
import { useAssistants } from '../api/get-assistants.ts';
import { useRevokeAssistant } from '../api/revoke-assistant.ts';
import type { Practitioner } from './assignee-select.tsx';
import { EditAssistantDialog } from './edit-assistant-dialog.tsx';

interface AssistantsListProps {
  practitioners: Practitioner[];
  timeZone: string;
  onCreate: () => void;
}

/** The assistants and their keys (by prefix only): who they book for, last use, revoke. */
export function AssistantsList({ practitioners, timeZone, onCreate }: AssistantsListProps) {
  const { t } = useTranslation();
  const assistants = useAssistants();
  const revoke = useRevokeAssistant();
  const {
    subject: revoking,
    error: revokeError,
    ask: askToRevoke,
    fail: revokeFailed,
  } = useConfirmation<Assistant>();
  const [editing, setEditing] = useState<Assistant | null>(null);
  const nameOf = (id: string | null) => practitioners.find((p) => p.id === id)?.name;

  const confirmRevoke = async () => {
    if (!revoking) return;
    try {
      await revoke.mutateAsync(revoking.id);
      toast.success(t('assistants.toast.revoked', { name: revoking.name }));
      askToRevoke(null);
    } catch (error) {
      revokeFailed(errorText(t, error));
    }
  };

  if (assistants.isPending) {
    return (
      <Card>
        <LoadingBlock label={t('app.loading')} className="py-12" />
      </Card>
    );
  }
  if (assistants.isError) {
    return (
      <Card>
        <EmptyState
          icon={<AlertIcon className="size-6" />}
          title={t('assistants.loadFailed')}
          action={
            <Button variant="secondary" onClick={() => void assistants.refetch()}>
              {t('assistants.retry')}
            </Button>
          }
        />
      </Card>
    );
  }
  if (assistants.data.length === 0) {
    return (
      <Card>
        <EmptyState
          icon={<BotIcon className="size-6" />}
          title={t('assistants.empty')}
          body={t('assistants.emptyBody')}
          action={
            <Button icon={<PlusIcon className="size-4" />} onClick={onCreate}>
              {t('assistants.add')}
            </Button>
          }
        />
      </Card>
    );
  }

  return (
    <Card>
      <ul className="divide-y divide-slate-100" aria-label={t('assistants.listLabel')}>
        {assistants.data.map((assistant) => {
          const isRevoked = assistant.revokedAt !== null;
          return (
            <li
              key={assistant.id}
              className="flex flex-col gap-3 px-5 py-4 sm:flex-row sm:items-center sm:gap-4"
            >
              <div className="flex min-w-0 flex-1 items-start gap-3">
                <span
                  aria-hidden="true"
                  className={cn(
                    'flex size-10 shrink-0 items-center justify-center rounded-xl',
                    isRevoked ? 'bg-slate-100 text-slate-500' : 'bg-teal-50 text-teal-700',
                  )}
                >
                  <BotIcon />
                </span>
                <div className="min-w-0 flex-1">
                  <p className="flex flex-wrap items-center gap-2">
                    <span
                      className={cn(
                        'min-w-0 truncate text-sm font-semibold',
                        isRevoked ? 'text-slate-600' : 'text-slate-900',
                      )}
                    >
                      {assistant.name}
                    </span>
                    <Badge tone={isRevoked ? 'neutral' : 'emerald'}>
                      {isRevoked ? t('assistants.revoked') : t('assistants.active')}
                    </Badge>
                  </p>
                  <p className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-500">
                    <span className="inline-flex items-center gap-1.5">
                      <KeyIcon className="size-4" />
                      <span className="sr-only">{t('assistants.keyPrefix')}</span>
                      <code className="font-mono text-xs text-slate-700">{assistant.apiKeyPrefix}…</code>
                    </span>
                    <span className="min-w-0">
                      {t('assistants.booksFor', {
                        name: nameOf(assistant.assigneeUserId) ?? t('assistants.owner'),
                      })}
                    </span>
                  </p>
                  <p className="mt-0.5 text-xs text-slate-500">
                    {isRevoked && assistant.revokedAt
                      ? t('assistants.revokedAt', { date: formatDateTime(assistant.revokedAt, timeZone) })
                      : assistant.lastUsedAt
                        ? t('assistants.lastUsed', { date: formatDateTime(assistant.lastUsedAt, timeZone) })
                        : t('assistants.neverUsed')}
                    {' · '}
                    {t('assistants.createdAt', { date: formatDateTime(assistant.createdAt, timeZone) })}
                  </p>
                </div>
              </div>
              {isRevoked ? null : (
                <div className="flex gap-2 self-start sm:self-center">
                  <Button
                    variant="secondary"
                    size="sm"
                    onClick={() => setEditing(assistant)}
                    aria-label={t('assistants.edit.named', { name: assistant.name })}
                  >
                    {t('assistants.edit.action')}
                  </Button>
                  <Button
                    variant="danger-secondary"
                    size="sm"
                    onClick={() => askToRevoke(assistant)}
                    aria-label={t('assistants.revokeNamed', { name: assistant.name })}
                  >
                    {t('assistants.revoke')}
                  </Button>
                </div>
              )}
            </li>
          );
        })}
      </ul>
      {editing ? (
        <EditAssistantDialog
          assistant={editing}
          practitioners={practitioners}
          onClose={() => setEditing(null)}
        />
      ) : null}
      <ConfirmDialog
        open={revoking !== null}
        onClose={() => askToRevoke(null)}
        onConfirm={() => void confirmRevoke()}
        title={t('assistants.revokeDialog.title')}
        body={revoking ? t('assistants.revokeDialog.body', { name: revoking.name }) : ''}
        confirmLabel={t('assistants.revokeDialog.confirm')}
        cancelLabel={t('assistants.revokeDialog.keep')}
        isLoading={revoke.isPending}
        error={revokeError}
      />
    </Card>
  );
}
