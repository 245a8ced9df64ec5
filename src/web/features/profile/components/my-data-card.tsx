import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { Button } from '../../../components/button.tsx';
import { Card, CardBody, CardHeader } from '../../../components/card.tsx';
import { DownloadIcon, ShieldIcon } from '../../../components/icons.tsx';
import { errorText } from '../../../lib/form-errors.ts';
import { useDownloadMyData } from '../api/download-my-data.ts';

/** The reader's right of access and portability (GDPR art. 15 and 20): all they are known by, as one file. */
export function MyDataCard() {
  const { t } = useTranslation();
  const download = useDownloadMyData();
  const start = () =>
    download.mutate(undefined, {
      onSuccess: () => toast.success(t('profile.myData.done')),
      onError: (error) => toast.error(t('profile.myData.failed', { reason: errorText(t, error) })),
    });

  return (
    <Card>
      <CardHeader icon={<ShieldIcon />} title={t('profile.myData.title')} />
      <CardBody className="space-y-4">
        <p className="text-sm text-slate-600">{t('profile.myData.body')}</p>
        <p className="text-sm text-slate-500">{t('profile.myData.left')}</p>
        <Button
          variant="secondary"
          icon={<DownloadIcon className="size-4" />}
          onClick={start}
          isLoading={download.isPending}
        >
          {t(download.isPending ? 'profile.myData.preparing' : 'profile.myData.download')}
        </Button>
      </CardBody>
    </Card>
  );
}
