import { useTranslation } from 'react-i18next';
import { Card, CardBody, CardHeader } from '../../../components/card.tsx';
import { LightbulbIcon } from '../../../components/icons.tsx';

const tips = {
  client: ['details', 'confirm', 'sync'],
  staff: ['hours', 'busy', 'export'],
} as const;

/** A few habits that save a round trip: a client's with the practice, the practice's with its clients. */
export function Tips({ audience }: { audience: 'client' | 'staff' }) {
  const { t } = useTranslation();
  return (
    <Card>
      <CardHeader icon={<LightbulbIcon />} title={t('support.tips.title')} />
      <CardBody>
        <ul className="space-y-2.5 text-sm text-slate-600">
          {tips[audience].map((tip) => (
            <li key={tip} className="flex gap-2.5">
              <span aria-hidden="true" className="mt-2 size-1.5 shrink-0 rounded-full bg-teal-500" />
              {t(`support.tips.${audience}.${tip}`)}
            </li>
          ))}
        </ul>
      </CardBody>
    </Card>
  );
}
