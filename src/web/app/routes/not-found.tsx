import { useTranslation } from 'react-i18next';
import { ButtonLink } from '../../components/button.tsx';
import { CompassIcon } from '../../components/icons.tsx';
import { paths } from '../../lib/paths.ts';

export function Component() {
  const { t } = useTranslation();
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center px-6 text-center">
      <span className="flex size-14 items-center justify-center rounded-2xl bg-teal-50 text-teal-700">
        <CompassIcon className="size-7" />
      </span>
      <h1 className="mt-5 text-2xl font-semibold tracking-tight text-slate-900">{t('notFound.title')}</h1>
      <p className="mt-2 max-w-md text-slate-600">{t('notFound.body')}</p>
      <ButtonLink to={paths.dashboard.root} className="mt-6">
        {t('notFound.back')}
      </ButtonLink>
    </main>
  );
}
